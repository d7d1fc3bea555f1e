package no.samarbeidsportal.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditRecorded;

/**
 * Turns every audit line into webhook events (issue 17), in the change's own transaction: the history and the
 * webhooks tell the same story, and a change that rolls back sends nothing.
 *
 * <p>The line's organisation gets the event as its history keeps it. An organisation the change is about without
 * owning it gets its own view: the consumer of an access list entry (only its own entry, never the rest of a bulk
 * import), the supplier a delegation is given to. Both sides of an access request and of a supplier appointment
 * already have a line each. An organisation other than the actor's never sees the acting person's or client's id,
 * only its kind, nor the other side's person ids in the values.
 */
@ApplicationScoped
public class WebhookEvents {

    /** Values that name a person; kept from every organisation but the actor's. */
    private static final Set<String> PERSON_FIELDS = Set.of("decided_by", "ended_by", "created_by");
    /** What a consumer sees of the owner's access list line. */
    private static final Set<String> CONSUMER_FIELDS = Set.of("scope", "consumer_orgno", "state", "reason",
            "deleted_on");

    private static final Map<String, WebhookEventType> TYPES = Map.ofEntries(
            Map.entry("access.granted", WebhookEventType.ACCESS_GRANTED),
            Map.entry("access.imported", WebhookEventType.ACCESS_GRANTED),
            Map.entry("access.revoked", WebhookEventType.ACCESS_REMOVED),
            Map.entry("access.requested", WebhookEventType.ACCESS_REQUESTED),
            Map.entry("access.request-approved", WebhookEventType.ACCESS_DECIDED),
            Map.entry("access.request-rejected", WebhookEventType.ACCESS_DECIDED),
            Map.entry("access.request-withdrawn", WebhookEventType.ACCESS_DECIDED),
            Map.entry("scope.created", WebhookEventType.SCOPE_CREATED),
            Map.entry("scope.updated", WebhookEventType.SCOPE_CHANGED),
            Map.entry("scope.reactivated", WebhookEventType.SCOPE_CHANGED),
            Map.entry("scope.deactivated", WebhookEventType.SCOPE_DEACTIVATED),
            Map.entry("client.created", WebhookEventType.CLIENT_CREATED),
            Map.entry("client.updated", WebhookEventType.CLIENT_CHANGED),
            Map.entry("client.secret-renewed", WebhookEventType.CLIENT_CHANGED),
            Map.entry("onbehalfof.created", WebhookEventType.CLIENT_CHANGED),
            Map.entry("onbehalfof.updated", WebhookEventType.CLIENT_CHANGED),
            Map.entry("onbehalfof.deleted", WebhookEventType.CLIENT_CHANGED),
            Map.entry("client.deactivated", WebhookEventType.CLIENT_DEACTIVATED),
            Map.entry("keys.added", WebhookEventType.KEY_ADDED),
            Map.entry("keys.replaced", WebhookEventType.KEY_ADDED),
            Map.entry("key.removed", WebhookEventType.KEY_REMOVED),
            Map.entry("keys.cleared", WebhookEventType.KEY_REMOVED),
            Map.entry("delegation.created", WebhookEventType.DELEGATION_GIVEN),
            Map.entry("delegation.withdrawn", WebhookEventType.DELEGATION_WITHDRAWN),
            Map.entry("supplier.appointed", WebhookEventType.SUPPLIER_APPOINTED),
            Map.entry("supplier.ended", WebhookEventType.SUPPLIER_ENDED));

    private static final Map<String, String> DECISIONS = Map.of(
            "access.request-approved", "approved",
            "access.request-rejected", "rejected",
            "access.request-withdrawn", "withdrawn");

    private final Webhooks webhooks;

    WebhookEvents(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    void on(@Observes AuditRecorded recorded) {
        AuditEvent line = recorded.event();
        WebhookEventType type = TYPES.get(line.action);
        if (type == null || line.orgno == null) {
            return;
        }
        String subject = line.subjectType + ":" + line.subjectId;
        Set<String> done = new LinkedHashSet<>();
        done.add(line.orgno);
        publish(line.orgno, type, subject, recorded, line.before, line.after);
        switch (type) {
            case ACCESS_GRANTED, ACCESS_REMOVED -> {
                List<String> consumers = consumers(line);
                // a bulk import names thousands: ask once which of them have an endpoint at all
                Set<String> listening = consumers.size() > 1 ? listening() : Set.copyOf(consumers);
                for (String consumer : consumers) {
                    if (listening.contains(consumer) && done.add(consumer)) {
                        publish(consumer, type, subject, recorded, consumerView(line.before, consumer),
                                consumerView(line.after, consumer));
                    }
                }
            }
            case DELEGATION_GIVEN, DELEGATION_WITHDRAWN -> {
                String supplier = text(line.after != null ? line.after : line.before, "supplier_orgno");
                if (supplier != null && done.add(supplier)) {
                    publish(supplier, type, subject, recorded, line.before, line.after);
                }
            }
            default -> {
                // the line's organisation only: requests and appointments are recorded on both sides already
            }
        }
    }

    /**
     * Publishes the change to {@code orgno}'s endpoints: {@code data} is {@code organisation} (the recipient),
     * {@code action} (the history's), {@code object}, {@code actor}, {@code before}, {@code after},
     * {@code correlation_id}, and for access.decided the {@code decision}.
     */
    private void publish(String orgno, WebhookEventType type, String subject, AuditRecorded recorded,
            Map<String, Object> before, Map<String, Object> after) {
        AuditEvent line = recorded.event();
        boolean own = "SYSTEM".equals(line.actorKind) || orgno.equals(recorded.actorOrgno());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organisation", orgno);
        data.put("action", line.action);
        if (DECISIONS.containsKey(line.action)) {
            data.put("decision", DECISIONS.get(line.action));
        }
        data.put("object", object(line.subjectType, line.subjectId));
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("kind", line.actorKind);
        if (own) {
            actor.put("id", line.actor);
        }
        data.put("actor", actor);
        data.put("before", own ? before : withoutPersons(before));
        data.put("after", own ? after : withoutPersons(after));
        data.put("correlation_id", line.correlationId);
        webhooks.publish(orgno, type, subject, data);
    }

    static Map<String, Object> object(String type, String id) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type);
        object.put("id", id);
        return object;
    }

    /**
     * The organisations with an active endpoint: one small query (each has at most a few endpoints) instead of one per
     * consumer, and no list of thousands of parameters.
     */
    private static Set<String> listening() {
        return Set.copyOf(WebhookEndpoint.getEntityManager().createQuery(
                "select distinct e.orgno from WebhookEndpoint e where e.active", String.class).getResultList());
    }

    /** The consumers an access list line is about: its consumer_orgno, or a bulk import's consumer_orgnos. */
    private static List<String> consumers(AuditEvent line) {
        List<String> consumers = new ArrayList<>();
        for (Map<String, Object> values : Arrays.asList(line.before, line.after)) {
            if (values == null) {
                continue;
            }
            if (values.get("consumer_orgno") instanceof String one) {
                consumers.add(one);
            }
            if (values.get("consumer_orgnos") instanceof Collection<?> many) {
                many.stream().filter(Objects::nonNull).map(String::valueOf).forEach(consumers::add);
            }
        }
        return consumers.stream().distinct().toList();
    }

    /** The consumer's own entry: the scope, itself, the state and why; never the rest of the access list. */
    private static Map<String, Object> consumerView(Map<String, Object> values, String consumer) {
        if (values == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (CONSUMER_FIELDS.contains(k)) {
                view.put(k, v);
            }
        });
        view.put("consumer_orgno", consumer);
        return view;
    }

    private static Map<String, Object> withoutPersons(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>(values);
        view.keySet().removeAll(PERSON_FIELDS);
        return view;
    }

    private static String text(Map<String, Object> values, String key) {
        return values == null || values.get(key) == null ? null : String.valueOf(values.get(key));
    }
}
