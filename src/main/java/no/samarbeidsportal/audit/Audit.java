package no.samarbeidsportal.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.system.CorrelationId;

/**
 * Writes the audit line of a change, in the change's own transaction, so there is never one without the other; and
 * tells the change's observers (webhooks) with an {@link AuditRecorded} event in the same transaction.
 */
@ApplicationScoped
public class Audit {

    private final Actor actor;
    private final Clock clock;
    private final CorrelationId correlationId;
    private final Event<AuditRecorded> recorded;

    Audit(Actor actor, Clock clock, CorrelationId correlationId, Event<AuditRecorded> recorded) {
        this.actor = actor;
        this.clock = clock;
        this.correlationId = correlationId;
        this.recorded = recorded;
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
        recorded.fire(new AuditRecorded(event, actor.isAnonymous() ? null : actor.orgno()));
        return event;
    }
}
