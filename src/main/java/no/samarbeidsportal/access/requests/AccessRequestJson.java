package no.samarbeidsportal.access.requests;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * An access request on the wire (issue 16), our extension: snake_case like Digdir's objects. In a body only
 * {@code scope}, {@code purpose} and {@code contact_email} are read (asking) or {@code reason} (deciding).
 */
@JsonPropertyOrder({"id", "scope", "owner_orgno", "consumer_orgno", "purpose", "contact_email", "state", "reason",
    "requested", "requested_by", "decided", "decided_by"})
public record AccessRequestJson(Long id, String scope, String ownerOrgno, String consumerOrgno, String purpose,
        String contactEmail, String state, String reason, Instant requested, String requestedBy, Instant decided,
        String decidedBy) {

    static AccessRequestJson of(AccessRequest r) {
        return new AccessRequestJson(r.id, r.scope.name, r.scope.ownerOrgno, r.consumerOrgno, r.purpose,
                r.contactEmail, r.state.name(), r.reason, r.requested, r.requestedBy, r.decided, r.decidedBy);
    }

    NewAccessRequest toCommand() {
        return new NewAccessRequest(scope, purpose, contactEmail);
    }

    Decision toDecision() {
        return new Decision(reason);
    }
}
