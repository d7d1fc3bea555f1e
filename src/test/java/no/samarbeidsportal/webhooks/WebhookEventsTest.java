package no.samarbeidsportal.webhooks;

import static no.samarbeidsportal.TestScopes.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.clients.Client;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.clients.ClientKey;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.keys.KeyExpiryCheck;
import no.samarbeidsportal.orgs.NewAppointment;
import no.samarbeidsportal.orgs.SupplierService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every change becomes a webhook event (issue 17), made through the real API and delivered to a real receiver that
 * checks each signature with the Standard Webhooks library: the owner gets events about its objects, the consumer
 * about its own access to them (and nothing of the rest of the access list or the other side's people), the supplier
 * about what is given to it or agreed with it; an organisation with nothing to do with it gets nothing.
 */
@QuarkusTest
class WebhookEventsTest {

    private static final String ALTINN = "https://tt02.altinn.no/";
    private static final String DCR_SUPPLIER = "idporten:dcr.supplier";

    @Inject
    WebhookSender sender;

    @Inject
    KeyExpiryCheck expiry;

    @Inject
    SupplierService suppliers;

    @Inject
    EntityManager em;

    private final List<Long> endpoints = new ArrayList<>();
    private final Map<String, String> secrets = new HashMap<>();
    private Receiver receiver;

    @BeforeEach
    void data() {
        TestData.ensure();
        receiver = new Receiver();
    }

    @AfterEach
    void quiet() {
        QuarkusTransaction.requiringNew().run(() -> endpoints.forEach(id -> em.createNativeQuery(
                "update webhook_endpoint set active = false where id = ?1").setParameter(1, id).executeUpdate()));
        receiver.close();
    }

    /** An endpoint of {@code orgno} that wants every event type, posting to the receiver's {@code /<orgno>}. */
    private void endpoint(String orgno) {
        String secret = Receiver.secret();
        secrets.put(orgno, secret);
        endpoints.add(QuarkusTransaction.requiringNew().call(() -> {
            WebhookEndpoint e = new WebhookEndpoint();
            e.orgno = orgno;
            e.url = receiver.url("/" + orgno);
            e.secret = secret;
            e.eventTypes = new ArrayList<>(Arrays.stream(WebhookEventType.values())
                    .filter(WebhookEventType::subscribable).map(WebhookEventType::code).toList());
            e.created = Instant.now();
            e.persist();
            return e.id;
        }));
    }

    private void deliverAll() {
        Instant now = Instant.now();
        while (sender.deliver(now) > 0) {
            // one event per object and round
        }
    }

    /** What {@code orgno} received, each checked against its secret by the library. */
    private List<Receiver.Request> received(String orgno) {
        List<Receiver.Request> got = receiver.to("/" + orgno);
        for (Receiver.Request r : got) {
            assertTrue(r.verifiedWith(secrets.get(orgno)), "signed for " + orgno + ": " + r.body());
            assertEquals(orgno, r.data().get("organisation"), r.body());
            assertTrue(r.header("webhook-id").startsWith("msg_"), r.header("webhook-id"));
        }
        return got;
    }

    private static List<String> types(List<Receiver.Request> requests) {
        return requests.stream().map(Receiver.Request::type).toList();
    }

    /** The events about one object, in the order they arrived. */
    private static List<Receiver.Request> about(List<Receiver.Request> requests, String id) {
        return requests.stream().filter(r -> id.equals(((Map<?, ?>) r.data().get("object")).get("id"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Receiver.Request r, String key) {
        return (Map<String, Object>) r.data().get(key);
    }

    private static Map<String, Object> jwk(String kid) {
        return new LinkedHashMap<>(new RSAKey.Builder((RSAPublicKey) TestCertificates.rsa(2048).getPublic())
                .keyID(kid).keyUse(KeyUse.SIGNATURE).build().toJSONObject());
    }

    @Test
    void everyChangeArrivesSignedAtTheOrganisationsItConcernsAndNowhereElse() {
        String owner = TestData.ORG_A;
        String consumer = TestData.freshOrganisation("Webhook Konsument AS");
        String supplier = TestData.freshOrganisation("Webhook Leverandør AS");
        String stranger = TestData.freshOrganisation("Webhook Fremmed AS");
        for (String orgno : List.of(owner, consumer, supplier, stranger)) {
            endpoint(orgno);
        }

        // scopes and their access lists
        String scope = TestScopes.createInA(TestScopes.unique("wh"), Map.of("delegation_source", ALTINN));
        as(owner, TestScopes.WRITE).queryParam("scope", scope).body(Map.of("remove_deleted_consumers", true))
                .put("/api/v1/scopes/access/auto-removal").then().statusCode(200);
        as(owner, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer).then()
                .statusCode(200);
        long delegation = ((Number) as(consumer, ClientApiTest.DCR_WRITE).body(Map.of("scope", scope,
                "supplier_orgno", supplier)).post("/api/v1/delegations").then().statusCode(201).extract().path("id"))
                .longValue();
        as(consumer, ClientApiTest.DCR_WRITE).delete("/api/v1/delegations/" + delegation).then().statusCode(204);
        as(owner, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes/access/" + consumer).then()
                .statusCode(200);
        as(owner, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes").then().statusCode(200);
        // what the register's clean-up does: a removal by the system
        String cleaned = TestScopes.ofA();
        QuarkusTransaction.requiringNew().run(() -> AuditEvent.bySystem(owner, AuditAction.ACCESS_REVOKED,
                AuditSubject.scope(cleaned), Map.of("scope", cleaned, "consumer_orgno", consumer, "state", "DENIED",
                        "reason", "register_deleted")));

        // an access request, rejected
        String asked = TestScopes.ofA();
        as(owner, TestScopes.WRITE).queryParam("scope", asked).body(Map.of("takes_requests", true))
                .put("/api/v1/scopes/requestpolicy").then().statusCode(200);
        long request = as(consumer, ClientApiTest.DCR_WRITE).body(Map.of("scope", asked, "purpose", "Vi trenger data",
                "contact_email", "drift@example.com")).post("/api/v1/accessrequests").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(owner, TestScopes.WRITE).body(Map.of("reason", "Ikke nå")).post("/api/v1/scopes/requests/" + request
                + "/reject").then().statusCode(200);

        // clients and keys
        String own = ClientApiTest.grantedTo(owner);
        String client = ClientApiTest.create(owner, ClientApiTest.maskinporten(own));
        Map<String, Object> change = ClientApiTest.maskinporten(own);
        change.put("client_name", "Nytt navn");
        as(owner, ClientApiTest.DCR_WRITE).body(change).put("/api/v1/clients/" + client).then().statusCode(200);
        as(owner, ClientApiTest.DCR_WRITE).body(Map.of("keys", List.of(jwk("wh-1"), jwk("wh-2"))))
                .post("/api/v1/clients/" + client + "/jwks").then().statusCode(201);
        as(owner, ClientApiTest.DCR_WRITE).delete("/api/v1/clients/" + client + "/jwks/wh-1").then()
                .statusCode(200);
        // the remaining key expires soon, a second client's has just expired
        String other = ClientApiTest.create(owner, ClientApiTest.maskinporten(own));
        as(owner, ClientApiTest.DCR_WRITE).body(Map.of("keys", List.of(jwk("wh-3"))))
                .post("/api/v1/clients/" + other + "/jwks").then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update client_key set expires = now() + interval '5 days' where kid = 'wh-2' "
                    + "and client_id = (select id from client where client_id = ?1)").setParameter(1, client)
                    .executeUpdate();
            em.createNativeQuery("update client_key set expires = now() - interval '1 day' where kid = 'wh-3' "
                    + "and client_id = (select id from client where client_id = ?1)").setParameter(1, other)
                    .executeUpdate();
        });
        expiry.check(Instant.now());
        as(owner, ClientApiTest.DCR_WRITE).delete("/api/v1/clients/" + client).then().statusCode(200);

        deliverAll();

        // the owner: everything about its scopes, access lists and clients
        List<Receiver.Request> ownerGot = received(owner);
        List<String> ownerTypes = types(ownerGot);
        for (String type : List.of("scope.created", "scope.changed", "access.granted", "access.removed",
                "scope.deactivated", "access.requested", "access.decided", "client.created", "client.changed",
                "key.added", "key.removed", "key.expiring", "key.expired", "client.deactivated")) {
            assertTrue(ownerTypes.contains(type), type + " in " + ownerTypes);
        }
        assertFalse(ownerTypes.contains("delegation.given"), "the consumer's delegation is not the owner's");
        assertEquals(List.of("scope.created", "scope.changed", "access.granted", "access.removed",
                "scope.deactivated"), types(about(ownerGot, scope)), "one object's events in order");
        Receiver.Request granted = about(ownerGot, scope).get(2);
        assertEquals("access.granted", granted.data().get("action"));
        assertEquals(Map.of("type", "Scope", "id", scope), granted.data().get("object"));
        assertEquals("CLIENT", map(granted, "actor").get("kind"));
        assertEquals("test-admin-client-" + owner, map(granted, "actor").get("id"), "the owner sees its own actor");
        assertEquals(consumer, map(granted, "after").get("consumer_orgno"));
        assertTrue(granted.data().containsKey("correlation_id"));
        Receiver.Request expiring = ownerGot.stream().filter(r -> r.type().equals("key.expiring")
                && "wh-2".equals(r.data().get("kid"))).findFirst().orElseThrow();
        assertEquals(client, expiring.data().get("client"));
        assertEquals(5, expiring.data().get("days"));
        assertTrue(ownerGot.stream().anyMatch(r -> r.type().equals("key.expired") && "wh-3".equals(r.data().get("kid"))));
        List<String> clientTypes = types(about(ownerGot, client)).stream().filter(t -> !t.startsWith("key.expir"))
                .toList();
        assertEquals(List.of("client.created", "client.changed", "key.added", "key.removed", "client.deactivated"),
                clientTypes);

        // the consumer: its own access, its own delegation and request; the owner's people stay unnamed
        List<Receiver.Request> consumerGot = received(consumer);
        assertEquals(List.of("access.granted", "delegation.given", "delegation.withdrawn", "access.removed"),
                types(about(consumerGot, scope)));
        assertEquals(List.of("access.removed"), types(about(consumerGot, cleaned)));
        assertEquals(List.of("access.requested", "access.decided"), types(about(consumerGot, asked)));
        assertEquals(7, consumerGot.size(), "nothing about the owner's own objects: " + types(consumerGot));
        Receiver.Request itsGrant = about(consumerGot, scope).get(0);
        assertEquals(Map.of("kind", "CLIENT"), map(itsGrant, "actor"), "another organisation's actor, kind only");
        assertEquals(Map.of("scope", scope, "consumer_orgno", consumer, "state", "APPROVED"), map(itsGrant, "after"));
        Receiver.Request bySystem = about(consumerGot, cleaned).get(0);
        assertEquals(Map.of("kind", "SYSTEM", "id", "system"), map(bySystem, "actor"));
        assertEquals("register_deleted", map(bySystem, "after").get("reason"));
        Receiver.Request decided = about(consumerGot, asked).get(1);
        assertEquals("rejected", decided.data().get("decision"));
        assertEquals(Map.of("kind", "CLIENT"), map(decided, "actor"));
        assertFalse(map(decided, "after").containsKey("decided_by"), "no person of the owner's: " + decided.body());
        Receiver.Request delegated = about(consumerGot, scope).get(1);
        assertEquals("test-admin-client-" + consumer, map(delegated, "actor").get("id"), "its own actor");

        // the supplier: the delegation given to it and withdrawn, by an organisation it sees only by number
        List<Receiver.Request> supplierGot = received(supplier);
        assertEquals(List.of("delegation.given", "delegation.withdrawn"), types(supplierGot));
        assertEquals(Map.of("kind", "CLIENT"), map(supplierGot.get(0), "actor"));
        assertEquals(Map.of("scope", scope, "consumer_orgno", consumer, "supplier_orgno", supplier),
                map(supplierGot.get(0), "after"));
        assertNull(supplierGot.get(1).data().get("after"));

        assertEquals(List.of(), types(received(stranger)), "an organisation it does not concern gets nothing");
    }

    @Test
    @TestSecurity(user = "anna")
    void bothSidesOfASupplierAppointmentHearOfItWithoutTheOtherSidesPeople() {
        String supplier = TestData.freshOrganisation("Webhook Avtalepart AS");
        endpoint(TestData.ORG_A);
        endpoint(supplier);
        SupplierAppointment a = suppliers.appoint(TestData.ORG_A, new NewAppointment(supplier, false));
        as(supplier, DCR_SUPPLIER).delete("/api/v1/suppliers/" + TestData.ORG_A).then().statusCode(200);
        deliverAll();

        String id = String.valueOf(a.id);
        List<Receiver.Request> customerGot = about(received(TestData.ORG_A), id);
        List<Receiver.Request> supplierGot = about(received(supplier), id);
        assertEquals(List.of("supplier.appointed", "supplier.ended"), types(customerGot));
        assertEquals(List.of("supplier.appointed", "supplier.ended"), types(supplierGot));
        assertEquals(Map.of("type", "SupplierAppointment", "id", id), customerGot.get(0).data().get("object"));
        // ended by the supplier's client: the supplier sees who, the customer only that a client did
        Map<String, Object> supplierAfter = map(supplierGot.get(1), "after");
        assertEquals("test-admin-client-" + supplier, supplierAfter.get("ended_by"));
        assertEquals("test-admin-client-" + supplier, map(supplierGot.get(1), "actor").get("id"));
        assertFalse(map(customerGot.get(1), "after").containsKey("ended_by"), customerGot.get(1).body());
        assertEquals(Map.of("kind", "CLIENT"), map(customerGot.get(1), "actor"));
        assertEquals(supplier, map(customerGot.get(1), "after").get("supplier_orgno"));
    }

    /** An expiring key on the client, stored as the key service would store it. */
    private void expiringKey(String clientId, String kid) {
        QuarkusTransaction.requiringNew().run(() -> {
            ClientKey key = new ClientKey();
            key.client = Client.byClientId(clientId).orElseThrow();
            key.kid = kid;
            key.jwk = Map.of("kty", "RSA", "e", "AQAB", "n", "sXch");
            key.thumbprint = kid;
            key.expires = Instant.now().plus(Duration.ofDays(5));
            key.created = Instant.now();
            key.lastUpdated = key.created;
            key.persist();
        });
    }

    @Test
    @TestSecurity(user = "anna")
    void aSupplierHearsOfItsCustomersExpiringKeysOnlyWhileItsAppointmentLasts() {
        String supplier = TestData.freshOrganisation("Webhook Tidligere Leverandør AS");
        endpoint(TestData.ORG_A);
        endpoint(supplier);
        SupplierAppointment a = suppliers.appoint(TestData.ORG_A, new NewAppointment(supplier, false));
        String client = ClientApiTest.create(TestData.ORG_A, ClientApiTest.maskinporten(
                ClientApiTest.grantedTo(TestData.ORG_A)));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update client set supplier_orgno = ?1 where client_id = ?2").setParameter(1, supplier)
                .setParameter(2, client).executeUpdate());
        String during = TestScopes.unique("kid");
        expiringKey(client, during);
        expiry.check(Instant.now());

        suppliers.end(TestData.ORG_A, a.id);
        String after = TestScopes.unique("kid");
        expiringKey(client, after);
        expiry.check(Instant.now());
        deliverAll();

        List<Object> customerKids = about(received(TestData.ORG_A), client).stream()
                .filter(r -> r.type().equals("key.expiring")).map(r -> r.data().get("kid")).toList();
        assertEquals(List.of(during, after), customerKids, "the customer hears of both");
        List<Object> supplierKids = about(received(supplier), client).stream()
                .filter(r -> r.type().equals("key.expiring")).map(r -> r.data().get("kid")).toList();
        assertEquals(List.of(during), supplierKids, "the ended supplier does not hear of the later one");
        // nor is it told by notice (and e-mail)
        String kids = "select coalesce(string_agg(facts->>'kid', ',' order by id), '') from notice "
                + "where orgno = ?1 and kind = 'KEY_EXPIRING' and facts->>'client' = ?2";
        assertEquals(during + "," + after, QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(kids)
                .setParameter(1, TestData.ORG_A).setParameter(2, client).getSingleResult()));
        assertEquals(during, QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(kids)
                .setParameter(1, supplier).setParameter(2, client).getSingleResult()));
    }

    @Test
    @TestSecurity(user = "anna")
    void aBulkImportTellsEachListeningConsumerOfItsOwnEntryOnly() {
        String first = TestData.freshOrganisation("Webhook Import En AS");
        String second = TestData.freshOrganisation("Webhook Import To AS");
        String silent = TestData.freshOrganisation("Webhook Import Uten AS");
        endpoint(TestData.ORG_A);
        endpoint(first);
        endpoint(second);
        String scope = TestScopes.ofA();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope).then().statusCode(200);
        session.form().queryParam("scope", scope).formParam("consumers", first + "\n" + second + "\n" + silent)
                .post("/portal/scopes/access/import/confirm").then().statusCode(303);
        deliverAll();

        List<Receiver.Request> owner = about(received(TestData.ORG_A), scope);
        assertEquals(List.of("scope.created", "access.granted"), types(owner));
        assertEquals("access.imported", owner.get(1).data().get("action"));
        assertEquals(3, map(owner.get(1), "after").get("count"));
        for (String consumer : List.of(first, second)) {
            List<Receiver.Request> got = received(consumer);
            assertEquals(List.of("access.granted"), types(got), consumer);
            assertEquals(Map.of("scope", scope, "consumer_orgno", consumer, "state", "APPROVED"), map(got.get(0),
                    "after"), "its own entry, not the list: " + got.get(0).body());
            assertEquals(Map.of("kind", "PERSON"), map(got.get(0), "actor"), "the owner's person is not named");
        }
    }
}
