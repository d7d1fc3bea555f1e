package no.samarbeidsportal.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change: who (person or client), for which organisation, when, and the values before and after. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant occurred;

    @Column(name = "actor_kind", nullable = false, length = 16)
    public String actorKind;

    @Column(nullable = false)
    public String actor;

    @Column(length = 9)
    public String orgno;

    @Column(nullable = false, length = 64)
    public String action;

    @Column(name = "subject_type", nullable = false, length = 64)
    public String subjectType;

    @Column(name = "subject_id", nullable = false)
    public String subjectId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_value")
    public Map<String, Object> before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_value")
    public Map<String, Object> after;

    @Column(name = "correlation_id", length = 64)
    public String correlationId;

    /** Records a change the system made itself, outside any request (start-up, key rotation); fires {@link AuditRecorded}. */
    public static AuditEvent bySystem(String orgno, AuditAction action, AuditSubject subject,
            Map<String, Object> after) {
        AuditEvent event = new AuditEvent();
        event.occurred = java.time.Instant.now();
        event.actorKind = "SYSTEM";
        event.actor = "system";
        event.orgno = orgno;
        event.action = action.code();
        event.subjectType = subject.type();
        event.subjectId = subject.id();
        event.after = after;
        event.persist();
        // a static helper has no injection point: the observers are reached through the bean manager
        jakarta.enterprise.inject.spi.CDI.current().getBeanManager().getEvent().select(AuditRecorded.class)
                .fire(new AuditRecorded(event, null));
        return event;
    }

    public String actorKindKey() {
        return "audit.actor." + actorKind;
    }

    /** The message key that names the action for people. */
    public String actionKey() {
        return "audit." + action;
    }

    /**
     * What changed, for people: "field: before → after" for each changed value, or "field: value" for a new
     * subject. Long lists are shortened; the API gives the full values.
     */
    public List<String> changes() {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        if (after != null) {
            keys.addAll(after.keySet());
        }
        if (before != null) {
            keys.addAll(before.keySet());
        }
        List<String> changes = new java.util.ArrayList<>();
        for (String key : keys) {
            Object old = before == null ? null : before.get(key);
            Object now = after == null ? null : after.get(key);
            if (before == null) {
                changes.add(key + ": " + shown(now));
            } else if (!java.util.Objects.equals(old, now)) {
                changes.add(key + ": " + shown(old) + " → " + shown(now));
            }
        }
        return changes;
    }

    private static String shown(Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof java.util.Collection<?> list && list.size() > 5) {
            return list.stream().limit(5).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ",
                    "[", ", … (" + list.size() + ")]"));
        }
        String text = String.valueOf(value);
        return text.length() > 120 ? text.substring(0, 117) + "…" : text;
    }

    /** The organisation's own history, newest first. */
    public static List<AuditEvent> ofOrganisation(String orgno, int limit) {
        return find("orgno = ?1 order by occurred desc, id desc", orgno).page(0, limit).list();
    }

    public static List<AuditEvent> ofSubject(String subjectType, String subjectId) {
        return list("subjectType = ?1 and subjectId = ?2 order by occurred desc, id desc", subjectType, subjectId);
    }
}
