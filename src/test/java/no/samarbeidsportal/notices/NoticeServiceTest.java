package no.samarbeidsportal.notices;

import static no.samarbeidsportal.TestScopes.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.keys.KeyExpiryCheck;
import no.samarbeidsportal.token.Grants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox end to end (issue 16): a change writes its notices, the sender e-mails them to the embedded SMTP server
 * (a real GreenMail on a free port) once each, in both languages, through SMTP outages and with two senders at once;
 * the expiry check notices each threshold of a key once.
 */
@QuarkusTest
class NoticeServiceTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    NoticeSender sender;

    @Inject
    EmbeddedMail smtp;

    @Inject
    Notices notices;

    @Inject
    KeyExpiryCheck expiry;

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
        smtp.start();
    }

    @AfterEach
    void smtpUp() {
        smtp.start();
    }

    private static String address(String what) {
        return what + "-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet() + "@example.no";
    }

    private void contact(String orgno, NoticeTopic topic, String email) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into notice_contact (orgno, topic, email, created) values (?1, ?2, ?3, now())")
                .setParameter(1, orgno).setParameter(2, topic.name()).setParameter(3, email).executeUpdate());
    }

    private List<EmbeddedMail.Received> to(String email) {
        return smtp.received().stream().filter(m -> m.to().contains(email)).toList();
    }

    /**
     * Delivers again, an hour later each time, while deliveries matching {@code where} are pending: GreenMail on a busy
     * machine now and then drops a session (421 after its socket timeout), and the sender's retry is what production
     * relies on then. What the tests check (each mail once, nothing lost) holds across those retries.
     */
    private void retryUntilSent(Instant from, String where, Object param) {
        for (int hour = 1; hour <= 6 && count("select count(*) from notice_delivery where state = 'PENDING' and "
                + where, param) > 0; hour++) {
            deliverAll(from.plus(Duration.ofHours(hour)));
        }
    }

    private int deliverAll(Instant now) {
        int sent = 0;
        for (int round = sender.deliver(now); round > 0; round = sender.deliver(now)) {
            sent += round;
        }
        return sent;
    }

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    @Test
    void aGrantedConsumerGetsOneMailInBothLanguagesAndNoneForAGrantThatChangesNothing() {
        String consumer = TestData.freshOrganisation("Mottaker AS");
        String email = address("access");
        contact(consumer, NoticeTopic.ACCESS, email);
        contact(consumer, NoticeTopic.KEYS, address("keys-only"));
        String scope = TestScopes.ofA();

        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer)
                .then().statusCode(200);
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer)
                .then().statusCode(200);
        deliverAll(Instant.now());
        deliverAll(Instant.now());

        List<EmbeddedMail.Received> mails = to(email);
        assertEquals(1, mails.size(), "one mail for one grant, none for granting again");
        EmbeddedMail.Received mail = mails.get(0);
        assertEquals("Tilgang gitt til " + scope + " / Access granted to " + scope, mail.subject());
        assertTrue(mail.text().contains("Organisasjonen " + consumer + " har fått tilgang til scopet " + scope), mail.text());
        assertTrue(mail.text().contains("was given access to the scope " + scope + " by Org A AS (310000019)"),
                mail.text());
        assertTrue(mail.text().contains("/portal/catalogue"), mail.text());
        assertTrue(mail.html().contains("<div lang=\"en\">") && mail.html().contains("Access granted to " + scope),
                mail.html());
        assertEquals(1, count("select count(*) from notice where orgno = ?1 and kind = 'ACCESS_GRANTED'", consumer));
    }

    @Test
    void removalAndDeactivationReachEachConsumerOnTheList() {
        String first = TestData.freshOrganisation("Første AS");
        String second = TestData.freshOrganisation("Andre AS");
        String firstEmail = address("first");
        String secondEmail = address("second");
        contact(first, NoticeTopic.ACCESS, firstEmail);
        contact(second, NoticeTopic.ACCESS, secondEmail);
        String scope = TestScopes.ofA();
        for (String consumer : List.of(first, second)) {
            as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer)
                    .then().statusCode(200);
        }
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes/access/" + second)
                .then().statusCode(200);
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes").then().statusCode(200);
        deliverAll(Instant.now());

        assertEquals(List.of("Scope deaktivert: " + scope + " / Scope deactivated: " + scope,
                "Tilgang gitt til " + scope + " / Access granted to " + scope),
                to(firstEmail).stream().map(EmbeddedMail.Received::subject).sorted().toList());
        // the second was no longer on the list when the scope was deactivated
        assertEquals(List.of("Tilgang fjernet: " + scope + " / Access removed: " + scope,
                "Tilgang gitt til " + scope + " / Access granted to " + scope),
                to(secondEmail).stream().map(EmbeddedMail.Received::subject).sorted().toList());
    }

    @Test
    void aBulkImportTellsEveryNewConsumer() {
        String first = TestData.freshOrganisation("Import en AS");
        String second = TestData.freshOrganisation("Import to AS");
        String firstEmail = address("import1");
        String secondEmail = address("import2");
        contact(first, NoticeTopic.ACCESS, firstEmail);
        contact(second, NoticeTopic.ACCESS, secondEmail);
        String scope = TestScopes.ofA();
        QuarkusTransaction.requiringNew().run(() -> notices.sendAll(NoticeKind.ACCESS_GRANTED, List.of(first, second),
                Map.of("scope", scope, "owner", "Org A AS")));
        deliverAll(Instant.now());
        assertEquals(1, to(firstEmail).size());
        assertEquals(1, to(secondEmail).size());
        assertTrue(to(secondEmail).get(0).text().contains("Organisasjonen " + second), to(secondEmail).get(0).text());
    }

    @Test
    void nothingIsLostWhileSmtpIsDownAndTheChangeStillSucceeds() {
        String consumer = TestData.freshOrganisation("Nede AS");
        String email = address("down");
        contact(consumer, NoticeTopic.ACCESS, email);
        String scope = TestScopes.ofA();
        smtp.stop();

        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer)
                .then().statusCode(200);
        Instant now = Instant.now();
        deliverAll(now);
        assertEquals(1, count("select count(*) from notice_delivery where recipient = ?1 and state = 'PENDING' "
                + "and attempts = 1 and last_error is not null", email));

        smtp.start();
        deliverAll(now.plusSeconds(30));
        assertEquals(0, to(email).size(), "waits out the backoff");
        deliverAll(now.plus(Duration.ofMinutes(2)));
        retryUntilSent(now.plus(Duration.ofMinutes(2)), "recipient = ?1", email);
        assertEquals(1, to(email).size());
        assertEquals(1, count("select count(*) from notice_delivery where recipient = ?1 and state = 'SENT' "
                + "and attempts >= 2", email));
        deliverAll(now.plus(Duration.ofHours(1)));
        assertEquals(1, to(email).size());
    }

    @Test
    void aDeliveryFailingForDaysIsGivenUp() {
        String consumer = TestData.freshOrganisation("Aldri AS");
        String email = address("never");
        contact(consumer, NoticeTopic.ACCESS, email);
        smtp.stop();
        QuarkusTransaction.requiringNew().run(() -> notices.send(NoticeKind.ACCESS_GRANTED, consumer,
                Map.of("scope", "alfa:never")));
        Instant now = Instant.now();
        deliverAll(now);
        deliverAll(now.plus(Duration.ofDays(3)).plusSeconds(1));
        assertEquals(1, count("select count(*) from notice_delivery where recipient = ?1 and state = 'FAILED'", email));
        smtp.start();
        deliverAll(now.plus(Duration.ofDays(10)));
        assertEquals(0, to(email).size());
    }

    @Test
    void twoSendersAtOnceSendEachMailOnce() throws Exception {
        String consumer = TestData.freshOrganisation("Mange AS");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String email = address("many" + i);
            emails.add(email);
            contact(consumer, NoticeTopic.ACCESS, email);
        }
        QuarkusTransaction.requiringNew().run(() -> notices.send(NoticeKind.ACCESS_GRANTED, consumer,
                Map.of("scope", "alfa:many")));
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> loop = () -> deliverAll(now);
            Future<Integer> a = pool.submit(loop);
            Future<Integer> b = pool.submit(loop);
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        retryUntilSent(now, "notice_id in (select id from notice where orgno = ?1)", consumer);
        for (String email : emails) {
            assertEquals(1, to(email).size(), email);
        }
        assertEquals(120, count("select count(*) from notice_delivery d join notice n on n.id = d.notice_id "
                + "where n.orgno = ?1 and d.state = 'SENT'", consumer));
    }

    @Test
    void aKeyIsNoticedAtThirtyFourteenSevenAndOneDaysAndWhenExpiredEachOnceToTheClientAndItsSupplier() {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        Grants.Registered client = Grants.client(TestData.ORG_B, scope);
        String kid = client.key().getKeyID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update client set supplier_orgno = ?1 where client_id = ?2")
                .setParameter(1, TestData.SUPPLIER).setParameter(2, client.clientId()).executeUpdate());
        String email = address("keys");
        contact(TestData.ORG_B, NoticeTopic.KEYS, email);
        Instant expires = QuarkusTransaction.requiringNew().call(() -> (Instant) em.createNativeQuery(
                "select expires from client_key where kid = ?1").setParameter(1, kid).getSingleResult());

        Instant[] moments = {expires.minus(Duration.ofDays(40)), expires.minus(Duration.ofDays(29)),
                expires.minus(Duration.ofDays(20)), expires.minus(Duration.ofDays(13)),
                expires.minus(Duration.ofDays(6)), expires.minus(Duration.ofHours(20)), expires.plusSeconds(60),
                expires.plus(Duration.ofDays(5))};
        for (Instant moment : moments) {
            expiry.check(moment);
            expiry.check(moment);
        }
        String kinds = "select string_agg(kind || ':' || (facts->>'days'), ',' order by id) from notice "
                + "where orgno = ?1 and facts->>'kid' = ?2";
        for (String orgno : List.of(TestData.ORG_B, TestData.SUPPLIER)) {
            assertEquals("KEY_EXPIRING:29,KEY_EXPIRING:13,KEY_EXPIRING:6,KEY_EXPIRING:1,KEY_EXPIRED:0",
                    QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(kinds).setParameter(1, orgno)
                            .setParameter(2, kid).getSingleResult()), orgno);
        }
        deliverAll(Instant.now());
        // the contact also hears of the organisation's other keys that the moved clock finds (other tests' keys)
        List<String> subjects = to(email).stream().map(EmbeddedMail.Received::subject)
                .filter(s -> s.endsWith(": " + kid)).toList();
        assertEquals(5, subjects.size(), subjects.toString());
        assertTrue(subjects.contains("Nøkkel utløper om 29 dager: " + kid + " / Key expires in 29 days: " + kid),
                subjects.toString());
        assertTrue(subjects.contains("Nøkkel er utløpt: " + kid + " / Key has expired: " + kid), subjects.toString());
        EmbeddedMail.Received expired = to(email).stream().filter(m -> m.subject().startsWith("Nøkkel er utløpt"))
                .findFirst().orElseThrow();
        assertTrue(expired.text().contains("/portal/clients/keys?client=" + client.clientId()), expired.text());
        assertTrue(expired.text().contains("Org B AS (310000027)"), expired.text());
        assertNotNull(expired.html());
    }
}
