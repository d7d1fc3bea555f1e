--liquibase formatted sql

--changeset portal:0030-create-register-unit
--comment: The portal's copy of Enhetsregisteret (issue 15): one row per unit (ENHET) and sub-unit (UNDERENHET) with what a person needs to recognise an organisation number: its name, form, parent unit and status. Filled by a bulk load into a new table that replaces this one in one transaction, then kept current from the change feed. No foreign key points here: a number on an access list need not be in the register.
create table register_unit (
    orgno         char(9)      not null,
    name          varchar(500) not null,
    org_form      varchar(16),
    parent_orgno  char(9),
    status        varchar(32)  not null,
    deleted_on    date,
    registered_on date,
    kind          varchar(16)  not null,
    updated_at    timestamptz  not null default now(),
    constraint register_unit_pkey primary key (orgno),
    constraint register_unit_orgno_digits check (orgno ~ '^[0-9]{9}$'),
    constraint register_unit_status_known check (status in ('ACTIVE', 'DELETED', 'BANKRUPT', 'UNDER_LIQUIDATION',
        'UNDER_FORCED_LIQUIDATION')),
    constraint register_unit_kind_known check (kind in ('ENHET', 'UNDERENHET')),
    constraint register_unit_deleted_has_date check ((status = 'DELETED') = (deleted_on is not null))
);
--rollback drop table register_unit;
