package no.samarbeidsportal.access;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import no.samarbeidsportal.scopes.ScopeAccess;

/**
 * An access entry on the wire (admin-api.md 5, 6.5). The legacy {@code prefix} (always null) is omitted. The consumer's
 * own listing ({@code /scopes/access/all}) adds what it needs to know of the scope.
 */
@JsonPropertyOrder({"scope", "state", "created", "consumer_orgno", "consumer_organization_name", "last_updated",
    "owner_orgno", "owner_organization_name"})
public record AccessJson(String scope, String state, Instant created, String consumerOrgno,
        String consumerOrganizationName, Instant lastUpdated, String ownerOrgno, String ownerOrganizationName,
        String description, Boolean accessibleForAll, List<String> allowedIntegrationTypes) {

    static AccessJson of(AccessEntry e) {
        ScopeAccess a = e.access();
        return new AccessJson(a.scope.name, a.state.name(), a.created, a.consumerOrgno, e.consumerName(),
                a.lastUpdated, a.scope.ownerOrgno, e.ownerName(), null, null, null);
    }

    /** admin-api.md 5: the consumer's listing MAY carry the scope's description and who may use it. */
    static AccessJson granted(AccessEntry e) {
        ScopeAccess a = e.access();
        return new AccessJson(a.scope.name, a.state.name(), a.created, a.consumerOrgno, e.consumerName(),
                a.lastUpdated, a.scope.ownerOrgno, e.ownerName(), a.scope.description, a.scope.accessibleForAll,
                List.copyOf(a.scope.allowedIntegrationTypes));
    }
}
