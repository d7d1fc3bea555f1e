--liquibase formatted sql

--changeset portal:demo-0001-demo-organisations context:demo
--comment: Demo organisations, people and prefixes for dev and demo runs. The subjects are what Quarkus's OIDC dev service (alice, bob) and the built-in demo login give.
insert into organisation (orgno, name) values
    ('991825827', 'Digitaliseringsdirektoratet'),
    ('889640782', 'Arbeids- og velferdsetaten'),
    ('974761076', 'Skatteetaten'),
    ('310028142', 'Testbedrift AS'),
    ('311654306', 'Leverandør AS');

insert into person (subject, name, platform_admin) values
    ('alice@example.com', 'Alice Admin', true),
    ('bob@example.com', 'Bob Utvikler', false);

insert into membership (person_id, orgno, role, granted_by)
select p.id, m.orgno, m.role, 'demo'
from person p
join (values
    ('alice@example.com', '991825827', 'ORG_ADMIN'),
    ('alice@example.com', '991825827', 'API_ADMIN'),
    ('alice@example.com', '991825827', 'INTEGRATION_ADMIN'),
    ('alice@example.com', '889640782', 'API_ADMIN'),
    ('alice@example.com', '974761076', 'INTEGRATION_ADMIN'),
    ('bob@example.com', '311654306', 'ORG_ADMIN'),
    ('bob@example.com', '311654306', 'INTEGRATION_ADMIN'),
    ('bob@example.com', '311654306', 'SUPPLIER'),
    ('bob@example.com', '310028142', 'API_ADMIN'),
    ('bob@example.com', '310028142', 'INTEGRATION_ADMIN')
) as m (subject, orgno, role) on m.subject = p.subject;

insert into scope_prefix (prefix, orgno) values
    ('difitest', '991825827'),
    ('nav', '889640782'),
    ('skatteetaten', '974761076'),
    ('testbedrift', '310028142');
--rollback delete from scope_prefix; delete from membership; delete from person; delete from organisation;
