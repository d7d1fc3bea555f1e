--liquibase formatted sql

--changeset portal:demo-0003-demo-clients context:demo
--comment: Demo clients: Testbedrift's own, and one Leverandør AS supplies to Testbedrift, with the scopes they were granted. No keys: add one on the client page.
insert into client (client_id, client_orgno, supplier_orgno, integration_type, client_name, description,
                    token_endpoint_auth_method, grant_types, scopes)
values
    ('0b6f2d9c-6f2a-4c55-9a57-2f0c2a6f3e01', '310028142', null, 'maskinporten', 'testbedrift-lonn',
     'Lønnssystemet henter data fra NAV', 'private_key_jwt', '["urn:ietf:params:oauth:grant-type:jwt-bearer"]',
     '["nav:arbeid/test/scope"]'),
    ('7d1c4e8a-3b9f-4d2e-8c61-5a4f9b2e7c02', '310028142', '311654306', 'maskinporten', 'testbedrift-regnskap',
     'Regnskapssystemet, levert av Leverandør AS', 'private_key_jwt',
     '["urn:ietf:params:oauth:grant-type:jwt-bearer"]', '["difitest:api3", "difitest:open.read"]');
--rollback delete from client;
