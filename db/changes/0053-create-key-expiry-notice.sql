--liquibase formatted sql

--changeset portal:0053-create-key-expiry-notice
--comment: Which expiry thresholds (30, 14, 7, 1 days before, 0 = expired) have been noticed for a key: the row is the once-only guarantee, inserted with on conflict do nothing by whichever instance checks first.
create table key_expiry_notice (
    client_key_id bigint      not null references client_key (id) on delete cascade,
    threshold     integer     not null,
    created       timestamptz not null default now(),
    primary key (client_key_id, threshold),
    constraint key_expiry_notice_threshold check (threshold in (30, 14, 7, 1, 0))
);
--rollback drop table key_expiry_notice;
