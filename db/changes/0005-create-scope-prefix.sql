--liquibase formatted sql

--changeset portal:0005-create-scope-prefix
--comment: Scope prefixes are assigned to an organisation by the platform administrator (admin-api.md 4.7).
create table scope_prefix (
    prefix       varchar(63) primary key,
    orgno        varchar(9)  not null references organisation (orgno),
    active       boolean     not null default true,
    created      timestamptz not null default now(),
    last_updated timestamptz not null default now(),
    constraint scope_prefix_format check (prefix ~ '^[a-z0-9][a-z0-9_-]*$')
);
create index scope_prefix_orgno_idx on scope_prefix (orgno);
--rollback drop table scope_prefix;
