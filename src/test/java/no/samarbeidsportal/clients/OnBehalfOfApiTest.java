package no.samarbeidsportal.clients;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.TestScopes.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** admin-api.md 3.8: a supplier's onbehalfof entries on its own ID-porten client. */
@QuarkusTest
public class OnBehalfOfApiTest {

    public static final String ONBEHALFOF = "idporten:dcr/onbehalfof:write";
    private static final String RFC3339_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    /** Digdir's example body (docs: oidc_api_admin), with its trailing space. */
    private static final String DIGDIRS_EXAMPLE = """
            { "client_uri": "https://wwww.lra.no", "description": "create onbehalfof ",
              "name": "lra-oidc-on-bealf-of", "onbehalfof": "on-behalf-of", "orgno": "991825827" }""";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** An ID-porten web client ("Logg inn med ID-porten"), as a supplier registers it on itself. */
    public static Map<String, Object> idporten() {
        Map<String, Object> body = new HashMap<>();
        body.put("integration_type", "idporten");
        body.put("client_name", "Leverandørens innlogging");
        body.put("description", unique("innlogging"));
        body.put("client_uri", "https://leverandor.example");
        body.put("redirect_uris", List.of("https://leverandor.example/callback"));
        body.put("token_endpoint_auth_method", "private_key_jwt");
        return body;
    }

    private static Map<String, Object> entry(String onbehalfof) {
        return new HashMap<>(Map.of("onbehalfof", onbehalfof, "name", "Kunde " + onbehalfof, "orgno", "991825827"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/api/v1", "/external/api/v1"})
    void anEntryIsCreatedReadChangedAndDeletedUnderEveryBasePath(String base) {
        String id = ClientApiTest.create(TestData.ORG_B, idporten());
        String entries = base + "/clients/" + id + "/onbehalfof";
        String created = as(TestData.ORG_B, ONBEHALFOF).body(DIGDIRS_EXAMPLE).post(entries + "/").then()
                .statusCode(201).contentType(startsWith("application/json"))
                .body("onbehalfof", equalTo("on-behalf-of"))
                .body("name", equalTo("lra-oidc-on-bealf-of"))
                .body("orgno", equalTo("991825827"))
                .body("client_uri", equalTo("https://wwww.lra.no"))
                .body("description", equalTo("create onbehalfof "))
                .body("created", matchesPattern(RFC3339_MILLIS))
                .body("last_updated", matchesPattern(RFC3339_MILLIS))
                .extract().asString();
        assertEquals(0, created.indexOf("{\"onbehalfof\""), "the spec's member order: " + created);

        String etag = as(TestData.ORG_B, ONBEHALFOF).get(entries + "/on-behalf-of").then().statusCode(200)
                .body("name", equalTo("lra-oidc-on-bealf-of")).header("ETag", notNullValue())
                .extract().header("ETag");
        // the value comes from the path; the old names display_name and url are ignored
        as(TestData.ORG_B, ONBEHALFOF).header("If-Match", etag).body(Map.of("name", "LRA", "orgno", "889640782",
                "display_name", "Gammelt navn", "url", "https://gammel.example", "created", "i går"))
                .put(entries + "/on-behalf-of").then().statusCode(200)
                .body("onbehalfof", equalTo("on-behalf-of")).body("name", equalTo("LRA"))
                .body("orgno", equalTo("889640782")).body("$", not(hasKey("client_uri")))
                .body("$", not(hasKey("display_name")));
        as(TestData.ORG_B, ONBEHALFOF).header("If-Match", etag).body(Map.of("name", "For sent", "orgno", "889640782"))
                .put(entries + "/on-behalf-of").then().statusCode(409).body("error", equalTo("conflict"));

        as(TestData.ORG_B, ONBEHALFOF).delete(entries + "/on-behalf-of").then().statusCode(200)
                .body(emptyString());
        as(TestData.ORG_B, ONBEHALFOF).get(entries + "/on-behalf-of").then().statusCode(404)
                .body("error", equalTo("not_found"));
        as(TestData.ORG_B, ONBEHALFOF).delete(entries + "/on-behalf-of").then().statusCode(404);
        // once removed, the value is free again
        as(TestData.ORG_B, ONBEHALFOF).body(DIGDIRS_EXAMPLE).post(entries).then().statusCode(201);
    }

    @Test
    void entriesShowReadOnlyInTheClientAndOnlyOnIdportenClients() {
        String id = ClientApiTest.create(TestData.ORG_B, idporten());
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id).then().statusCode(200)
                .body("onbehalfof", equalTo(List.of()));
        as(TestData.ORG_B, ONBEHALFOF).body(DIGDIRS_EXAMPLE).post("/clients/" + id + "/onbehalfof").then()
                .statusCode(201);
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-2")).post("/clients/" + id + "/onbehalfof").then()
                .statusCode(201);

        var client = as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id).then().statusCode(200)
                .body("onbehalfof.onbehalfof", contains("on-behalf-of", "kunde-2"))
                .body("onbehalfof[0].name", equalTo("lra-oidc-on-bealf-of"))
                .body("onbehalfof[0].orgno", equalTo("991825827"))
                .body("onbehalfof[0].client_uri", equalTo("https://wwww.lra.no"))
                .body("onbehalfof[0].description", equalTo("create onbehalfof "))
                .body("onbehalfof[0].created", matchesPattern(RFC3339_MILLIS))
                .body("onbehalfof[0].last_updated", matchesPattern(RFC3339_MILLIS))
                .extract();
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients").then()
                .body("find { it.client_id == '" + id + "' }.onbehalfof.onbehalfof",
                        containsInAnyOrder("on-behalf-of", "kunde-2"));

        // read-only on the client: a PUT that echoes, changes or empties the array leaves the entries as they are
        Map<String, Object> echoed = client.jsonPath().getMap("");
        echoed.put("onbehalfof", List.of(Map.of("onbehalfof", "smuglet", "name", "x", "orgno", "991825827")));
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(echoed).put("/api/v1/clients/" + id).then()
                .statusCode(200).body("onbehalfof.onbehalfof", contains("on-behalf-of", "kunde-2"));

        String maskinporten = ClientApiTest.create(TestData.ORG_B,
                ClientApiTest.maskinporten(ClientApiTest.grantedTo(TestData.ORG_B)));
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients/" + maskinporten).then().statusCode(200)
                .body("$", not(hasKey("onbehalfof")));
        as(TestData.ORG_B, ONBEHALFOF).body(DIGDIRS_EXAMPLE).post("/clients/" + maskinporten + "/onbehalfof").then()
                .statusCode(400).body("errors[0].objectName", equalTo("OnBehalfOf"))
                .body("errors[0].fieldIdentifier", equalTo("integration_type"));
    }

    @Test
    void aTokenWithOnlyTheOnbehalfofScopeManagesEntriesAndNothingElse() {
        String id = ClientApiTest.create(TestData.ORG_B, idporten());
        String entries = "/api/v1/clients/" + id + "/onbehalfof";
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-1")).post(entries).then().statusCode(201);
        as(TestData.ORG_B, ONBEHALFOF).get(entries + "/kunde-1").then().statusCode(200);
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-1")).put(entries + "/kunde-1").then().statusCode(200);
        as(TestData.ORG_B, ONBEHALFOF).delete(entries + "/kunde-1").then().statusCode(200);

        as(TestData.ORG_B, ONBEHALFOF).get("/api/v1/clients").then().statusCode(403)
                .body("error", equalTo("access_denied"));
        as(TestData.ORG_B, ONBEHALFOF).get("/api/v1/clients/" + id).then().statusCode(403);
        as(TestData.ORG_B, ONBEHALFOF).body(idporten()).post("/api/v1/clients").then().statusCode(403);
        as(TestData.ORG_B, ONBEHALFOF).body(idporten()).put("/api/v1/clients/" + id).then().statusCode(403);
        as(TestData.ORG_B, ONBEHALFOF).delete("/api/v1/clients/" + id).then().statusCode(403);
        as(TestData.ORG_B, ONBEHALFOF).get("/api/v1/clients/" + id + "/jwks").then().statusCode(403);
        as(TestData.ORG_B, ONBEHALFOF).get("/api/v1/scopes").then().statusCode(403);
        as(TestData.ORG_B, ONBEHALFOF).get("/api/v1/audit").then().statusCode(403);

        // the client scopes read entries but never change them; the old spelling is no scope at all
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-2")).post(entries).then().statusCode(201);
        for (String scope : List.of(ClientApiTest.DCR_READ, ClientApiTest.DCR_MODIFY, ClientApiTest.DCR_WRITE,
                ClientApiTest.DCR_SUPPLIER)) {
            as(TestData.ORG_B, scope).get(entries + "/kunde-2").then().statusCode(200);
        }
        for (String scope : List.of(ClientApiTest.DCR_WRITE, ClientApiTest.DCR_MODIFY,
                "idporten:dcr/onbehalfof.write", TestScopes.WRITE)) {
            as(TestData.ORG_B, scope).body(entry("kunde-3")).post(entries).then().statusCode(403);
            as(TestData.ORG_B, scope).body(entry("kunde-2")).put(entries + "/kunde-2").then().statusCode(403);
            as(TestData.ORG_B, scope).delete(entries + "/kunde-2").then().statusCode(403);
        }
        given().get(entries + "/kunde-2").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().contentType("application/json").body(entry("kunde-3")).post(entries).then().statusCode(401);

        // every change is in the client's history
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/audit").then().statusCode(200)
                .body("findAll { it.subject_id == '" + id + "' }.action",
                        hasItem("onbehalfof.created"))
                .body("findAll { it.subject_id == '" + id + "' }.action", hasItem("onbehalfof.updated"))
                .body("findAll { it.subject_id == '" + id + "' }.action", hasItem("onbehalfof.deleted"));
    }

    @Test
    void anotherOrganisationsClientAndACustomersSuppliedClientAreUnknown() {
        String id = ClientApiTest.create(TestData.ORG_B, idporten());
        String entries = "/api/v1/clients/" + id + "/onbehalfof";
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-1")).post(entries).then().statusCode(201);

        as(TestData.ORG_A, ONBEHALFOF).body(entry("kunde-2")).post(entries).then().statusCode(404)
                .body("error", equalTo("not_found"));
        as(TestData.ORG_A, ONBEHALFOF).get(entries + "/kunde-1").then().statusCode(404);
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get(entries + "/kunde-1").then().statusCode(404);
        as(TestData.ORG_A, ONBEHALFOF).body(Map.of("name", "Kapret", "orgno", "889640782"))
                .put(entries + "/kunde-1").then().statusCode(404);
        as(TestData.ORG_A, ONBEHALFOF).delete(entries + "/kunde-1").then().statusCode(404);
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id).then()
                .body("onbehalfof.onbehalfof", contains("kunde-1"))
                .body("onbehalfof[0].name", equalTo("Kunde kunde-1"));

        // entries belong to a supplier's own client: one it registered for customer B is B's, not its own
        Map<String, Object> forCustomer = idporten();
        forCustomer.put("client_orgno", TestData.ORG_B);
        String supplied = as(TestData.SUPPLIER, ClientApiTest.DCR_SUPPLIER).body(forCustomer)
                .post("/api/v1/clients").then().statusCode(201).body("supplier_orgno", equalTo(TestData.SUPPLIER))
                .extract().path("client_id");
        as(TestData.SUPPLIER, ONBEHALFOF).body(entry("kunde-1")).post("/api/v1/clients/" + supplied + "/onbehalfof")
                .then().statusCode(404);
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-1")).post("/api/v1/clients/" + supplied + "/onbehalfof")
                .then().statusCode(201);

        // a deactivated client has no entries to change
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).delete("/api/v1/clients/" + id).then().statusCode(200);
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-2")).post(entries).then().statusCode(404);
        as(TestData.ORG_B, ONBEHALFOF).get(entries + "/kunde-1").then().statusCode(404);
    }

    @Test
    void badInputGetsDigdirsErrorBodyWithSnakeCaseFields() {
        String id = ClientApiTest.create(TestData.ORG_B, idporten());
        String entries = "/api/v1/clients/" + id + "/onbehalfof";
        as(TestData.ORG_B, ONBEHALFOF).body(Map.of("onbehalfof", "med mellomrom", "name", " ", "orgno", "123456789",
                "client_uri", "ikke en adresse")).post(entries).then().statusCode(400)
                .body("status", equalTo(400)).body("error", equalTo("invalid_request"))
                .body("correlation_id", matchesPattern("[0-9a-f]{32}"))
                .body("errors.objectName", contains("OnBehalfOf", "OnBehalfOf", "OnBehalfOf", "OnBehalfOf"))
                .body("errors.fieldIdentifier", containsInAnyOrder("onbehalfof", "name", "orgno", "client_uri"))
                .body("errors.isFieldError", hasItem(true));
        as(TestData.ORG_B, ONBEHALFOF).body(Map.of("name", "Uten verdi", "orgno", "991825827")).post(entries)
                .then().statusCode(400).body("errors.fieldIdentifier", contains("onbehalfof"));
        as(TestData.ORG_B, ONBEHALFOF).body("{\"onbehalfof\": ").post(entries).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        as(TestData.ORG_B, ONBEHALFOF).body("{\"onbehalfof\": [1]}").post(entries).then().statusCode(400);
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id).then()
                .body("onbehalfof", equalTo(List.of()));

        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-1")).post(entries).then().statusCode(201);
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-1")).post(entries).then().statusCode(409)
                .body("error", equalTo("conflict"));
        as(TestData.ORG_B, ONBEHALFOF).body(entry("annen-verdi")).put(entries + "/kunde-1").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("onbehalfof"));
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-1")).put(entries + "/ukjent").then().statusCode(404);
        // Digdir's docs also show the typo /onbehalof; only the right spelling is served
        as(TestData.ORG_B, ONBEHALFOF).body(entry("kunde-2")).post("/api/v1/clients/" + id + "/onbehalof").then()
                .statusCode(404);
        as(TestData.ORG_B, ONBEHALFOF).get(entries + "/kunde-1").then().statusCode(200)
                .body("name", equalTo("Kunde kunde-1")).body("client_uri", nullValue());
    }
}
