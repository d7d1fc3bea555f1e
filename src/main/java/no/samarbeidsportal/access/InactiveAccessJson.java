package no.samarbeidsportal.access;

import java.time.LocalDate;

/**
 * An extension of ours (issue 15): an approved access entry whose organisation the register has as deleted, bankrupt or
 * under (forced) liquidation. {@code status} is DELETED, BANKRUPT, UNDER_LIQUIDATION or UNDER_FORCED_LIQUIDATION;
 * {@code deleted_on} the register's deletion date, when deleted.
 */
public record InactiveAccessJson(String scope, String consumerOrgno, String consumerOrganizationName, String status,
        LocalDate deletedOn) {

    static InactiveAccessJson of(InactiveAccess i) {
        return new InactiveAccessJson(i.scope(), i.consumerOrgno(), i.consumerName(), i.status().name(), i.deletedOn());
    }
}
