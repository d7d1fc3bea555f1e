--liquibase formatted sql

--changeset portal:0031-create-register-state
--comment: Where the register copy stands (issue 15), one row: when the last full load finished, the last change-feed oppdateringsid applied per kind, and the last success and failure with its message, for the platform administrator's status and the next run's retry.
create table register_state (
    id                  smallint     not null default 1,
    full_load_at        timestamptz,
    full_load_started   timestamptz,
    enhet_feed_id       bigint,
    underenhet_feed_id  bigint,
    last_success_at     timestamptz,
    last_failure_at     timestamptz,
    last_failure        varchar(2000),
    units               bigint       not null default 0,
    constraint register_state_pkey primary key (id),
    constraint register_state_one_row check (id = 1)
);
insert into register_state (id) values (1);
--rollback drop table register_state;
