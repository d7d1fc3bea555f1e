package no.samarbeidsportal.history;

import java.time.Instant;
import java.util.Map;
import no.samarbeidsportal.audit.AuditEvent;

/** One change in the organisation's history, on the wire. */
public record HistoryJson(long id, Instant occurred, String actorKind, String actor, String orgno, String action,
        String subjectType, String subjectId, Map<String, Object> before, Map<String, Object> after,
        String correlationId) {

    static HistoryJson of(AuditEvent e) {
        return new HistoryJson(e.id, e.occurred, e.actorKind, e.actor, e.orgno, e.action, e.subjectType, e.subjectId,
                e.before, e.after, e.correlationId);
    }
}
