--liquibase formatted sql

--changeset portal:0001-create-orgno-check splitStatements:false
--comment: Norwegian organisation number: 9 digits, MOD11 check digit with weights 3,2,7,6,5,4,3,2
create function is_valid_orgno(orgno text) returns boolean
    language sql immutable strict parallel safe
as $$
    select orgno ~ '^[0-9]{9}$'
       and (
           with r as (
               select 11 - ((3 * substr(orgno, 1, 1)::int + 2 * substr(orgno, 2, 1)::int
                           + 7 * substr(orgno, 3, 1)::int + 6 * substr(orgno, 4, 1)::int
                           + 5 * substr(orgno, 5, 1)::int + 4 * substr(orgno, 6, 1)::int
                           + 3 * substr(orgno, 7, 1)::int + 2 * substr(orgno, 8, 1)::int) % 11) as digit
           )
           select case when digit = 11 then 0 else digit end = substr(orgno, 9, 1)::int from r
       )
$$;
--rollback drop function is_valid_orgno(text);
