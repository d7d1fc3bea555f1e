package no.samarbeidsportal.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts events in the webhook outbox (issue 17), in the caller's transaction: one {@link WebhookMessage} per event and
 * organisation, and one pending {@link WebhookDelivery} per active endpoint of that organisation that wants the event
 * type. The sender posts them after the transaction commits; a change that rolls back leaves no event. Nothing here
 * calls out.
 */
@ApplicationScoped
public class Webhooks {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    Webhooks(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records that {@code type} happened to {@code subject} (e.g. {@code Scope:demo:x}) for {@code orgno}, with
     * {@code data} as the body's {@code data}; delivered to each of the organisation's active endpoints that want it.
     * Returns the message, or null when no endpoint wants it (then nothing is written).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public WebhookMessage publish(String orgno, WebhookEventType type, String subject, Map<String, Object> data) {
        List<WebhookEndpoint> endpoints = WebhookEndpoint.list(
                "orgno = ?1 and active = true order by id", orgno);
        List<WebhookEndpoint> wanting = endpoints.stream().filter(e -> e.wants(type)).toList();
        if (wanting.isEmpty()) {
            return null;
        }
        WebhookMessage message = message(orgno, type, subject, data);
        for (WebhookEndpoint endpoint : wanting) {
            deliver(message, endpoint);
        }
        return message;
    }

    /** Records an event for one endpoint only, whatever it subscribes to (the "send a test event" button). */
    @Transactional(Transactional.TxType.MANDATORY)
    public WebhookDelivery publishTo(WebhookEndpoint endpoint, WebhookEventType type, String subject,
            Map<String, Object> data) {
        return deliver(message(endpoint.orgno, type, subject, data), endpoint);
    }

    private WebhookMessage message(String orgno, WebhookEventType type, String subject, Map<String, Object> data) {
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.code());
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        WebhookMessage message = new WebhookMessage();
        message.messageId = newMessageId();
        message.orgno = orgno;
        message.type = type.code();
        message.subject = subject.length() > 300 ? subject.substring(0, 300) : subject;
        message.payload = payload;
        message.created = now;
        message.persist();
        return message;
    }

    private WebhookDelivery deliver(WebhookMessage message, WebhookEndpoint endpoint) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.message = message;
        delivery.endpoint = endpoint;
        delivery.subject = message.subject;
        delivery.nextAttemptAt = message.created;
        delivery.created = message.created;
        delivery.persist();
        return delivery;
    }

    /** {@code msg_} + 26 random characters (130 bits), Crockford's base 32 in lower case. */
    static String newMessageId() {
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < 26; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
