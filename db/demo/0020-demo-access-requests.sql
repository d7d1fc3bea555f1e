--liquibase formatted sql

--changeset portal:demo-0020-demo-access-requests context:demo
--comment: Digdir's demo API takes access requests from the catalogue (issue 16), and approves public bodies' (ORGL, STAT, KOMM, FYLK) at once.
update scope set takes_requests = true, auto_approve_org_forms = '["ORGL", "STAT", "KOMM", "FYLK"]'
where name = 'difitest:api3';
--rollback update scope set takes_requests = false, auto_approve_org_forms = '[]' where name = 'difitest:api3';
