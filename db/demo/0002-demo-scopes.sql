--liquibase formatted sql

--changeset portal:demo-0002-demo-scopes context:demo
--comment: A few demo scopes and access entries, so the catalogue and access lists have something in them.
insert into scope (name, prefix, subscope, owner_orgno, description, long_description, visibility,
                   accessible_for_all, allowed_integration_types, at_max_age)
values
    ('difitest:api3', 'difitest', 'api3', '991825827', 'Digitaliseringsdirektoratets API nummer 3 for demo-formål',
     E'Et **demo-API**.\n\nGir lesetilgang.', 'PUBLIC', false, '["maskinporten"]', 0),
    ('difitest:open.read', 'difitest', 'open.read', '991825827', 'Åpent demo-API for alle', null, 'PUBLIC', true,
     '["maskinporten"]', 0),
    ('nav:arbeid/test/scope', 'nav', 'arbeid/test/scope', '889640782', 'testcluster:testnamespace:testapp.arbeid/test/scope',
     null, 'PUBLIC', false, '["maskinporten"]', 0),
    ('skatteetaten:intern.read', 'skatteetaten', 'intern.read', '974761076', 'Internt API, ikke i katalogen', null,
     'PRIVATE', false, '[]', 600);

insert into scope_access (scope_id, consumer_orgno)
select s.id, c.orgno from scope s
join (values ('difitest:api3', '889640782'), ('difitest:api3', '310028142'), ('nav:arbeid/test/scope', '310028142'))
    as c (scope, orgno) on c.scope = s.name;
--rollback delete from scope_access; delete from scope;
