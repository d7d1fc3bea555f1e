package no.samarbeidsportal.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks in the browser (issue 17): anna registers an endpoint for A and sees its secret once, changes it, sends a
 * test event and sends it again, rotates and deletes; bad input is a field message (422); bert of B finds none of it.
 */
@QuarkusTest
class WebhookPagesTest {

    private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/]{32}");
    private static final Pattern CREATED = Pattern.compile("action=\"/portal/webhooks/(\\d+)/rotate\"");

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
        WebhookServiceTest.clean(em);
    }

    private static String secret(String page) {
        Matcher m = SECRET.matcher(page);
        assertTrue(m.find(), "no secret on the page");
        return m.group();
    }

    @Test
    @TestSecurity(user = "anna")
    void anAdministratorRegistersAnEndpointSeesTheSecretOnceAndKeepsIt() {
        PageSession session = new PageSession();
        session.open("/portal/webhooks").then().statusCode(200).body(containsString("<h1>Webhooker</h1>"))
                .body(containsString("href=\"/portal/webhooks\" aria-current=\"page\""));
        session.open("/portal/webhooks/new").then().statusCode(200)
                .body(containsString("<legend>Hendelsestyper</legend>"))
                .body(containsString("value=\"access.granted\""))
                .body(not(containsString("value=\"webhook.test\"")));

        session.form().formParam("url", "ftp://127.0.0.1/x").post("/portal/webhooks").then().statusCode(422)
                .body(containsString("id=\"f-url-error\"")).body(containsString("aria-invalid=\"true\""))
                .body(containsString("http:// eller https://"))
                .body(containsString("id=\"f-event_types-error\"")).body(containsString("minst én hendelsestype"));
        session.form().formParam("url", "https://example.com/" + "a".repeat(10_240))
                .formParam("event_types", "key.added").post("/portal/webhooks").then().statusCode(422)
                .body(containsString("høyst 2000 tegn"));
        session.form().formParam("url", "http://169.254.169.254/").formParam("event_types", "key.added")
                .post("/portal/webhooks").then().statusCode(422).body(containsString("intern, privat eller lokal"));

        String page = session.form().formParam("url", WebhookServiceTest.url("page"))
                .formParam("description", "Fra siden").formParam("event_types", "key.added", "scope.changed")
                .formParam("active", "true").post("/portal/webhooks").then().statusCode(200)
                .body(containsString("Kopier hemmeligheten nå")).extract().asString();
        String secret = secret(page);
        Matcher m = CREATED.matcher(page);
        assertTrue(m.find());
        long id = Long.parseLong(m.group(1));

        String shown = session.open("/portal/webhooks/" + id).then().statusCode(200)
                .body(containsString("value=\"scope.changed\" checked")).extract().asString();
        assertTrue(!shown.contains("whsec_"), "the secret is shown once only");
        session.open("/portal/webhooks").then().body(containsString(WebhookServiceTest.url("page")))
                .body(not(containsString("whsec_")));

        session.open("/portal/webhooks/" + id);
        session.form().formParam("url", "http://10.0.0.1/").formParam("event_types", "key.added")
                .post("/portal/webhooks/" + id).then().statusCode(422).body(containsString("id=\"f-url-error\""));
        session.form().formParam("url", WebhookServiceTest.url("page-2")).formParam("event_types", "key.added")
                .post("/portal/webhooks/" + id).then().statusCode(303);
        session.open("/portal/webhooks/" + id).then().statusCode(200)
                .body(containsString(WebhookServiceTest.url("page-2")))
                .body(not(containsString("name=\"active\" value=\"true\" checked")));

        session.form().post("/portal/webhooks/" + id + "/test").then().statusCode(303);
        session.open("/portal/webhooks/" + id).then().statusCode(200).body(containsString("<code>webhook.test</code>"))
                .body(containsString("venter"));
        given().header("HX-Request", "true").get("/portal/webhooks/" + id + "/log").then().statusCode(200)
                .body(containsString("id=\"webhook-log\"")).body(not(containsString("<html")));

        long delivery = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "update webhook_delivery set state = 'SENT', sent_at = now(), attempts = 1 where endpoint_id = ?1 "
                + "returning id").setParameter(1, id).getSingleResult()).longValue());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into webhook_attempt (delivery_id, "
                + "endpoint_id, status, duration_ms, response_excerpt) values (?1, ?2, 204, 17, 'takk')")
                .setParameter(1, delivery).setParameter(2, id).executeUpdate());
        session.open("/portal/webhooks/" + id).then().body(containsString("levert")).body(containsString("17 ms"))
                .body(containsString("takk")).body(containsString("Send på nytt"));
        session.form().post("/portal/webhooks/" + id + "/deliveries/" + delivery + "/resend").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/portal/webhooks/" + id));
        session.open("/portal/webhooks/" + id).then().body(containsString("venter"));

        String rotated = secret(session.form().post("/portal/webhooks/" + id + "/rotate").then().statusCode(200)
                .body(containsString("Kopier hemmeligheten nå")).extract().asString());
        assertNotEquals(secret, rotated);

        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .post("/portal/webhooks/" + id + "/delete").then().statusCode(400);
        session.open("/portal/webhooks/" + id);
        session.form().post("/portal/webhooks/" + id + "/delete").then().statusCode(303);
        given().get("/portal/webhooks/" + id).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsEndpointIsNotFoundOnThePages() {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            WebhookEndpoint e = new WebhookEndpoint();
            e.orgno = TestData.ORG_A;
            e.url = WebhookServiceTest.url("a-page");
            e.eventTypes = List.of("key.added");
            e.secret = WebhookService.newSecret();
            e.created = Instant.now();
            e.persist();
            return e.id;
        });
        PageSession session = new PageSession();
        session.open("/portal/webhooks").then().statusCode(200).body(not(containsString("a-page")));
        session.open("/portal/webhooks/" + id).then().statusCode(404);
        given().get("/portal/webhooks/" + id + "/log").then().statusCode(404);
        for (String action : List.of("", "/rotate", "/test", "/delete", "/deliveries/1/resend")) {
            session.form().formParam("url", WebhookServiceTest.url("b")).formParam("event_types", "key.added")
                    .post("/portal/webhooks/" + id + action).then().statusCode(404);
        }
    }

    @Test
    @TestSecurity(user = "nina")
    void someoneWithoutARoleMayNotKeepWebhooks() {
        given().get("/portal/webhooks").then().statusCode(403);
    }
}
