package no.samarbeidsportal.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook outbox's sender against a real local receiver (issue 17): every delivery signed so the Standard Webhooks
 * library accepts it; a receiver that is down gets everything afterwards, in order per object; two senders at once
 * post each delivery once; refused addresses are never called; a rotation signs with both secrets; redirects are not
 * followed; a slow receiver times out; an endpoint that keeps failing is turned off and its organisation told.
 */
@QuarkusTest
class WebhookSenderTest {

    @Inject
    WebhookSender sender;

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookConfig config;

    @Inject
    EntityManager em;

    private final List<Long> endpoints = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @AfterEach
    void quiet() {
        // later tests' senders leave these endpoints alone
        QuarkusTransaction.requiringNew().run(() -> endpoints.forEach(id -> em.createNativeQuery(
                "update webhook_endpoint set active = false where id = ?1").setParameter(1, id).executeUpdate()));
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver(String address) {
        Receiver r = new Receiver(address);
        receivers.add(r);
        return r;
    }

    /** An endpoint of {@code orgno} that wants scope.changed, written as the management page would. */
    private long endpoint(String orgno, String url, String secret) {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            WebhookEndpoint e = new WebhookEndpoint();
            e.orgno = orgno;
            e.url = url;
            e.secret = secret;
            e.eventTypes = new ArrayList<>(List.of(WebhookEventType.SCOPE_CHANGED.code()));
            e.created = Instant.now();
            e.persist();
            return e.id;
        });
        endpoints.add(id);
        return id;
    }

    /** A scope.changed event of {@code orgno} about {@code object}, with its number in the object's sequence. */
    private String publish(String orgno, String object, int seq) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> data = new HashMap<>();
            data.put("organisation", orgno);
            data.put("object", Map.of("type", "Scope", "id", object));
            data.put("seq", seq);
            WebhookMessage m = webhooks.publish(orgno, WebhookEventType.SCOPE_CHANGED, "Scope:" + object, data);
            return m == null ? null : m.messageId;
        });
    }

    private int deliverAll(Instant now) {
        int attempted = 0;
        for (int round = sender.deliver(now); round > 0; round = sender.deliver(now)) {
            attempted += round;
        }
        return attempted;
    }

    private List<WebhookAttempt> attempts(long endpoint) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookAttempt.latest(endpoint, 100));
    }

    private WebhookEndpoint load(long endpoint) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookEndpoint.findById(endpoint));
    }

    private List<String> states(long endpoint) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select state from webhook_delivery where endpoint_id = ?1 order by id").setParameter(1, endpoint)
                .getResultList());
    }

    @Test
    void aReceiverThatWasDownGetsEveryEventAfterwardsSignedAndInOrderPerObject() {
        String org = TestData.freshOrganisation("Webhook Nede AS");
        Receiver receiver = receiver("127.0.0.1");
        String secret = Receiver.secret();
        long endpoint = endpoint(org, receiver.url("/hooks"), secret);
        receiver.stop();
        for (int seq = 1; seq <= 3; seq++) {
            publish(org, "alfa:en", seq);
            publish(org, "alfa:to", seq);
        }
        Instant now = Instant.now();
        assertEquals(2, deliverAll(now), "only the first event of each object is tried while earlier ones wait");
        assertTrue(receiver.requests.isEmpty());
        assertEquals(2, load(endpoint).failuresInARow);
        assertTrue(attempts(endpoint).stream().allMatch(a -> a.status == null && a.responseExcerpt != null),
                "no answer, and why: " + attempts(endpoint).stream().map(a -> a.responseExcerpt).toList());
        assertEquals(0, deliverAll(now.plusSeconds(1)), "nothing is due before the backoff has passed");

        receiver.start();
        assertEquals(6, deliverAll(now.plus(Duration.ofHours(1))));
        assertEquals(6, receiver.requests.size());
        for (Receiver.Request r : receiver.requests) {
            assertTrue(r.verifiedWith(secret), "signed: " + r.headers());
            assertEquals("application/json", r.header("content-type"));
            assertEquals(WebhookSender.USER_AGENT, r.header("user-agent"));
            assertEquals("scope.changed", r.type());
            assertEquals(org, r.data().get("organisation"));
        }
        for (String object : List.of("alfa:en", "alfa:to")) {
            List<Object> order = receiver.requests.stream()
                    .filter(r -> ((Map<?, ?>) r.data().get("object")).get("id").equals(object))
                    .map(r -> r.data().get("seq")).toList();
            assertEquals(List.of(1, 2, 3), order, object);
        }
        assertEquals(List.of("SENT", "SENT", "SENT", "SENT", "SENT", "SENT"), states(endpoint));
        assertEquals(0, load(endpoint).failuresInARow, "a success resets the count");
    }

    @Test
    void twoSendersAtOnceDeliverEachMessageOnceAndOneObjectInOrder() throws Exception {
        String org = TestData.freshOrganisation("Webhook To Avsendere AS");
        Receiver receiver = receiver("127.0.0.1");
        String secret = Receiver.secret();
        endpoint(org, receiver.url("/two"), secret);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(publish(org, "alfa:objekt" + (i % 10), i));
        }
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> instance = () -> deliverAll(now);
            List<Future<Integer>> runs = pool.invokeAll(List.of(instance, instance));
            int attempted = 0;
            for (Future<Integer> run : runs) {
                attempted += run.get();
            }
            assertEquals(30, attempted, "each delivery attempted once over both senders");
        } finally {
            pool.shutdownNow();
        }
        List<String> got = receiver.requests.stream().map(r -> r.header("webhook-id")).toList();
        assertEquals(30, got.size());
        assertEquals(ids.stream().sorted().toList(), got.stream().sorted().toList(), "each message once");
        assertTrue(receiver.requests.stream().allMatch(r -> r.verifiedWith(secret)));
        Map<Object, List<Integer>> perObject = receiver.requests.stream().collect(Collectors.groupingBy(
                r -> ((Map<?, ?>) r.data().get("object")).get("id"),
                Collectors.mapping(r -> (Integer) r.data().get("seq"), Collectors.toList())));
        perObject.forEach((object, seqs) -> assertEquals(seqs.stream().sorted().toList(), seqs, "in order: " + object));
    }

    @Test
    void refusedAddressesAreNeverCalledAndTheLogSaysWhy() {
        String org = TestData.freshOrganisation("Webhook Nektet AS");
        // a real receiver on 127.0.0.2: loopback, but not the address the test settings allow
        Receiver other = receiver("127.0.0.2");
        long loopback = endpoint(org, other.url("/x"), Receiver.secret());
        long metadata = endpoint(org, "http://169.254.169.254/latest/meta-data/", Receiver.secret());
        long privateNet = endpoint(org, "http://10.1.2.3:8080/hook", Receiver.secret());
        long notHttp = endpoint(org, "ftp://example.com/hook", Receiver.secret());
        publish(org, "alfa:nektet", 1);

        assertEquals(4, deliverAll(Instant.now()));
        assertTrue(other.requests.isEmpty(), "127.0.0.2 was never called");
        for (long endpoint : List.of(loopback, metadata, privateNet)) {
            WebhookAttempt attempt = attempts(endpoint).get(0);
            assertNull(attempt.status);
            assertTrue(attempt.responseExcerpt.contains("webhooks.url.private"), attempt.responseExcerpt);
            assertEquals(List.of("PENDING"), states(endpoint), "retried later: the operator may allow it");
        }
        assertTrue(attempts(notHttp).get(0).responseExcerpt.contains("webhooks.url.scheme"));
    }

    @Test
    void aRotationSignsWithBothSecretsUntilTheOverlapEnds() {
        String org = TestData.freshOrganisation("Webhook Rotasjon AS");
        Receiver receiver = receiver("127.0.0.1");
        String oldSecret = Receiver.secret();
        String newSecret = Receiver.secret();
        long endpoint = endpoint(org, receiver.url("/rot"), newSecret);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update webhook_endpoint set "
                + "previous_secret = ?1, previous_secret_until = now() + interval '1 hour' where id = ?2")
                .setParameter(1, oldSecret).setParameter(2, endpoint).executeUpdate());
        publish(org, "alfa:rot", 1);
        deliverAll(Instant.now());
        Receiver.Request during = receiver.requests.get(0);
        assertEquals(2, during.header("webhook-signature").split(" ").length, during.header("webhook-signature"));
        assertTrue(during.verifiedWith(newSecret), "a receiver with the new secret accepts it");
        assertTrue(during.verifiedWith(oldSecret), "a receiver still on the old secret accepts it");

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update webhook_endpoint set "
                + "previous_secret_until = now() - interval '1 second' where id = ?1")
                .setParameter(1, endpoint).executeUpdate());
        publish(org, "alfa:rot", 2);
        deliverAll(Instant.now());
        Receiver.Request after = receiver.requests.get(1);
        assertEquals(1, after.header("webhook-signature").split(" ").length);
        assertTrue(after.verifiedWith(newSecret));
        assertFalse(after.verifiedWith(oldSecret), "the old secret no longer signs");
    }

    @Test
    void aRedirectIsNotFollowedAndASlowReceiverTimesOut() {
        String org = TestData.freshOrganisation("Webhook Omvei AS");
        Receiver receiver = receiver("127.0.0.1");
        long endpoint = endpoint(org, receiver.url("/hook"), Receiver.secret());
        receiver.answer = new Receiver.Answer(302, "", Map.of("Location", receiver.url("/elsewhere")), 0);
        publish(org, "alfa:omvei", 1);
        Instant now = Instant.now();
        deliverAll(now);
        assertEquals(1, receiver.requests.size(), "posted once");
        assertTrue(receiver.to("/elsewhere").isEmpty(), "the redirect was not followed");
        assertEquals(302, attempts(endpoint).get(0).status);
        assertEquals(List.of("PENDING"), states(endpoint), "a redirect is a failure, tried again later");

        long pause = config.timeout().toMillis() * 3;
        receiver.answer = new Receiver.Answer(200, "ok", Map.of(), pause);
        long started = System.nanoTime();
        deliverAll(now.plus(Duration.ofHours(1)));
        long took = (System.nanoTime() - started) / 1_000_000;
        assertTrue(took < pause, "gave up before the receiver answered: " + took + " ms");
        WebhookAttempt slow = attempts(endpoint).get(0);
        assertNull(slow.status, "no answer in time");
        assertTrue(slow.durationMs >= config.timeout().toMillis() - 50, "waited the timeout: " + slow.durationMs);
        assertEquals(List.of("PENDING"), states(endpoint));
        assertEquals(2, load(endpoint).failuresInARow);
    }

    @Test
    void anEndpointFailingTooOftenInARowIsTurnedOffAuditedAndItsOrganisationTold() {
        String org = TestData.freshOrganisation("Webhook Feiler AS");
        Receiver receiver = receiver("127.0.0.1");
        long endpoint = endpoint(org, receiver.url("/fails"), Receiver.secret());
        // a long answer: the log keeps an excerpt only
        receiver.answer = new Receiver.Answer(500, "x".repeat(20_000), Map.of(), 0);
        int limit = config.disableAfterFailures();
        for (int i = 0; i < limit; i++) {
            publish(org, "alfa:feil" + i, i);
        }
        deliverAll(Instant.now());
        assertEquals(limit, receiver.requests.size());
        WebhookEndpoint off = load(endpoint);
        assertFalse(off.active);
        assertEquals("webhooks.disabled.failures", off.disabledReason);
        WebhookAttempt last = attempts(endpoint).get(0);
        assertEquals(500, last.status);
        assertEquals(WebhookSender.PRIVATE_ANSWER, last.responseExcerpt, "127.0.0.1 is allowed by the list only");
        List<AuditEvent> audit = QuarkusTransaction.requiringNew().call(() -> AuditEvent.ofOrganisation(org, 10));
        AuditEvent disabled = audit.stream().filter(e -> e.action.equals("webhook.disabled")).findFirst().orElse(null);
        assertNotNull(disabled, "audited");
        assertEquals("SYSTEM", disabled.actorKind);
        assertEquals(String.valueOf(endpoint), disabled.subjectId);
        // the URL's path may carry a credential: audit line and notice show scheme, host and port only
        String shown = receiver.url("/…");
        assertEquals(shown, disabled.after.get("url"));
        long notices = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from notice where orgno = ?1 and kind = 'WEBHOOK_DISABLED' and facts->>'url' = ?2")
                .setParameter(1, org).setParameter(2, shown).getSingleResult()).longValue());
        assertEquals(1, notices, "the organisation is told once");
        publish(org, "alfa:feil-etterpaa", 1);
        assertEquals(0, deliverAll(Instant.now().plus(Duration.ofDays(1))), "a turned-off endpoint gets nothing");
        assertEquals(limit, receiver.requests.size());
    }

    @Test
    void aHangingReceiverOfOneOrganisationDoesNotDelayAnothersDeliveryInTheSameRound() throws Exception {
        String slowOrg = TestData.freshOrganisation("Webhook Henger AS");
        String quickOrg = TestData.freshOrganisation("Webhook Rask AS");
        Receiver hanging = receiver("127.0.0.1");
        long timeout = config.timeout().toMillis();
        hanging.answer = new Receiver.Answer(200, "", Map.of(), timeout * 3);
        long slow = endpoint(slowOrg, hanging.url("/henger"), Receiver.secret());
        Receiver quick = receiver("127.0.0.1");
        long fast = endpoint(quickOrg, quick.url("/rask"), Receiver.secret());
        for (int i = 0; i < 12; i++) {
            publish(slowOrg, "alfa:henger" + i, i); // older than the other organisation's: first in line
        }
        publish(quickOrg, "alfa:rask", 1);

        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            Future<Integer> round = one.submit(() -> sender.deliver(Instant.now()));
            while (quick.requests.isEmpty() && !round.isDone()) {
                Thread.sleep(10);
            }
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertEquals(1, quick.requests.size(), "delivered in the same round");
            // one after the other, the other organisation's delivery would wait for both hanging attempts to time
            // out (at least twice the timeout); side by side it does not wait for them at all
            assertTrue(waited < 2 * timeout, "not behind the hanging receiver's attempts: " + waited + " ms");
            round.get();
        } finally {
            one.shutdownNow();
        }
        assertEquals(List.of("SENT"), states(fast));
        assertEquals(config.perEndpoint(), attempts(slow).size(), "at most a few of one endpoint per round");
    }

    /** The injected settings with some replaced. */
    private WebhookConfig with(Map<String, Object> replaced) {
        return (WebhookConfig) java.lang.reflect.Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[] {WebhookConfig.class}, (proxy, method, args) -> replaced.containsKey(method.getName())
                        ? replaced.get(method.getName()) : method.invoke(config, args));
    }

    @Test
    void theLeaseOutlastsTheWorstCaseOfARound() {
        assertTrue(sender.lease().compareTo(WebhookSender.worstRound(config)) > 0, "these settings");
        // the shipped defaults: 50 deliveries, 8 at a time, 5 s to look up, connect and wait; a 2-minute setting
        WebhookConfig defaults = with(Map.of("batchSize", 50, "parallelism", 8, "timeout", Duration.ofSeconds(5),
                "lease", Duration.ofMinutes(2)));
        Duration worst = WebhookSender.worstRound(defaults);
        assertTrue(worst.compareTo(Duration.ofSeconds(7 * 16)) >= 0, "7 waves of lookup + 2 waits + 1 s: " + worst);
        assertTrue(WebhookSender.lease(defaults).compareTo(worst) > 0, WebhookSender.lease(defaults).toString());
        WebhookConfig oneAtATime = with(Map.of("batchSize", 50, "parallelism", 1, "timeout", Duration.ofSeconds(5),
                "lease", Duration.ofMinutes(2)));
        assertTrue(WebhookSender.lease(oneAtATime).compareTo(Duration.ofSeconds(50 * 16)) > 0,
                "a long setting-independent lease: " + WebhookSender.lease(oneAtATime));
        WebhookConfig generous = with(Map.of("lease", Duration.ofHours(1)));
        assertEquals(Duration.ofHours(1), WebhookSender.lease(generous), "a longer setting is kept");
    }

    @Test
    void anAnswerFromAnAllowListedPrivateAddressKeepsItsStatusButNotItsBody() {
        String org = TestData.freshOrganisation("Webhook Intern AS");
        Receiver receiver = receiver("127.0.0.1");
        long endpoint = endpoint(org, receiver.url("/intern"), Receiver.secret());
        receiver.answer = new Receiver.Answer(500, "{\"database_password\":\"intern-hemmelighet\"}", Map.of(), 0);
        publish(org, "alfa:intern", 1);
        deliverAll(Instant.now());
        assertEquals(1, receiver.requests.size());
        WebhookAttempt attempt = attempts(endpoint).get(0);
        assertEquals(500, attempt.status, "the status is kept");
        assertTrue(attempt.durationMs >= 0);
        assertEquals(WebhookSender.PRIVATE_ANSWER, attempt.responseExcerpt);
        String lastError = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select last_error from webhook_delivery where endpoint_id = ?1").setParameter(1, endpoint)
                .getSingleResult());
        assertFalse(lastError.contains("intern-hemmelighet"), lastError);
    }

    @Test
    void aClaimedDeliveryPrintsNoSecretBodyOrPath() {
        WebhookSender.Claimed c = new WebhookSender.Claimed(1, 1, "msg_1", "{\"kropp\":1}", Instant.now(), 2,
                "123456789", "https://hooks.example.com/services/T0/B0/xyzzy?token=abc", "whsec_ny", "whsec_gammel",
                Instant.now());
        String text = c.toString();
        for (String hidden : List.of("whsec_", "kropp", "xyzzy", "token")) {
            assertFalse(text.contains(hidden), text);
        }
        assertTrue(text.contains("https://hooks.example.com/…"), text);
    }
}
