package no.samarbeidsportal.notices;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who gets an organisation's notices (issue 16): its contacts per topic over the API and on the page, a person's own
 * "send to me too", the list of notices, the operator's demo mailbox; bad addresses and another organisation's rows.
 */
@QuarkusTest
class NoticeContactsTest {

    @Inject
    Notices notices;

    @Inject
    NoticeSender sender;

    @Inject
    EmbeddedMail smtp;

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
        smtp.start();
    }

    private static String address(String what) {
        return what + "-" + System.nanoTime() + "@example.no";
    }

    private long audited(String action, String orgno) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_event where action = ?1 and orgno = ?2").setParameter(1, action)
                .setParameter(2, orgno).getSingleResult()).longValue());
    }

    @Test
    void anAdministratorsTokenKeepsTheContactsAndAnotherOrganisationNeitherSeesNorRemovesThem() {
        String email = address("api");
        long before = audited("notice.contact-added", TestData.ORG_A);
        long id = ((Number) as(TestData.ORG_A, TestScopes.WRITE).body(Map.of("topic", "KEYS", "email", email))
                .post("/api/v1/notices/contacts").then().statusCode(201).body("topic", equalTo("KEYS"))
                .body("email", equalTo(email)).extract().path("id")).longValue();
        assertEquals(before + 1, audited("notice.contact-added", TestData.ORG_A));
        as(TestData.ORG_A, TestScopes.READ).get("/api/v1/notices/contacts").then().statusCode(200)
                .body("email", hasItem(email));
        as(TestData.ORG_B, TestScopes.WRITE).get("/api/v1/notices/contacts").then().statusCode(200)
                .body("email", not(hasItem(email)));
        as(TestData.ORG_B, TestScopes.WRITE).delete("/api/v1/notices/contacts/" + id).then().statusCode(404);
        as(TestData.ORG_A, TestScopes.READ).delete("/api/v1/notices/contacts/" + id).then().statusCode(403);
        as(TestData.ORG_A, TestScopes.WRITE).body(Map.of("topic", "KEYS", "email", email.toUpperCase()))
                .post("/api/v1/notices/contacts").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItem("email"));
        as(TestData.ORG_A, ClientApiTest.DCR_WRITE).delete("/api/v1/notices/contacts/" + id).then().statusCode(204);
        as(TestData.ORG_A, TestScopes.READ).get("/api/v1/notices/contacts").then().body("email", not(hasItem(email)));
    }

    @Test
    void theContactsAnswerUnderAllThreeApiPrefixes() {
        String email = address("prefixes");
        as(TestData.ORG_A, TestScopes.WRITE).body(Map.of("topic", "ACCESS", "email", email))
                .post("/external/api/v1/notices/contacts").then().statusCode(201);
        for (String prefix : new String[] {"", "/api/v1", "/external/api/v1"}) {
            as(TestData.ORG_A, TestScopes.READ).get(prefix + "/notices/contacts").then().statusCode(200)
                    .contentType("application/json").body("email", hasItem(email));
            as(TestData.ORG_A, TestScopes.READ).get(prefix + "/notices/contacts/").then().statusCode(200);
        }
    }

    @Test
    void aTopicKeepsAtMostTenAddresses() {
        String orgno = TestData.freshOrganisation("Mange kontakter AS");
        for (int i = 0; i < NoticeService.CONTACTS_PER_TOPIC; i++) {
            as(orgno, TestScopes.WRITE).body(Map.of("topic", "INCIDENTS", "email", address("c" + i)))
                    .post("/api/v1/notices/contacts").then().statusCode(201);
        }
        as(orgno, TestScopes.WRITE).body(Map.of("topic", "INCIDENTS", "email", address("one-more")))
                .post("/api/v1/notices/contacts").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItem("email"));
        // another topic has its own ten
        as(orgno, TestScopes.WRITE).body(Map.of("topic", "ACCESS", "email", address("access")))
                .post("/api/v1/notices/contacts").then().statusCode(201);
    }

    @Test
    void badAddressesAndTopicsGetDigdirsErrorBodyNeverA500() {
        for (Map<String, String> body : java.util.List.of(Map.of("topic", "ACCESS", "email", "not-an-address"),
                Map.of("topic", "ACCESS", "email", "two words@example.no"),
                Map.of("topic", "ACCESS", "email", "x".repeat(300) + "@example.no"),
                Map.of("topic", "WEATHER", "email", "ok@example.no"), Map.of("email", "ok@example.no"))) {
            as(TestData.ORG_A, TestScopes.WRITE).body(body).post("/api/v1/notices/contacts").then().statusCode(400)
                    .body("error", equalTo("invalid_request")).body("errors[0].isFieldError", equalTo(true));
        }
        // 5 MB in one member: refused as too long, quickly, with the field named
        as(TestData.ORG_A, TestScopes.WRITE).body(Map.of("topic", "ACCESS", "email", "a".repeat(5_000_000)
                + "@example.no")).post("/api/v1/notices/contacts").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItem("email"));
    }

    @Test
    void anOrganisationsNoticesAreItsOwn() {
        String scope = TestScopes.unique("alfa:only-a");
        QuarkusTransaction.requiringNew().run(() -> notices.send(NoticeKind.ACCESS_GRANTED, TestData.ORG_A,
                Map.of("scope", scope, "owner", "Org B AS")));
        as(TestData.ORG_A, TestScopes.READ).get("/api/v1/notices").then().statusCode(200)
                .body("facts.scope", hasItem(scope)).body("kind", hasItem("ACCESS_GRANTED"));
        as(TestData.ORG_B, TestScopes.READ).get("/api/v1/notices").then().statusCode(200)
                .body("facts.scope", not(hasItem(scope)));
    }

    @Test
    @TestSecurity(user = "anna")
    void anAdministratorKeepsTheContactsOnThePage() {
        PageSession session = new PageSession();
        session.open("/portal/notices/contacts").then().statusCode(200)
                .body(containsString("<h1>Varslingskontakter</h1>"));
        session.form().formParam("topic", "ACCESS").formParam("email", "no address")
                .post("/portal/notices/contacts").then().statusCode(422)
                .body(containsString("id=\"f-email-error\"")).body(containsString("aria-invalid=\"true\""));
        session.form().formParam("topic", "ACCESS").formParam("email", "m".repeat(1_000_000))
                .post("/portal/notices/contacts").then().statusCode(422)
                .body(containsString("høyst 254 tegn"));
        String email = address("page");
        session.form().formParam("topic", "ACCESS").formParam("email", email)
                .post("/portal/notices/contacts").then().statusCode(303);
        given().get("/portal/notices/contacts").then().statusCode(200).body(containsString(email));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("topic", "ACCESS").formParam("email", address("no-csrf"))
                .post("/portal/notices/contacts").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsContactIsNotFoundOnThePage() {
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "insert into notice_contact (orgno, topic, email, created) values ('310000019', 'ACCESS', ?1, now()) "
                + "returning id").setParameter(1, address("a-only")).getSingleResult()).longValue());
        PageSession session = new PageSession();
        session.open("/portal/notices/contacts").then().statusCode(200).body(not(containsString("a-only-")));
        session.form().post("/portal/notices/contacts/" + id + "/delete").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonFollowsATopicAndGetsTheMailToo() {
        String email = address("anna");
        PageSession session = new PageSession();
        session.open("/portal/notices").then().statusCode(200).body(containsString("Send til meg også"));
        session.form().formParam("topic", "KEYS").formParam("email", "anna@")
                .post("/portal/notices/follow").then().statusCode(422).body(containsString("id=\"f-email-error\""));
        session.form().formParam("topic", "KEYS").formParam("email", email)
                .post("/portal/notices/follow").then().statusCode(303);
        QuarkusTransaction.requiringNew().run(() -> notices.send(NoticeKind.KEY_EXPIRED, TestData.ORG_A,
                Map.of("client", "c-1", "client_name", "Klient", "kid", "kid-anna", "expires", "i går")));
        // the other organisation's notice of the same topic does not reach her
        QuarkusTransaction.requiringNew().run(() -> notices.send(NoticeKind.KEY_EXPIRED, TestData.ORG_B,
                Map.of("client", "c-2", "kid", "kid-bert")));
        while (sender.deliver(Instant.now()) > 0) {
            // until the outbox is empty
        }
        assertEquals(java.util.List.of("Nøkkel er utløpt: kid-anna / Key has expired: kid-anna"),
                smtp.received().stream().filter(m -> m.to().contains(email)).map(EmbeddedMail.Received::subject)
                        .toList());
        given().get("/portal/notices").then().statusCode(200).body(containsString(email + ": sendt"))
                .body(containsString("Nøkkel er utløpt: kid-anna")).body(not(containsString("kid-bert")));
        session.open("/portal/notices");
        session.form().formParam("topic", "KEYS").post("/portal/notices/unfollow").then().statusCode(303);
        given().get("/portal/notices").then().body(not(containsString(email + "\n")));
    }

    @Test
    @TestSecurity(user = "platform")
    void theOperatorReadsTheDemoMailbox() {
        String email = address("mailbox");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "insert into notice_contact (orgno, topic, email, created) values ('310000027', 'ACCESS', ?1, now())")
                .setParameter(1, email).executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> notices.send(NoticeKind.SCOPE_DEACTIVATED, TestData.ORG_B,
                Map.of("scope", "beta:mailbox", "owner", "Org A AS")));
        while (sender.deliver(Instant.now()) > 0) {
            // until the outbox is empty
        }
        given().get("/portal/notices/mailbox").then().statusCode(200).body(containsString(email))
                .body(containsString("Scope deaktivert: beta:mailbox / Scope deactivated: beta:mailbox"));
    }

    @Test
    @TestSecurity(user = "anna")
    void onlyTheOperatorReadsTheMailbox() {
        given().get("/portal/notices/mailbox").then().statusCode(403);
    }
}
