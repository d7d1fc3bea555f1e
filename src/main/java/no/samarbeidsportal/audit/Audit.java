package no.samarbeidsportal.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.system.CorrelationId;

/** Writes the audit line of a change, in the change's own transaction, so there is never one without the other. */
@ApplicationScoped
public class Audit {

    private final Actor actor;
    private final Clock clock;
    private final CorrelationId correlationId;

    Audit(Actor actor, Clock clock, CorrelationId correlationId) {
        this.actor = actor;
        this.clock = clock;
        this.correlationId = correlationId;
    }

    /** Records that the acting person or client did {@code action} to a subject of {@code orgno}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent record(String orgno, AuditAction action, AuditSubject subject, Map<String, Object> before,
            Map<String, Object> after) {
        AuditEvent event = new AuditEvent();
        event.occurred = clock.instant();
        event.actorKind = actor.isAnonymous() ? "SYSTEM" : actor.kind().name();
        event.actor = actor.isAnonymous() ? "system" : actor.id();
        event.orgno = orgno;
        event.action = action.code();
        event.subjectType = subject.type();
        event.subjectId = subject.id();
        event.before = before;
        event.after = after;
        event.correlationId = correlationId.get();
        event.persist();
        return event;
    }
}
