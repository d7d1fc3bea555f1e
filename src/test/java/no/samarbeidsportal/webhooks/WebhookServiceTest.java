package no.samarbeidsportal.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of an organisation's webhook endpoints (issue 17): anna administers A, bert B. The secret is handed out
 * by create and rotate only; the URL guard, the event types and the limit give field errors; another organisation's
 * endpoint is not found.
 */
@QuarkusTest
class WebhookServiceTest {

    /** Every endpoint these tests register has this in its URL, so that each test starts without them. */
    static final String MARK = "/wh-manage/";

    @Inject
    WebhookService webhooks;

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
        clean(em);
    }

    static void clean(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from webhook_endpoint where url like ?1").setParameter(1, "%" + MARK + "%").executeUpdate());
    }

    static String url(String name) {
        return "http://127.0.0.1:9" + MARK + name;
    }

    private static List<AuditEvent> audit(long id) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.ofSubject("WebhookEndpoint",
                String.valueOf(id)));
    }

    private WebhookEndpoint stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.<WebhookEndpoint>findById(id));
    }

    @Test
    @TestSecurity(user = "anna")
    void createsChangesRotatesAndDeletesWithAnAuditLineEachAndNeverAuditsTheSecret() {
        WebhookService.WithSecret created = webhooks.create(new NewWebhook(" " + url("one") + " ", "CI",
                List.of("scope.created", "access.granted", "scope.created"), null));
        long id = created.endpoint().id;
        assertTrue(created.secret().matches("whsec_[A-Za-z0-9+/]{32}"), created.secret());
        assertEquals(TestData.ORG_A, stored(id).orgno);
        assertEquals(List.of("scope.created", "access.granted"), stored(id).eventTypes);
        assertTrue(stored(id).active);

        webhooks.change(id, new WebhookChange(url("two?token=hemmelig"), null, List.of("key.expired"), false));
        assertEquals(url("two?token=hemmelig"), stored(id).url, "the row keeps the full URL");
        assertFalse(stored(id).active);
        assertNull(stored(id).description);

        Instant before = Instant.now();
        WebhookService.WithSecret rotated = webhooks.rotateSecret(id);
        assertNotEquals(created.secret(), rotated.secret());
        assertEquals(created.secret(), stored(id).previousSecret);
        assertEquals(rotated.secret(), stored(id).secret);
        Instant until = stored(id).previousSecretUntil;
        assertTrue(!until.isBefore(before.plus(Duration.ofHours(24)).minusSeconds(5)), until.toString());

        webhooks.delete(id);
        assertNull(stored(id));
        assertThrows(NotFound.class, () -> webhooks.show(id));

        List<AuditEvent> lines = audit(id);
        assertEquals(List.of("webhook.deleted", "webhook.secret-rotated", "webhook.updated", "webhook.created"),
                lines.stream().map(e -> e.action).toList());
        AuditEvent changed = lines.get(2);
        // the URL's path and query may carry a credential: the audit line has scheme, host and port only
        String shown = "http://127.0.0.1:" + java.net.URI.create(url("one")).getPort() + "/…";
        assertEquals(shown, changed.before.get("url"));
        assertEquals(shown, changed.after.get("url"));
        assertEquals(false, changed.after.get("active"));
        assertEquals(List.of("key.expired"), changed.after.get("event_types"));
        for (AuditEvent line : lines) {
            String text = String.valueOf(line.before) + line.after;
            assertFalse(text.contains(created.secret()) || text.contains(rotated.secret()), text);
            assertFalse(text.contains("whsec_"), text);
            assertFalse(text.contains(MARK) || text.contains("hemmelig"), "no path or query: " + text);
        }
    }

    @Test
    @TestSecurity(user = "anna")
    void badInputIsOneInvalidInputNamingTheField() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> webhooks.create(new NewWebhook("ftp://127.0.0.1/x",
                "d".repeat(201), List.of("no.such", "webhook.test"), true)));
        assertEquals("webhooks.url.scheme", e.of("url"));
        assertEquals("webhooks.description.long", e.of("description"));
        assertEquals(List.of("webhooks.event-types.unknown", "webhooks.event-types.test"),
                e.under("event_types").stream().map(f -> f.messageKey()).toList());
        assertEquals("webhooks.url.too-long", assertThrows(InvalidInput.class, () -> webhooks.create(
                new NewWebhook("https://example.com/" + "a".repeat(10_000), null, List.of("key.added"), true)))
                .of("url"));
        assertEquals("webhooks.url.private", assertThrows(InvalidInput.class, () -> webhooks.create(
                new NewWebhook("http://10.0.0.1/", null, List.of("key.added"), true))).of("url"));
        assertEquals("webhooks.url.private", assertThrows(InvalidInput.class, () -> webhooks.create(
                new NewWebhook("http://169.254.169.254/latest/meta-data", null, List.of("key.added"), true)))
                .of("url"));
        assertEquals("webhooks.event-types.required", assertThrows(InvalidInput.class, () -> webhooks.create(
                new NewWebhook(url("none"), null, List.of(), true))).of("event_types"));
        assertEquals("webhooks.url.required", assertThrows(InvalidInput.class, () -> webhooks.create(
                new NewWebhook(null, null, null, null))).of("url"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.count("orgno = ?1 and url like ?2",
                TestData.ORG_A, "%" + MARK + "%")));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsEndpointIsNotFoundForEveryOperation() {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            WebhookEndpoint e = new WebhookEndpoint();
            e.orgno = TestData.ORG_A;
            e.url = url("a-only");
            e.eventTypes = List.of("key.added");
            e.secret = WebhookService.newSecret();
            e.created = Instant.now();
            e.persist();
            return e.id;
        });
        assertThrows(NotFound.class, () -> webhooks.show(id));
        assertThrows(NotFound.class, () -> webhooks.change(id, new WebhookChange(url("b"), null,
                List.of("key.added"), true)));
        assertThrows(NotFound.class, () -> webhooks.rotateSecret(id));
        assertThrows(NotFound.class, () -> webhooks.log(id));
        assertThrows(NotFound.class, () -> webhooks.sendTest(id));
        assertThrows(NotFound.class, () -> webhooks.resend(id, 1));
        assertThrows(NotFound.class, () -> webhooks.delete(id));
        assertFalse(webhooks.list().stream().anyMatch(e -> e.id == id));
        assertEquals(url("a-only"), stored(id).url);
    }

    @Test
    @TestSecurity(user = "anna")
    void aTestEventGoesToThatEndpointOnlyAndSendAgainRequeuesWithTheSameMessageId() {
        long first = webhooks.create(new NewWebhook(url("first"), null, List.of("scope.created"), true)).endpoint().id;
        long second = webhooks.create(new NewWebhook(url("second"), null, List.of("scope.created"), true))
                .endpoint().id;
        WebhookDelivery test = webhooks.sendTest(first);
        assertEquals("webhook.test", test.message.type);
        assertEquals("WebhookEndpoint:" + first, test.message.subject);
        assertEquals(1, webhooks.log(first).deliveries().size());
        assertEquals(List.of(), webhooks.log(second).deliveries());
        assertThrows(Conflict.class, () -> webhooks.resend(first, test.id));

        // as the sender leaves it after a successful attempt
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update webhook_delivery set state = 'SENT', sent_at = now(), attempts = 1, "
                    + "next_attempt_at = now() + interval '1 day' where id = ?1").setParameter(1, test.id)
                    .executeUpdate();
            em.createNativeQuery("insert into webhook_attempt (delivery_id, endpoint_id, status, duration_ms, "
                    + "response_excerpt) values (?1, ?2, 204, 12, 'ok')").setParameter(1, test.id)
                    .setParameter(2, first).executeUpdate();
        });
        WebhookService.Log log = webhooks.log(first);
        assertEquals(1, log.attempts().size());
        assertEquals(test.message.messageId, log.attempts().get(0).delivery().message.messageId);
        assertEquals(204, log.attempts().get(0).attempt().status);

        Instant before = Instant.now().minusSeconds(1);
        WebhookDelivery again = webhooks.resend(first, test.id);
        assertEquals(WebhookDelivery.State.PENDING, again.state);
        assertNull(again.sentAt);
        assertFalse(again.nextAttemptAt.isBefore(before));
        assertEquals(test.message.messageId, again.message.messageId);
        assertThrows(NotFound.class, () -> webhooks.resend(second, test.id));
    }

    @Test
    @TestSecurity(user = "anna")
    void turningOnAnEndpointTheSenderTurnedOffForgetsItsFailures() {
        long id = webhooks.create(new NewWebhook(url("flaky"), null, List.of("key.added"), true)).endpoint().id;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update webhook_endpoint set active = false,"
                + " disabled_reason = 'HTTP 500 50 times', failures_in_a_row = 50 where id = ?1").setParameter(1, id)
                .executeUpdate());
        webhooks.change(id, new WebhookChange(url("flaky"), null, List.of("key.added"), null));
        assertEquals("HTTP 500 50 times", stored(id).disabledReason);
        webhooks.change(id, new WebhookChange(url("flaky"), null, List.of("key.added"), true));
        assertTrue(stored(id).active);
        assertNull(stored(id).disabledReason);
        assertEquals(0, stored(id).failuresInARow);
    }

    @Test
    @TestSecurity(user = "anna")
    void theEventTypesOfferedAreAllButTheTestEvent() {
        assertEquals(WebhookEventType.values().length - 1, webhooks.eventTypes().size());
        assertFalse(webhooks.eventTypes().contains(WebhookEventType.WEBHOOK_TEST));
        assertNotNull(webhooks.list());
    }
}
