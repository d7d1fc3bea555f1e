--liquibase formatted sql

--changeset portal:demo-0001-demo-organisations context:demo
--comment: Demo organisations, people (the dev login's alice and bob) and prefixes for dev and demo runs.
insert into organisation (orgno, name) values
    ('991825827', 'Digitaliseringsdirektoratet'),
    ('889640782', 'Arbeids- og velferdsetaten'),
    ('974761076', 'Skatteetaten'),
    ('310028142', 'Testbedrift AS'),
    ('311654306', 'Leverandør AS');

insert into person (subject, name, platform_admin) values
    ('alice', 'Alice Admin', true),
    ('bob', 'Bob Utvikler', false);

insert into membership (person_id, orgno, role, granted_by)
select p.id, m.orgno, m.role, 'demo'
from person p
join (values
    ('alice', '991825827', 'ORG_ADMIN'),
    ('alice', '991825827', 'API_ADMIN'),
    ('alice', '991825827', 'INTEGRATION_ADMIN'),
    ('alice', '889640782', 'API_ADMIN'),
    ('alice', '974761076', 'INTEGRATION_ADMIN'),
    ('bob', '311654306', 'ORG_ADMIN'),
    ('bob', '311654306', 'INTEGRATION_ADMIN'),
    ('bob', '311654306', 'SUPPLIER'),
    ('bob', '310028142', 'API_ADMIN'),
    ('bob', '310028142', 'INTEGRATION_ADMIN')
) as m (subject, orgno, role) on m.subject = p.subject;

insert into scope_prefix (prefix, orgno) values
    ('difitest', '991825827'),
    ('nav', '889640782'),
    ('skatteetaten', '974761076'),
    ('testbedrift', '310028142');
--rollback delete from scope_prefix; delete from membership; delete from person; delete from organisation;
