--liquibase formatted sql

--changeset portal:demo-0005-demo-register context:demo
--comment: A small copy of Enhetsregisteret for dev and demo runs, without network (issue 15): the demo organisations and 26 made-up units and sub-units with valid check digits, among them bankrupt, deleted and liquidating ones, so names and statuses show from the first start. With PORTAL_REGISTER_ENABLED=true the first run replaces it with a full load.
insert into register_unit (orgno, name, org_form, parent_orgno, status, deleted_on, registered_on, kind) values
    ('991825827', 'DIGITALISERINGSDIREKTORATET', 'ORGL', null, 'ACTIVE', null, '2008-01-01', 'ENHET'),
    ('889640782', 'ARBEIDS- OG VELFERDSETATEN', 'ORGL', null, 'ACTIVE', null, '2006-06-07', 'ENHET'),
    ('974761076', 'SKATTEETATEN', 'ORGL', null, 'ACTIVE', null, '1995-02-20', 'ENHET'),
    ('310028142', 'TESTBEDRIFT AS', 'AS', null, 'ACTIVE', null, '2018-04-12', 'ENHET'),
    ('311654306', 'LEVERANDØR AS', 'AS', null, 'ACTIVE', null, '2019-09-30', 'ENHET'),
    ('313100073', 'NORDLYS ANALYSE AS', 'AS', null, 'ACTIVE', null, '2006-01-17', 'ENHET'),
    ('313100146', 'FJELLTOPP REGNSKAP AS', 'AS', null, 'ACTIVE', null, '2023-01-06', 'ENHET'),
    ('313100219', 'BØLGEKRAFT TEKNOLOGI AS', 'AS', null, 'BANKRUPT', null, '2007-01-02', 'ENHET'),
    ('313100286', 'HAVBRIS EIENDOM AS', 'AS', null, 'UNDER_LIQUIDATION', null, '2021-03-28', 'ENHET'),
    ('313100359', 'STORMKAST HOLDING AS', 'AS', null, 'UNDER_FORCED_LIQUIDATION', null, '2022-06-08', 'ENHET'),
    ('313100421', 'GAMLE BRYGGE KONSULENT AS', 'AS', null, 'DELETED', '2025-06-30', '2003-06-15', 'ENHET'),
    ('313100499', 'SOLSIKKE BARNEHAGE SA', 'SA', null, 'ACTIVE', null, '2022-06-09', 'ENHET'),
    ('313100561', 'FOSSEFALL ENERGI ASA', 'ASA', null, 'ACTIVE', null, '2012-05-12', 'ENHET'),
    ('313100634', 'TINDVEGGEN KLATREKLUBB', 'FLI', null, 'ACTIVE', null, '2007-04-28', 'ENHET'),
    ('313100707', 'VESTAVIND RØRLEGGERSERVICE ENK', 'ENK', null, 'ACTIVE', null, '2011-06-08', 'ENHET'),
    ('313100774', 'ELVEBREDDEN LEGESENTER DA', 'DA', null, 'ACTIVE', null, '2009-12-17', 'ENHET'),
    ('313100847', 'MOLTEBÆR MEDIA AS', 'AS', null, 'ACTIVE', null, '2013-04-19', 'ENHET'),
    ('313100987', 'SKOGSTJERNE IT AS', 'AS', null, 'BANKRUPT', null, '2014-07-16', 'ENHET'),
    ('313101053', 'KYSTLINJE LOGISTIKK AS', 'AS', null, 'ACTIVE', null, '2002-08-19', 'ENHET'),
    ('313101126', 'POLARSIRKEL HELSE AS', 'AS', null, 'ACTIVE', null, '2011-08-19', 'ENHET'),
    ('313101193', 'DRAGEFJELL DATA AS', 'AS', null, 'DELETED', '2024-12-31', '2010-12-21', 'ENHET'),
    ('313101266', 'NORDKAPP INTEGRASJON AS', 'AS', null, 'ACTIVE', null, '2014-07-25', 'ENHET'),
    ('313101339', 'BREEN PROGRAMVARE AS', 'AS', null, 'ACTIVE', null, '2002-08-27', 'ENHET'),
    ('313101401', 'FJORDGLIMT STIFTELSE', 'STI', null, 'ACTIVE', null, '2000-04-05', 'ENHET'),
    ('313101479', 'LYNGHEI SAMEIE', 'ESEK', null, 'ACTIVE', null, '2017-03-20', 'ENHET'),
    ('313101541', 'MIDNATTSSOL TRANSPORT AS', 'AS', null, 'UNDER_LIQUIDATION', null, '2022-12-01', 'ENHET'),
    ('313101614', 'DIGITALISERINGSDIREKTORATET AVD OSLO', 'BEDR', '991825827', 'ACTIVE', null, '2020-01-10', 'UNDERENHET'),
    ('313101681', 'DIGITALISERINGSDIREKTORATET AVD LEIKANGER', 'BEDR', '991825827', 'ACTIVE', null, '2020-01-17', 'UNDERENHET'),
    ('313101754', 'TESTBEDRIFT AS AVD BERGEN', 'BEDR', '310028142', 'ACTIVE', null, '2020-01-16', 'UNDERENHET'),
    ('313101827', 'LEVERANDØR AS AVD TRONDHEIM', 'BEDR', '311654306', 'ACTIVE', null, '2020-01-05', 'UNDERENHET'),
    ('313101894', 'BØLGEKRAFT TEKNOLOGI AS AVD STAVANGER', 'BEDR', '313100219', 'DELETED', '2025-02-28', '2021-05-05', 'UNDERENHET');
update register_state set units = (select count(*) from register_unit) where id = 1;
--rollback delete from register_unit;
