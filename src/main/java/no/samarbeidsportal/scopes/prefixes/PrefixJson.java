package no.samarbeidsportal.scopes.prefixes;

import java.time.Instant;

/** admin-api.md 4.7: one of my prefixes. */
public record PrefixJson(String prefix, String ownerOrgno, String organizationName, Instant created,
        Instant lastUpdated, boolean active) {

    static PrefixJson of(ScopePrefix p) {
        return new PrefixJson(p.prefix, p.organisation.orgno, p.organisation.name, p.created, p.lastUpdated, p.active);
    }
}
