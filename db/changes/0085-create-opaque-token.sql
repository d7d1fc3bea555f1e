--liquibase formatted sql

--changeset portal:0085-create-opaque-token
--comment: Opaque (reference) access tokens (issue 18): issued for scopes with token_type OPAQUE. Only SHA-256 of the token is kept, with the claims its JWT would have had. The row is the truth for introspection and revocation on every instance; rows past expires are deleted once a minute.
create table opaque_token (
    token_hash  bytea        primary key,
    -- the organisation that owns every scope of the token: the only one that may introspect it
    scope_owner varchar(9)   not null,
    client_id   varchar(255) not null,
    consumer    varchar(9)   not null,
    scope       text         not null,
    claims      jsonb        not null,
    issued      timestamptz  not null,
    expires     timestamptz  not null,
    revoked     timestamptz,
    constraint opaque_token_hash_length check (octet_length(token_hash) = 32)
);
create index opaque_token_expires_idx on opaque_token (expires);
--rollback drop table opaque_token;
