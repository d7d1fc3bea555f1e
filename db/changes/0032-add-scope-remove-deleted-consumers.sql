--liquibase formatted sql

--changeset portal:0032-add-scope-remove-deleted-consumers
--comment: Per scope, whether the access entries of organisations the register has as deleted are removed by the system after each register update (issue 15, access-list hygiene). Off by default; not part of Digdir's scope model, so not in the scope JSON.
alter table scope add column remove_deleted_consumers boolean not null default false;
--rollback alter table scope drop column remove_deleted_consumers;
