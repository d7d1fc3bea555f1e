package no.samarbeidsportal.scopes;

import java.time.Instant;

/** admin-api.md 4.8: a delegation source. Configured, not edited, so its timestamps are the epoch, as Digdir's are. */
public record DelegationSourceJson(String name, String issuer, Instant created, Instant lastUpdated) {

    static DelegationSourceJson of(String name, String issuer) {
        return new DelegationSourceJson(name, issuer, Instant.EPOCH, Instant.EPOCH);
    }
}
