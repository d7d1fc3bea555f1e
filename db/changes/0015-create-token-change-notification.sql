--liquibase formatted sql

--changeset portal:0015-create-token-change-notification splitStatements:false
--comment: Every change to what the token service decides on is announced on channel token_change when its transaction commits, so every instance drops its cached decisions at once (token-protocol.md 5; the issue's "within one second"). Statement triggers: a bulk import is one notification, and changes made outside the app count too.
create function notify_token_change() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('token_change', tg_table_name);
    return null;
end
$$;

create trigger client_token_change after insert or update or delete or truncate on client
    for each statement execute function notify_token_change();
create trigger client_key_token_change after insert or update or delete or truncate on client_key
    for each statement execute function notify_token_change();
create trigger scope_token_change after insert or update or delete or truncate on scope
    for each statement execute function notify_token_change();
create trigger scope_access_token_change after insert or update or delete or truncate on scope_access
    for each statement execute function notify_token_change();
create trigger delegation_token_change after insert or update or delete or truncate on delegation
    for each statement execute function notify_token_change();
create trigger signing_key_token_change after insert or update or delete or truncate on signing_key
    for each statement execute function notify_token_change();
--rollback drop trigger signing_key_token_change on signing_key; drop trigger delegation_token_change on delegation; drop trigger scope_access_token_change on scope_access; drop trigger scope_token_change on scope; drop trigger client_key_token_change on client_key; drop trigger client_token_change on client; drop function notify_token_change();
