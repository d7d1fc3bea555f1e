--liquibase formatted sql

--changeset portal:demo-0010-demo-notice-contacts context:demo
--comment: Notice contacts of the demo organisations (issue 16), so a demo's notices reach the embedded SMTP server's mailbox at once.
insert into notice_contact (orgno, topic, email)
select o.orgno, t.topic, t.local || '@' || o.orgno || '.example.no'
from organisation o cross join (values ('ACCESS', 'tilgang'), ('KEYS', 'nokler')) as t (topic, local)
where o.orgno in ('991825827', '889640782', '974761076', '311654306', '310028142');
--rollback delete from notice_contact where email like '%.example.no';
