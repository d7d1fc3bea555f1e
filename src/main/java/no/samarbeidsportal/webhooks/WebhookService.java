package no.samarbeidsportal.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/**
 * An organisation's webhook endpoints (issue 17), kept by its administrators (NOTICES_MANAGE: ORG_ADMIN, or a token
 * with idporten:scopes.write or idporten:dcr.write, the same who keep where its e-mail notices go), with each one's
 * delivery log, "send again" and "send a test event". The signing secret is made here and handed back only by
 * {@link #create} and {@link #rotateSecret}; nothing else returns it, logs it or audits it.
 */
@ApplicationScoped
public class WebhookService {

    /** How many attempts and deliveries the log shows, newest first. */
    public static final int LOG_SIZE = 50;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An endpoint with the secret it signs with, in the one answer that shows it. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {

        @Override
        public String toString() {
            return "WithSecret[endpoint=" + (endpoint == null ? null : endpoint.id) + ", secret=(hidden)]";
        }
    }

    /** One try in the log, with the delivery and message it belongs to. */
    public record LogAttempt(WebhookAttempt attempt, WebhookDelivery delivery) {
    }

    /** An endpoint's delivery log: its latest deliveries (unsent ones first) and its latest attempts. */
    public record Log(WebhookEndpoint endpoint, List<WebhookDelivery> deliveries, List<LogAttempt> attempts) {
    }

    private final Actor actor;
    private final Audit audit;
    private final Validator validator;
    private final Clock clock;
    private final OutboundGuard guard;
    private final WebhookConfig config;
    private final Webhooks webhooks;

    WebhookService(Actor actor, Audit audit, Validator validator, Clock clock, OutboundGuard guard,
            WebhookConfig config, Webhooks webhooks) {
        this.actor = actor;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
        this.guard = guard;
        this.config = config;
        this.webhooks = webhooks;
    }

    /** The acting organisation's endpoints, oldest first. */
    public List<WebhookEndpoint> list() {
        actor.require(Permission.NOTICES_MANAGE);
        return WebhookEndpoint.of(actor.orgno());
    }

    /** One of the acting organisation's endpoints; another organisation's is not found. */
    public WebhookEndpoint show(long id) {
        actor.require(Permission.NOTICES_MANAGE);
        return own(id);
    }

    /** The event types an endpoint may subscribe to. */
    public List<WebhookEventType> eventTypes() {
        actor.require(Permission.NOTICES_MANAGE);
        return Arrays.stream(WebhookEventType.values()).filter(WebhookEventType::subscribable).toList();
    }

    /** Registers an endpoint with a new secret; an organisation has at most the configured number of endpoints. */
    @Transactional
    public WithSecret create(NewWebhook command) {
        actor.require(Permission.NOTICES_MANAGE);
        Violations violations = Violations.of(validator, command, "Webhook");
        url(command.url(), violations);
        List<String> types = types(command.eventTypes(), violations);
        if (WebhookEndpoint.count("orgno", actor.orgno()) >= config.maxEndpoints()) {
            violations.field("url", "webhooks.too-many", config.maxEndpoints());
        }
        violations.throwIfAny();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.orgno = actor.orgno();
        endpoint.url = command.url().strip();
        endpoint.description = blankToNull(command.description());
        endpoint.eventTypes = new ArrayList<>(types);
        endpoint.active = command.active() == null || command.active();
        endpoint.secret = newSecret();
        endpoint.created = clock.instant();
        endpoint.persist();
        audit.record(actor.orgno(), AuditAction.WEBHOOK_CREATED, AuditSubject.webhookEndpoint(endpoint.id), null,
                values(endpoint));
        return new WithSecret(endpoint, endpoint.secret);
    }

    /** Replaces an endpoint's URL, description, event types and state; turning it on again forgets its failures. */
    @Transactional
    public WebhookEndpoint change(long id, WebhookChange command) {
        actor.require(Permission.NOTICES_MANAGE);
        Violations violations = Violations.of(validator, command, "Webhook");
        url(command.url(), violations);
        List<String> types = types(command.eventTypes(), violations);
        WebhookEndpoint endpoint = own(id);
        violations.throwIfAny();
        Map<String, Object> before = values(endpoint);
        String urlBefore = endpoint.url;
        boolean active = command.active() == null ? endpoint.active : command.active();
        if (active && !endpoint.active) {
            // the sender turned it off after failures; a person turning it on gives it a fresh start
            endpoint.disabledReason = null;
            endpoint.failuresInARow = 0;
        }
        endpoint.url = command.url().strip();
        endpoint.description = blankToNull(command.description());
        endpoint.eventTypes = new ArrayList<>(types);
        endpoint.active = active;
        Map<String, Object> after = values(endpoint);
        if (!after.equals(before) || !urlBefore.equals(endpoint.url)) {
            audit.record(actor.orgno(), AuditAction.WEBHOOK_UPDATED, AuditSubject.webhookEndpoint(id), before, after);
        }
        return endpoint;
    }

    /** Deletes an endpoint with its deliveries and log. */
    @Transactional
    public WebhookEndpoint delete(long id) {
        actor.require(Permission.NOTICES_MANAGE);
        WebhookEndpoint endpoint = own(id);
        Map<String, Object> before = values(endpoint);
        endpoint.delete();
        audit.record(actor.orgno(), AuditAction.WEBHOOK_DELETED, AuditSubject.webhookEndpoint(id), before, null);
        return endpoint;
    }

    /**
     * Gives an endpoint a new secret; the old one keeps signing too (both signatures are sent) for the configured
     * overlap, so the receiver can switch without losing an event.
     */
    @Transactional
    public WithSecret rotateSecret(long id) {
        actor.require(Permission.NOTICES_MANAGE);
        WebhookEndpoint endpoint = own(id);
        Instant now = clock.instant();
        endpoint.previousSecret = endpoint.secret;
        endpoint.previousSecretUntil = now.plus(config.rotationOverlap());
        endpoint.secret = newSecret();
        Map<String, Object> after = values(endpoint);
        after.put("previous_secret_until", endpoint.previousSecretUntil.toString());
        audit.record(actor.orgno(), AuditAction.WEBHOOK_SECRET_ROTATED, AuditSubject.webhookEndpoint(id), null, after);
        return new WithSecret(endpoint, endpoint.secret);
    }

    /** An endpoint's latest deliveries (pending and failed ones first) and latest attempts. */
    public Log log(long id) {
        actor.require(Permission.NOTICES_MANAGE);
        WebhookEndpoint endpoint = own(id);
        List<WebhookDelivery> deliveries = WebhookDelivery.find("select d from WebhookDelivery d join fetch d.message "
                + "where d.endpoint.id = ?1 order by case when d.state = ?2 then 1 else 0 end, d.id desc",
                endpoint.id, WebhookDelivery.State.SENT).page(0, LOG_SIZE).list();
        List<WebhookAttempt> attempts = WebhookAttempt.latest(endpoint.id, LOG_SIZE);
        List<Long> ids = attempts.stream().map(a -> a.deliveryId).distinct().toList();
        Map<Long, WebhookDelivery> byId = ids.isEmpty() ? Map.of()
                : WebhookDelivery.<WebhookDelivery>list("select d from WebhookDelivery d join fetch d.message "
                        + "where d.id in ?1", ids).stream()
                        .collect(Collectors.toMap(d -> d.id, Function.identity()));
        return new Log(endpoint, deliveries,
                attempts.stream().map(a -> new LogAttempt(a, byId.get(a.deliveryId))).toList());
    }

    /**
     * Sends a delivery that was sent or gave up once more, as soon as the sender comes round, with the same
     * {@code webhook-id} (receivers de-duplicate on it); one still pending is already on its way.
     */
    @Transactional
    public WebhookDelivery resend(long id, long deliveryId) {
        actor.require(Permission.NOTICES_MANAGE);
        WebhookEndpoint endpoint = own(id);
        WebhookDelivery delivery = WebhookDelivery.<WebhookDelivery>find("endpoint.id = ?1 and id = ?2", endpoint.id,
                deliveryId).firstResultOptional().orElseThrow(() -> new NotFound("webhooks.delivery.not-found"));
        if (delivery.state == WebhookDelivery.State.PENDING) {
            throw new Conflict("webhooks.delivery.pending");
        }
        delivery.state = WebhookDelivery.State.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = clock.instant();
        delivery.sentAt = null;
        delivery.lastError = null;
        org.hibernate.Hibernate.initialize(delivery.message);
        return delivery;
    }

    /** Queues a {@code webhook.test} event for this endpoint only, whatever it subscribes to. */
    @Transactional
    public WebhookDelivery sendTest(long id) {
        actor.require(Permission.NOTICES_MANAGE);
        WebhookEndpoint endpoint = own(id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgno", endpoint.orgno);
        data.put("endpoint_id", endpoint.id);
        data.put("actor", actor.id());
        data.put("text", "A test event from samarbeidsportal");
        return webhooks.publishTo(endpoint, WebhookEventType.WEBHOOK_TEST, "WebhookEndpoint:" + endpoint.id, data);
    }

    private WebhookEndpoint own(long id) {
        return WebhookEndpoint.of(actor.orgno(), id).orElseThrow(() -> new NotFound("webhooks.not-found"));
    }

    private void url(String url, Violations violations) {
        Optional<String> refusal = guard.check(url == null ? null : url.strip()).refusal();
        refusal.ifPresent(key -> violations.field("url", key));
    }

    private static List<String> types(List<String> codes, Violations violations) {
        List<String> types = new ArrayList<>();
        for (String code : codes == null ? List.<String>of() : codes) {
            String c = code == null ? "" : code.strip();
            Optional<WebhookEventType> type = WebhookEventType.ofCode(c);
            if (type.isEmpty()) {
                violations.field("event_types", "webhooks.event-types.unknown", c.length() > 40 ? c.substring(0, 40)
                        : c);
            } else if (!type.get().subscribable()) {
                violations.field("event_types", "webhooks.event-types.test", c);
            } else if (!types.contains(c)) {
                types.add(c);
            }
        }
        if (types.isEmpty() && !violations.has("event_types")) {
            violations.field("event_types", "webhooks.event-types.required");
        }
        return types;
    }

    private static Map<String, Object> values(WebhookEndpoint e) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", e.displayUrl());
        values.put("description", e.description);
        values.put("event_types", List.copyOf(e.eventTypes));
        values.put("active", e.active);
        return values;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** {@code whsec_} + base64 of 24 random bytes, as Standard Webhooks secrets are written. */
    static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
