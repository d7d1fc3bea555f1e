--liquibase formatted sql

--changeset portal:0060-add-scope-request-policy
--comment: Per scope, whether its owner takes access requests from the catalogue (issue 16), and the organisational forms (Enhetsregisteret's codes, e.g. KOMM, STAT) whose requests are approved at once.
alter table scope add column takes_requests boolean not null default false;
alter table scope add column auto_approve_org_forms jsonb not null default '[]';
alter table scope add constraint scope_auto_approve_org_forms_array check (jsonb_typeof(auto_approve_org_forms) = 'array');
--rollback alter table scope drop column auto_approve_org_forms; alter table scope drop column takes_requests;
