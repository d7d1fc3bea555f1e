package no.samarbeidsportal.audit;

import java.time.Instant;
import java.util.Map;

/** One change in the organisation's history, on the wire. */
public record AuditJson(long id, Instant occurred, String actorKind, String actor, String orgno, String action,
        String subjectType, String subjectId, Map<String, Object> before, Map<String, Object> after,
        String correlationId) {

    static AuditJson of(AuditEvent e) {
        return new AuditJson(e.id, e.occurred, e.actorKind, e.actor, e.orgno, e.action, e.subjectType, e.subjectId,
                e.before, e.after, e.correlationId);
    }
}
