package no.samarbeidsportal.webhooks;

import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook endpoints over the API (issue 17): Digdir's error body for bad input, the secret in the create and rotate
 * answers only, 404 for another organisation's endpoint on every operation, the test event and "send again".
 */
@QuarkusTest
class WebhookApiTest {

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
        WebhookServiceTest.clean(em);
    }

    private static RequestSpecification admin(String orgno) {
        return as(orgno, TestScopes.WRITE);
    }

    private static Map<String, Object> body(String url, Object types) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("event_types", types);
        return body;
    }

    private static long create(String orgno, String name, String... types) {
        return ((Number) admin(orgno).body(body(WebhookServiceTest.url(name), List.of(types)))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id")).longValue();
    }

    private String auditText(long id) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                "select coalesce(string_agg(coalesce(before_value::text, '') || coalesce(after_value::text, ''), ' '),"
                + " '') from audit_event where subject_type = 'WebhookEndpoint' and subject_id = ?1")
                .setParameter(1, String.valueOf(id)).getSingleResult()));
    }

    @Test
    void anAdministratorRegistersChangesRotatesAndDeletesAndSeesTheSecretOnlyOnce() {
        String orgno = TestData.freshOrganisation("Webhook API AS");
        Map<String, Object> created = admin(orgno).body(Map.of("url", WebhookServiceTest.url("api"),
                "description", "GitOps", "event_types", List.of("scope.created", "client.changed")))
                .post("/api/v1/webhooks").then().statusCode(201).body("active", equalTo(true))
                .body("event_types", equalTo(List.of("scope.created", "client.changed")))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{32}")).extract().as(Map.class);
        long id = ((Number) created.get("id")).longValue();
        String secret = (String) created.get("secret");

        String list = admin(orgno).get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem((int) id))
                .body("[0].secret", nullValue()).extract().asString();
        assertFalse(list.contains(secret) || list.contains("whsec_"), list);
        String shown = admin(orgno).get("/external/api/v1/webhooks/" + id).then()
                .statusCode(200).body("url", equalTo(WebhookServiceTest.url("api"))).extract().asString();
        assertFalse(shown.contains("whsec_"), shown);
        as(orgno, ClientApiTest.DCR_WRITE).get("/webhooks/" + id).then().statusCode(200);

        admin(orgno).body(Map.of("url", WebhookServiceTest.url("api-2"), "event_types", List.of("key.expiring"),
                "active", false)).put("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("active", equalTo(false)).body("url", equalTo(WebhookServiceTest.url("api-2")))
                .body("secret", nullValue());

        String rotated = admin(orgno).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .body("previous_secret_until", notNullValue()).extract().path("secret");
        assertNotEquals(secret, rotated);
        String again = admin(orgno).get("/api/v1/webhooks/" + id).then().statusCode(200).extract().asString();
        assertFalse(again.contains(rotated) || again.contains(secret), again);

        admin(orgno).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        admin(orgno).get("/api/v1/webhooks/" + id).then().statusCode(404);
        String audited = auditText(id);
        assertFalse(audited.isEmpty());
        assertFalse(audited.contains(secret) || audited.contains(rotated) || audited.contains("whsec_"), audited);
    }

    @Test
    void badInputGetsDigdirsErrorBodyNamingTheField() {
        Map<String, List<Object>> cases = Map.of(
                "url", List.of("ftp://127.0.0.1/x", "https://example.com/" + "a".repeat(10_240),
                        "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "not a url"),
                "event_types", List.of(List.of("scope.exploded"), List.of(), List.of("webhook.test")));
        cases.forEach((field, values) -> values.forEach(value -> {
            Map<String, Object> body = field.equals("url") ? body((String) value, List.of("scope.created"))
                    : body(WebhookServiceTest.url("bad"), value);
            admin(TestData.ORG_A).body(body).post("/api/v1/webhooks").then().statusCode(400)
                    .body("error", equalTo("invalid_request")).body("errors.fieldIdentifier", hasItem(field));
        }));
        admin(TestData.ORG_A).body(Map.of("url", WebhookServiceTest.url("bad"))).post("/api/v1/webhooks").then()
                .statusCode(400).body("errors.fieldIdentifier", hasItem("event_types"));
        admin(TestData.ORG_A).body(body(WebhookServiceTest.url("bad"), List.of("scope.exploded")))
                .post("/api/v1/webhooks").then().statusCode(400)
                .body("errors[0].errorMessage", org.hamcrest.Matchers.containsString("scope.exploded"));
        admin(TestData.ORG_A).body(body(WebhookServiceTest.url("bad"), "scope.created")).post("/api/v1/webhooks")
                .then().statusCode(400);
        admin(TestData.ORG_A).get("/api/v1/webhooks").then().statusCode(200)
                .body("url", not(hasItem(WebhookServiceTest.url("bad"))));
    }

    @Test
    void anOrganisationHasAtMostTenEndpoints() {
        String orgno = TestData.freshOrganisation("Mange webhooker AS");
        for (int i = 0; i < 10; i++) {
            create(orgno, "many-" + i, "key.added");
        }
        admin(orgno).body(body(WebhookServiceTest.url("eleven"), List.of("key.added"))).post("/api/v1/webhooks")
                .then().statusCode(400).body("errors.fieldIdentifier", hasItem("url"));
    }

    @Test
    void anotherOrganisationGets404ForEveryOperationAndAReadTokenGets403() {
        long id = create(TestData.ORG_A, "a-only", "key.added");
        long delivery = ((Number) admin(TestData.ORG_A).post("/api/v1/webhooks/" + id + "/test").then()
                .statusCode(202).extract().path("id")).longValue();
        RequestSpecification b = admin(TestData.ORG_B);
        b.get("/api/v1/webhooks/" + id).then().statusCode(404);
        admin(TestData.ORG_B).body(body(WebhookServiceTest.url("b"), List.of("key.added")))
                .put("/api/v1/webhooks/" + id).then().statusCode(404);
        admin(TestData.ORG_B).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(404);
        admin(TestData.ORG_B).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        admin(TestData.ORG_B).post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/resend").then()
                .statusCode(404);
        admin(TestData.ORG_B).post("/api/v1/webhooks/" + id + "/test").then().statusCode(404);
        admin(TestData.ORG_B).delete("/api/v1/webhooks/" + id).then().statusCode(404);
        admin(TestData.ORG_B).get("/api/v1/webhooks").then().statusCode(200).body("id", not(hasItem((int) id)));
        as(TestData.ORG_A, TestScopes.READ).get("/api/v1/webhooks").then().statusCode(403);
        as(TestData.ORG_A, TestScopes.READ).delete("/api/v1/webhooks/" + id).then().statusCode(403);
        admin(TestData.ORG_A).get("/api/v1/webhooks/" + id).then().statusCode(200);
    }

    @Test
    void aTestEventIsDeliveredToThatEndpointOnlyAndSendAgainRequeuesIt() {
        String orgno = TestData.freshOrganisation("Webhook test AS");
        long first = create(orgno, "first", "scope.created");
        long second = create(orgno, "second", "scope.created");
        Map<String, Object> test = admin(orgno).post("/api/v1/webhooks/" + first + "/test").then().statusCode(202)
                .body("event_type", equalTo("webhook.test")).body("state", equalTo("PENDING"))
                .body("message_id", matchesPattern("msg_[0-9a-z]{26}")).extract().as(Map.class);
        long delivery = ((Number) test.get("id")).longValue();
        admin(orgno).get("/api/v1/webhooks/" + first + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(1)).body("deliveries[0].id", equalTo((int) delivery));
        admin(orgno).get("/api/v1/webhooks/" + second + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(0)).body("attempts", hasSize(0));
        admin(orgno).post("/api/v1/webhooks/" + first + "/deliveries/" + delivery + "/resend").then()
                .statusCode(409);

        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update webhook_delivery set state = 'FAILED', attempts = 9, last_error = 'HTTP 500' "
                    + "where id = ?1").setParameter(1, delivery).executeUpdate();
            em.createNativeQuery("insert into webhook_attempt (delivery_id, endpoint_id, status, duration_ms, "
                    + "response_excerpt) values (?1, ?2, 500, 31, 'boom')").setParameter(1, delivery)
                    .setParameter(2, first).executeUpdate();
        });
        admin(orgno).get("/api/v1/webhooks/" + first + "/deliveries").then().statusCode(200)
                .body("deliveries[0].state", equalTo("FAILED")).body("attempts[0].status", equalTo(500))
                .body("attempts[0].duration_ms", equalTo(31)).body("attempts[0].response_excerpt", equalTo("boom"))
                .body("attempts[0].event_type", equalTo("webhook.test"))
                .body("attempts[0].message_id", equalTo(test.get("message_id")));
        admin(orgno).post("/webhooks/" + first + "/deliveries/" + delivery + "/resend").then().statusCode(200)
                .body("state", equalTo("PENDING")).body("attempts", equalTo(0))
                .body("message_id", equalTo(test.get("message_id")));
        admin(orgno).post("/api/v1/webhooks/" + second + "/deliveries/" + delivery + "/resend").then()
                .statusCode(404);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from webhook_delivery where endpoint_id = ?1").setParameter(1, second)
                .getSingleResult()).longValue()));
    }

    @Test
    void theEventTypesAreListed() {
        admin(TestData.ORG_A).get("/api/v1/webhooks/event-types").then().statusCode(200)
                .body("code", hasItem("access.granted")).body("code", not(hasItem("webhook.test")))
                .body("find { it.code == 'key.expiring' }.description", equalTo("Key expiring soon"))
                .body("$", hasSize(WebhookEventType.values().length - 1));
    }
}
