--liquibase formatted sql

--changeset portal:0027-add-person-last-organisation
--comment: The organisation a person last chose in the header switcher (issue 14), so that a new login lands there instead of on the alphabetically first one. Only a hint: it is used when the person still has a role there (checked on every request), and it goes when the organisation does.
alter table person add column last_orgno varchar(9) references organisation (orgno) on delete set null;
--rollback alter table person drop column last_orgno;
