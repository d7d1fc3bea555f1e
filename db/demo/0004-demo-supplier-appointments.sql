--liquibase formatted sql

--changeset portal:demo-0004-demo-supplier-appointments context:demo
--comment: Testbedrift AS has appointed Leverandør AS its supplier (admin-api.md 2.5), so the client Leverandør AS supplies to Testbedrift (demo-0003) keeps getting tokens.
insert into supplier_appointment (customer_orgno, supplier_orgno, own_scopes, created_by)
values ('310028142', '311654306', false, 'demo');
--rollback delete from supplier_appointment where created_by = 'demo';
