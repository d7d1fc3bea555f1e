--liquibase formatted sql

--changeset portal:0080-add-scope-requires-dpop
--comment: DPoP per scope (issue 18): a token for a scope that requires DPoP is issued only with a valid proof (RFC 9449) and is bound to the proof's key (cnf.jkt). Our extension, not Digdir's.
alter table scope add column requires_dpop boolean not null default false;
--rollback alter table scope drop column requires_dpop;
