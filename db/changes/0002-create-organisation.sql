--liquibase formatted sql

--changeset portal:0002-create-organisation
create table organisation (
    orgno        varchar(9)   primary key,
    name         varchar(255) not null,
    created      timestamptz  not null default now(),
    last_updated timestamptz  not null default now(),
    version      bigint       not null default 0,
    constraint organisation_orgno_valid check (is_valid_orgno(orgno)),
    constraint organisation_name_not_blank check (length(trim(name)) > 0)
);
create index organisation_name_idx on organisation (lower(name));
--rollback drop table organisation;
