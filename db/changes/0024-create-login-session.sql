--liquibase formatted sql

--changeset portal:0024-create-login-session
--comment: People's login sessions, kept on the server so that logging out, an idle timeout and a maximum lifetime end them: the session cookie holds only a random id, this table its SHA-256 and the login's tokens (encrypted by quarkus-oidc with the client secret or quarkus.oidc.token-state-manager.encryption-secret).
create table login_session (
    id_hash                 bytea       primary key,
    id_token                text        not null,
    access_token            text,
    access_token_expires_in bigint,
    access_token_scope      text,
    refresh_token           text,
    started                 timestamptz not null,
    last_seen               timestamptz not null,
    constraint login_session_hash_length check (octet_length(id_hash) = 32),
    constraint login_session_seen_after_start check (last_seen >= started)
);
create index login_session_last_seen_idx on login_session (last_seen);
create index login_session_started_idx on login_session (started);
--rollback drop table login_session;
