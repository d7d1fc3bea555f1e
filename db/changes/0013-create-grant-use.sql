--liquibase formatted sql

--changeset portal:0013-create-grant-use
--comment: Grants already used (token-protocol.md 9), shared by every instance of the token service: the key is SHA-256 of client_id and jti (or of the whole assertion when it has no jti); kept until the grant's exp plus the leeway.
create table grant_use (
    grant_hash bytea       primary key,
    expires    timestamptz not null,
    constraint grant_use_hash_length check (octet_length(grant_hash) = 32)
);
create index grant_use_expires_idx on grant_use (expires);
--rollback drop table grant_use;
