package no.samarbeidsportal.setup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.persistence.EntityManager;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The declarative set-up over HTTP (issue 17): each test has its own fresh organisation with its own prefix. */
@QuarkusTest
class SetupApiTest {

    static final String ALL = "idporten:scopes.write idporten:dcr.write";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** A fresh organisation with the prefix {@code p<orgno>}. */
    static String organisation() {
        String orgno = TestData.freshOrganisation("Oppsett AS");
        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("insert into scope_prefix (prefix, orgno) values (?1, ?2)")
                .setParameter(1, "p" + orgno).setParameter(2, orgno).executeUpdate());
        return orgno;
    }

    static RequestSpecification as(String orgno, String scopes) {
        return given().auth().oauth2(Tokens.of(orgno, scopes)).contentType(ContentType.JSON);
    }

    static String scope(String orgno, String subscope, String... consumers) {
        as(orgno, ALL).body(Map.of("prefix", "p" + orgno, "subscope", subscope, "description", "API " + subscope))
                .post("/api/v1/scopes").then().statusCode(201);
        String name = "p" + orgno + ":" + subscope;
        for (String consumer : consumers) {
            as(orgno, ALL).queryParam("scope", name).put("/api/v1/scopes/access/" + consumer).then().statusCode(200);
        }
        return name;
    }

    static String client(String orgno, String name, String scope, Map<String, Object> jwk) {
        Map<String, Object> body = ClientApiTest.maskinporten(scope);
        body.put("client_name", name);
        String id = as(orgno, ALL).body(body).post("/api/v1/clients").then().statusCode(201).extract()
                .path("client_id");
        if (jwk != null) {
            as(orgno, ALL).body(Map.of("keys", List.of(jwk))).post("/api/v1/clients/" + id + "/jwks").then()
                    .statusCode(201);
        }
        return id;
    }

    static Map<String, Object> jwk(String kid) {
        return new HashMap<>(new RSAKey.Builder((RSAPublicKey) TestCertificates.rsa(2048).getPublic()).keyID(kid)
                .keyUse(KeyUse.SIGNATURE).build().toJSONObject());
    }

    static long auditLines(String orgno) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container().instance(EntityManager.class)
                .get().createNativeQuery("select count(*) from audit_event where orgno = ?1").setParameter(1, orgno)
                .getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> document(Response get) {
        return get.then().statusCode(200).extract().as(Map.class);
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> doc, String field) {
        return (List<Map<String, Object>>) doc.get(field);
    }

    static Map<String, Object> named(List<Map<String, Object>> items, String name) {
        return items.stream().filter(i -> name.equals(i.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + items));
    }

    @Test
    void applyingTheExportChangesNothingAndWritesNoAuditLine() {
        String org = organisation();
        String scope = scope(org, "data", TestData.ORG_B);
        String id = client(org, "Klient", scope, jwk("k1"));
        Response get = as(org, ALL).get("/api/v1/setup");
        String etag = get.header("ETag");
        Map<String, Object> doc = document(get);
        assertEquals(org, doc.get("orgno"));
        assertEquals(List.of("p" + org), doc.get("prefixes"));
        assertEquals(List.of(TestData.ORG_B), list(doc, "scopes").get(0).get("access"));
        assertEquals(id, list(doc, "clients").get(0).get("client_id"));
        assertFalse(text(doc).contains("\"d\""), "no private key member");
        assertFalse(text(doc).contains("secret"), "no secret");
        // the same state, the same ETag
        assertEquals(etag, as(org, ALL).get("/api/v1/setup").header("ETag"));
        as(org, ALL).body(text(doc)).queryParam("dry_run", "true").put("/api/v1/setup").then().statusCode(200)
                .body("changes", equalTo(0)).body("etag", equalTo(etag))
                .body("items.action", hasItems("unchanged")).body("items.action", not(hasItem("change")));
        long before = auditLines(org);
        as(org, ALL).header("If-Match", etag).body(text(doc)).put("/api/v1/setup").then().statusCode(200)
                .header("ETag", etag).body("changes", equalTo(0));
        assertEquals(before, auditLines(org));
        // twice is the same
        as(org, ALL).header("If-Match", etag).body(text(doc)).put("/api/v1/setup").then().statusCode(200)
                .body("changes", equalTo(0));
        assertEquals(before, auditLines(org));
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneChangeOfEachKindIsPlannedAndAppliedWithOneAuditLineEach() {
        String org = organisation();
        String x = TestData.FREE[0];
        String y = TestData.FREE[1];
        String changed = scope(org, "changed");
        String removed = scope(org, "removed");
        String listed = scope(org, "listed", x);
        String kept = client(org, "Endres", listed, jwk("old"));
        String dropped = client(org, "Fjernes", listed, null);
        Response get = as(org, ALL).get("/api/v1/setup");
        String etag = get.header("ETag");
        Map<String, Object> doc = document(get);
        List<Map<String, Object>> scopes = new ArrayList<>(list(doc, "scopes"));
        scopes.removeIf(s -> s.get("name").equals(removed));
        named(scopes, changed).put("description", "Ny beskrivelse");
        named(scopes, listed).put("access", List.of(y));
        scopes.add(Map.of("prefix", "p" + org, "subscope", "new", "description", "Nytt API",
                "unknown_member", "ignored"));
        List<Map<String, Object>> clients = new ArrayList<>(list(doc, "clients"));
        clients.removeIf(c -> c.get("client_id").equals(dropped));
        Map<String, Object> client = clients.get(0);
        client.put("client_name", "Endret");
        client.put("jwks", List.of(jwk("new")));
        Map<String, Object> fresh = ClientApiTest.maskinporten("p" + org + ":new");
        fresh.put("client_name", "Ny");
        fresh.put("jwks", List.of(jwk("first")));
        clients.add(fresh);
        doc.put("scopes", scopes);
        doc.put("clients", clients);

        Map<String, Object> plan = as(org, ALL).body(text(doc)).queryParam("dry_run", "true").put("/api/v1/setup")
                .then().statusCode(200).body("changes", equalTo(11)).extract().as(Map.class);
        List<Map<String, Object>> items = list(plan, "items");
        assertEquals("create", named(items, "p" + org + ":new").get("action"));
        Map<String, Object> change = named(items, changed);
        assertEquals("change", change.get("action"));
        assertEquals(List.of(Map.of("field", "description", "old", "API changed", "new", "Ny beskrivelse")),
                change.get("fields"));
        assertEquals("deactivate", named(items, removed).get("action"));
        assertEquals("remove", named(items, listed + "/" + x).get("action"));
        assertEquals("create", named(items, listed + "/" + y).get("action"));
        assertEquals("change", named(items, kept).get("action"));
        assertEquals("deactivate", named(items, dropped).get("action"));
        assertEquals("create", named(items, "clients[1]").get("action"));
        assertEquals("remove", named(items, kept + "/old").get("action"));
        assertEquals("create", named(items, kept + "/new").get("action"));
        assertEquals("create", named(items, "clients[1]/first").get("action"));
        assertEquals(etag, as(org, ALL).get("/api/v1/setup").header("ETag"), "a dry run writes nothing");

        long before = auditLines(org);
        Map<String, Object> applied = as(org, ALL).header("If-Match", etag).body(text(doc)).put("/api/v1/setup")
                .then().statusCode(200).body("changes", equalTo(11)).extract().as(Map.class);
        assertEquals(before + 11, auditLines(org), "one audit line per object");
        String newId = (String) list(applied, "items").stream().filter(i -> "client".equals(i.get("kind"))
                && "create".equals(i.get("action"))).findFirst().orElseThrow().get("client_id");
        assertNotNull(newId);

        Response after = as(org, ALL).get("/api/v1/setup");
        assertEquals(applied.get("etag"), after.header("ETag"));
        Map<String, Object> now = document(after);
        List<Map<String, Object>> nowScopes = list(now, "scopes");
        assertEquals("Ny beskrivelse", named(nowScopes, changed).get("description"));
        assertEquals(List.of(y), named(nowScopes, listed).get("access"));
        assertTrue(nowScopes.stream().noneMatch(s -> s.get("name").equals(removed)));
        as(org, ALL).queryParam("scope", removed).queryParam("inactive", "true").get("/api/v1/scopes").then()
                .body("active", equalTo(false));
        as(org, ALL).get("/api/v1/clients/" + dropped).then().statusCode(404);
        Map<String, Object> nowKept = list(now, "clients").stream().filter(c -> c.get("client_id").equals(kept))
                .findFirst().orElseThrow();
        assertEquals("Endret", nowKept.get("client_name"));
        assertEquals(List.of("new"), ((List<Map<String, Object>>) nowKept.get("jwks")).stream()
                .map(k -> k.get("kid")).toList());
        as(org, ALL).get("/api/v1/clients/" + newId).then().statusCode(200).body("client_name", equalTo("Ny"))
                .body("scopes", equalTo(List.of("p" + org + ":new")));
        // the document as it now is, applied again, changes nothing
        long settled = auditLines(org);
        as(org, ALL).header("If-Match", after.header("ETag")).body(text(now)).put("/api/v1/setup").then()
                .statusCode(200).body("changes", equalTo(0));
        assertEquals(settled, auditLines(org));
    }

    @Test
    void aStaleOrMissingIfMatchIsRefused() {
        String org = organisation();
        scope(org, "one");
        Response get = as(org, ALL).get("/api/v1/setup");
        String etag = get.header("ETag");
        Map<String, Object> doc = document(get);
        as(org, ALL).body(text(doc)).put("/api/v1/setup").then().statusCode(428)
                .body("error", equalTo("precondition_required"));
        scope(org, "two");
        list(doc, "scopes").get(0).put("description", "Endret");
        as(org, ALL).header("If-Match", etag).body(text(doc)).put("/api/v1/setup").then().statusCode(412)
                .body("error", equalTo("precondition_failed")).body("status", equalTo(412));
        as(org, ALL).queryParam("scope", "p" + org + ":one").get("/api/v1/scopes").then()
                .body("description", equalTo("API one"));
    }

    @Test
    void badInputIsOneErrorPerPlaceAndChangesNothing() {
        String org = organisation();
        String scope = scope(org, "one");
        client(org, "Klient", scope, null);
        Response get = as(org, ALL).get("/api/v1/setup");
        String etag = get.header("ETag");
        Map<String, Object> doc = document(get);
        List<Map<String, Object>> scopes = new ArrayList<>(list(doc, "scopes"));
        scopes.get(0).put("access", List.of(TestData.ORG_B, "310000018"));
        scopes.add(Map.of("prefix", "beta", "subscope", "stolen", "description", "Ikke vår"));
        Map<String, Object> wrong = new HashMap<>(Map.of("prefix", "p" + org, "subscope", "typed",
                "description", "Feil type"));
        wrong.put("at_max_age", "abc");
        scopes.add(wrong);
        doc.put("scopes", scopes);
        KeyPair pair = TestCertificates.rsa(2048);
        Map<String, Object> privateKey = new HashMap<>(new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate()).keyID("leaked").keyUse(KeyUse.SIGNATURE).build()
                .toJSONObject());
        list(doc, "clients").get(0).put("jwks", List.of(jwk("fine"), privateKey));
        as(org, ALL).header("If-Match", etag).body(text(doc)).put("/api/v1/setup").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItems("scopes[2].at_max_age")).body("errors.objectName",
                        hasItem("Setup"));
        // types first; with the types right, every rule break at once
        wrong.put("at_max_age", 5);
        as(org, ALL).header("If-Match", etag).body(text(doc)).put("/api/v1/setup").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItems("scopes[0].access[1]", "scopes[1].prefix",
                        "clients[0].jwks[1]"));
        as(org, ALL).body(text(doc)).queryParam("dry_run", "true").put("/api/v1/setup").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItem("clients[0].jwks[1]"));
        assertEquals(etag, as(org, ALL).get("/api/v1/setup").header("ETag"), "nothing applied");
        as(org, ALL).body("{\"scopes\": {}}").queryParam("dry_run", "true").put("/api/v1/setup").then()
                .statusCode(400).body("errors.fieldIdentifier", hasItem("scopes"));
        as(org, ALL).body("{not json").queryParam("dry_run", "true").put("/api/v1/setup").then().statusCode(400);
    }

    @Test
    void anotherOrganisationsDataIsNeitherShownNorChanged() {
        String mine = organisation();
        String theirs = organisation();
        String their = scope(theirs, "theirs", mine);
        String theirClient = client(theirs, "Deres", their, jwk("theirs"));
        scope(mine, "mine");
        String doc = as(mine, ALL).get("/api/v1/setup").then().statusCode(200).extract().asString();
        assertFalse(doc.contains(their), "another's scope, though we are on its access list");
        assertFalse(doc.contains(theirClient));
        assertFalse(doc.contains(theirs));
        String etag = as(mine, ALL).get("/api/v1/setup").header("ETag");
        Map<String, Object> taking = Map.of("scopes", List.of(Map.of("name", their, "description", "Mitt nå")),
                "clients", List.of(Map.of("client_id", theirClient, "client_name", "Min nå", "description", "x",
                        "scopes", List.of(their))));
        as(mine, ALL).header("If-Match", etag).body(text(taking)).put("/api/v1/setup").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItems("scopes[0].prefix", "clients[0].client_id"));
        as(theirs, ALL).queryParam("scope", their).get("/api/v1/scopes").then().statusCode(200)
                .body("description", equalTo("API theirs"));
        assertNotEquals(etag, as(theirs, ALL).get("/api/v1/setup").header("ETag"));
    }

    @Test
    void applyingNeedsTheRightsOfEveryChange() {
        String org = organisation();
        scope(org, "one");
        Response get = as(org, ALL).get("/api/v1/setup");
        String body = get.then().extract().asString();
        as(org, "idporten:scopes.write").header("If-Match", get.header("ETag")).body(body).put("/api/v1/setup")
                .then().statusCode(403);
        as(org, "idporten:scopes.write").get("/api/v1/setup").then().statusCode(403);
        as(org, "idporten:scopes.read idporten:dcr.read").body(body).queryParam("dry_run", "true")
                .put("/api/v1/setup").then().statusCode(200);
    }

    @Test
    void aMissingScopesOrClientsIsRefusedAndAnEmptyListMeansNone() {
        String org = organisation();
        String scope = scope(org, "kept");
        String id = client(org, "Klient", scope, null);
        String etag = as(org, ALL).get("/api/v1/setup").header("ETag");
        // a misspelt member reads as missing: refused, not "deactivate everything"
        as(org, ALL).header("If-Match", etag).header("Accept-Language", "en").body("{\"scope\": [], \"clients\": []}")
                .put("/api/v1/setup").then()
                .statusCode(400).body("errors.fieldIdentifier", equalTo(List.of("scopes")))
                .body("errors.errorMessage", hasItem("\"scopes\" is required. An empty list means none."));
        as(org, ALL).header("If-Match", etag).body("{\"scopes\": []}").queryParam("dry_run", "true")
                .put("/api/v1/setup").then().statusCode(400).body("errors.fieldIdentifier", equalTo(List.of("clients")));
        as(org, ALL).header("If-Match", etag).body("{\"scopes\": null, \"clients\": null}").put("/api/v1/setup")
                .then().statusCode(400).body("errors.fieldIdentifier", hasItems("scopes", "clients"));
        assertEquals(etag, as(org, ALL).get("/api/v1/setup").header("ETag"), "nothing deactivated");
        // explicit empty lists: everything is deactivated
        as(org, ALL).header("If-Match", etag).body("{\"scopes\": [], \"clients\": []}").put("/api/v1/setup")
                .then().statusCode(200).body("changes", equalTo(2));
        as(org, ALL).get("/api/v1/clients/" + id).then().statusCode(404);
        as(org, ALL).queryParam("scope", scope).queryParam("inactive", "true").get("/api/v1/scopes").then()
                .body("active", equalTo(false));
    }

    @Test
    @SuppressWarnings("unchecked")
    void requiresDpopIsExportedPlannedAndApplied() {
        String org = organisation();
        String scope = scope(org, "bound");
        Response get = as(org, ALL).get("/api/v1/setup");
        Map<String, Object> doc = document(get);
        assertEquals(false, list(doc, "scopes").get(0).get("requires_dpop"));
        list(doc, "scopes").get(0).put("requires_dpop", true);
        List<Map<String, Object>> scopes = new ArrayList<>(list(doc, "scopes"));
        scopes.add(Map.of("prefix", "p" + org, "subscope", "fresh", "description", "Nytt", "requires_dpop", true));
        doc.put("scopes", scopes);
        Map<String, Object> plan = as(org, ALL).body(text(doc)).queryParam("dry_run", "true").put("/api/v1/setup")
                .then().statusCode(200).body("changes", equalTo(2)).extract().as(Map.class);
        assertEquals(List.of(Map.of("field", "requires_dpop", "old", false, "new", true)),
                named(list(plan, "items"), scope).get("fields"));
        as(org, ALL).header("If-Match", get.header("ETag")).body(text(doc)).put("/api/v1/setup").then()
                .statusCode(200).body("changes", equalTo(2));
        as(org, ALL).queryParam("scope", scope).get("/api/v1/scopes").then().body("requires_dpop", equalTo(true));
        as(org, ALL).queryParam("scope", "p" + org + ":fresh").get("/api/v1/scopes").then()
                .body("requires_dpop", equalTo(true));
        Response after = as(org, ALL).get("/api/v1/setup");
        Map<String, Object> now = document(after);
        assertEquals(true, named(list(now, "scopes"), scope).get("requires_dpop"));
        // drift: a single edit switches it off again; the document (true) now plans a change back
        as(org, ALL).body(Map.of("description", "API bound", "requires_dpop", false)).queryParam("scope", scope)
                .put("/api/v1/scopes").then().statusCode(200);
        assertNotEquals(after.header("ETag"), as(org, ALL).get("/api/v1/setup").header("ETag"));
        as(org, ALL).body(text(now)).queryParam("dry_run", "true").put("/api/v1/setup").then().statusCode(200)
                .body("changes", equalTo(1));
    }

    /**
     * A single edit in flight when an apply starts (its row written, not yet committed): the apply waits for it and
     * then sees the changed state (412), instead of reading the old state and overwriting the edit.
     */
    @Test
    void anEditInFlightIsNotOverwrittenButMakesTheApply412() throws Exception {
        String org = organisation();
        String scope = scope(org, "raced");
        Response get = as(org, ALL).get("/api/v1/setup");
        Map<String, Object> doc = document(get);
        list(doc, "scopes").get(0).put("description", "Fra oppsettet");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> edit = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                Arc.container().instance(EntityManager.class).get()
                        .createNativeQuery("update scope set description = 'Samtidig' where name = ?1")
                        .setParameter(1, scope).executeUpdate();
                written.countDown();
                await(commit);
            }));
            assertTrue(written.await(30, TimeUnit.SECONDS));
            Future<Integer> apply = pool.submit(() -> as(org, ALL).header("If-Match", get.header("ETag"))
                    .body(text(doc)).put("/api/v1/setup").statusCode());
            waitForALockWait();
            commit.countDown();
            edit.get(30, TimeUnit.SECONDS);
            assertEquals(412, apply.get(60, TimeUnit.SECONDS));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
        as(org, ALL).queryParam("scope", scope).get("/api/v1/scopes").then().body("description", equalTo("Samtidig"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until some session waits for a row lock: the apply has reached the edited row. */
    private static void waitForALockWait() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            long waiting = QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container()
                    .instance(EntityManager.class).get().createNativeQuery("select count(*) from pg_stat_activity "
                            + "where wait_event_type = 'Lock'").getSingleResult()).longValue());
            if (waiting > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the apply never waited for the edited row");
    }
}
