package no.samarbeidsportal.access;

import java.time.LocalDate;
import no.samarbeidsportal.register.RegisterStatus;

/**
 * An approved access entry whose organisation the register has as deleted, bankrupt or under (forced) liquidation:
 * one the provider should probably remove (issue 15). {@code deletedOn} is the register's deletion date, if deleted.
 */
public record InactiveAccess(String scope, String consumerOrgno, String consumerName, RegisterStatus status,
        LocalDate deletedOn) {

    /** The register's deletion date as people write it, "30.06.2025"; null when not deleted. */
    public String deletedOnShown() {
        return InactiveAccessService.shown(deletedOn);
    }

    /** The message key that names the status for people, "Konkurs". */
    public String statusKey() {
        return InactiveAccessService.statusKey(status);
    }
}
