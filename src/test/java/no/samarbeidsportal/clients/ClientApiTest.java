package no.samarbeidsportal.clients;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.TestScopes.createInA;
import static no.samarbeidsportal.TestScopes.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client API; its helpers make clients for other features' tests too. */
@QuarkusTest
public class ClientApiTest {

    public static final String DCR_WRITE = "idporten:dcr.write";
    public static final String DCR_READ = "idporten:dcr.read";
    public static final String DCR_MODIFY = "idporten:dcr.modify";
    public static final String DCR_SUPPLIER = "idporten:dcr.supplier";
    /** The test data's supplier, appointed by A and B (admin-api.md 2.5); and one no organisation appointed. */
    static final String SUPPLIER = TestData.SUPPLIER;
    static final String OTHER_SUPPLIER = "889640782";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String RFC3339_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** A scope of organisation A with {@code consumer} on its access list. */
    public static String grantedTo(String consumer) {
        String scope = TestScopes.ofA();
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer)
                .then().statusCode(200);
        return scope;
    }

    public static Map<String, Object> maskinporten(String... scopes) {
        Map<String, Object> body = new HashMap<>();
        body.put("integration_type", "maskinporten");
        body.put("client_name", "Testklient");
        body.put("description", unique("beskrivelse"));
        body.put("token_endpoint_auth_method", "private_key_jwt");
        body.put("grant_types", List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        body.put("scopes", List.of(scopes));
        return body;
    }

    public static String create(String orgno, Map<String, Object> body) {
        return as(orgno, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(201).extract()
                .path("client_id");
    }

    @Test
    void registersDigdirsMinimalMaskinportenBodyOnTheLegacyPathWithServerFields() {
        String scope = grantedTo(TestData.ORG_B);
        String body = """
                { "integration_type": "maskinporten", "client_name": "oidc_difi_jb_test",
                  "description": " ny integrajson igjen.\\n", "token_endpoint_auth_method": "private_key_jwt",
                  "grant_types": [ "urn:ietf:params:oauth:grant-type:jwt-bearer" ], "scopes": [ "%s" ] }"""
                .formatted(scope);
        String response = as(TestData.ORG_B, DCR_WRITE).body(body).post("/clients/").then().statusCode(201)
                .contentType(startsWith("application/json"))
                .body("client_id", matchesPattern(UUID))
                .body("client_orgno", equalTo(TestData.ORG_B))
                .body("client_name", equalTo("oidc_difi_jb_test"))
                .body("description", equalTo(" ny integrajson igjen.\n"))
                .body("integration_type", equalTo("maskinporten"))
                .body("application_type", equalTo("web"))
                .body("scopes", contains(scope))
                .body("grant_types", contains("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .body("access_token_lifetime", equalTo(0))
                .body("active", equalTo(true))
                .body("created", matchesPattern(RFC3339_MILLIS))
                .body("last_updated", matchesPattern(RFC3339_MILLIS))
                .body("client_secret", nullValue())
                .body("supplier_orgno", nullValue())
                .body("redirect_uris", nullValue())
                .extract().asString();
        assertEquals(0, response.indexOf("{\"client_name\""), "Digdir's property order: " + response);
        String id = io.restassured.path.json.JsonPath.from(response).getString("client_id");
        as(TestData.ORG_B, DCR_READ).get("/external/api/v1/clients/" + id + "/").then().statusCode(200)
                .body("description", equalTo(" ny integrajson igjen.\n"));
    }

    @Test
    void acceptsAutomationsBodyWithNullArraysReadOnlyAndLegacyFields() {
        String scope = grantedTo(TestData.ORG_B);
        String body = """
                { "access_token_lifetime": 3600, "application_type": "web", "authorization_lifetime": 7200,
                  "client_name": "ARBEIDS- OG VELFERDSETATEN", "client_uri": "https://www.nav.no",
                  "description": "cluster:namespace:app", "frontchannel_logout_session_required": false,
                  "grant_types": ["urn:ietf:params:oauth:grant-type:jwt-bearer"], "integration_type": "maskinporten",
                  "post_logout_redirect_uris": null, "redirect_uris": null, "refresh_token_usage": "ONETIME",
                  "scopes": ["%s"], "sso_disabled": false, "token_endpoint_auth_method": "private_key_jwt",
                  "client_id": "mine", "created": "2021-09-15T08:20:43.354+01:00", "active": false,
                  "supplier_orgno": "889640782", "client_secret": "x", "logo_uri": "https://x", "default_scopes": [],
                  "jwks_uri": "/clients/x/jwks", "onbehalfof": [] }""".formatted(scope);
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(201)
                .body("client_id", matchesPattern(UUID)).body("active", equalTo(true))
                .body("supplier_orgno", nullValue()).body("access_token_lifetime", equalTo(3600))
                .body("client_uri", equalTo("https://www.nav.no")).body("client_secret", nullValue());
    }

    @Test
    void onlyScopesTheOrganisationMayUseAndThatAllowTheTypeGoOnAClient() {
        String granted = grantedTo(TestData.ORG_B);
        String notGranted = TestScopes.ofA();
        String forAll = createInA(unique("alle"), Map.of("accessible_for_all", true));
        String delegable = createInA(unique("deleg"), Map.of("delegation_source", "https://tt02.altinn.no/",
                "allowed_integration_types", List.of("maskinporten")));
        String idportenOnly = createInA(unique("idp"), Map.of("accessible_for_all", true,
                "allowed_integration_types", List.of("idporten", "api_klient")));
        String inactive = grantedTo(TestData.ORG_B);
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", inactive).delete("/api/v1/scopes").then()
                .statusCode(200);

        create(TestData.ORG_B, maskinporten(granted, forAll, delegable));
        as(TestData.ORG_B, DCR_WRITE).body(maskinporten(granted, notGranted, "alfa:finnes.ikke", idportenOnly,
                inactive)).post("/api/v1/clients").then().statusCode(400)
                .body("error", equalTo("invalid_client_metadata"))
                .body("errors.fieldIdentifier", contains("scopes[1]", "scopes[2]", "scopes[3]", "scopes[4]"))
                .body("errors[0].objectName", equalTo("Client"))
                .body("errors[0].errorMessage", containsString(notGranted))
                .body("errors[1].errorMessage", containsString("alfa:finnes.ikke"))
                .body("errors[2].errorMessage", containsString(idportenOnly))
                .body("errors[3].errorMessage", containsString(inactive));
        // the owner may always use its own scope
        create(TestData.ORG_A, maskinporten(notGranted));
        as(TestData.ORG_B, DCR_READ).get("/api/v1/clients").then().statusCode(200)
                .body("scopes.flatten()", not(hasItem(notGranted)));
    }

    @Test
    void refusesWhatBreaksTheCombinationRules() {
        String scope = grantedTo(TestData.ORG_B);
        Map<String, Object> body = maskinporten();
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(400)
                .body("errors.fieldIdentifier", contains("scopes"));
        body = maskinporten(scope);
        body.put("token_endpoint_auth_method", "client_secret_basic");
        body.put("grant_types", List.of("client_credentials"));
        body.remove("client_name");
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(400)
                .body("errors.fieldIdentifier",
                        contains("client_name", "grant_types[0]", "token_endpoint_auth_method", "grant_types"));
        body = maskinporten(scope);
        body.put("integration_type", "eformidling");
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("integration_type"))
                .body("errors[0].errorMessage", containsString("eformidling"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"client_name\": ", "[1, 2]", "{\"integration_type\": \"maskinporten\", \"scopes\": "
            + "\"a:b\", \"client_name\": \"x\", \"description\": \"y\"}", "{\"access_token_lifetime\": \"lang\"}"})
    void malformedJsonAndWrongTypesGetTheSpecsErrorBody(String body) {
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(400)
                .body("status", equalTo(400)).body("error", notNullValue())
                .body("correlation_id", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void anotherOrganisationsClientIsUnknownAndTheTokenScopeMatrixHolds() {
        String id = create(TestData.ORG_B, maskinporten(grantedTo(TestData.ORG_B)));
        as(TestData.ORG_A, DCR_WRITE).get("/api/v1/clients/" + id).then().statusCode(404)
                .body("error", equalTo("not_found"));
        as(TestData.ORG_A, DCR_WRITE).body(maskinporten()).put("/api/v1/clients/" + id).then().statusCode(404);
        as(TestData.ORG_A, DCR_WRITE).delete("/api/v1/clients/" + id).then().statusCode(404);
        as(TestData.ORG_A, DCR_READ).get("/api/v1/clients").then().statusCode(200)
                .body("client_id", not(hasItem(id)));

        as(TestData.ORG_B, DCR_READ).body(maskinporten()).post("/api/v1/clients").then().statusCode(403)
                .body("error", equalTo("access_denied"));
        as(TestData.ORG_B, DCR_MODIFY).body(maskinporten()).post("/api/v1/clients").then().statusCode(403);
        as(TestData.ORG_B, DCR_READ).delete("/api/v1/clients/" + id).then().statusCode(403);
        as(TestData.ORG_B, TestScopes.WRITE).get("/api/v1/clients").then().statusCode(403);
        given().get("/api/v1/clients").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        for (String scope : List.of(DCR_READ, DCR_MODIFY, DCR_WRITE)) {
            as(TestData.ORG_B, scope).get("/api/v1/clients/" + id).then().statusCode(200);
        }
    }

    @Test
    void updateReplacesTheClientButNotItsTypeOrOrganisationAndDetectsConcurrentEdits() {
        String scope = grantedTo(TestData.ORG_B);
        String id = create(TestData.ORG_B, maskinporten(scope));
        var got = as(TestData.ORG_B, DCR_MODIFY).get("/api/v1/clients/" + id).then().statusCode(200).extract();
        String etag = got.header("ETag");
        Map<String, Object> echoed = got.jsonPath().getMap("");
        echoed.put("client_name", "Nytt navn");
        echoed.put("access_token_lifetime", 60);
        as(TestData.ORG_B, DCR_MODIFY).header("If-Match", etag).body(echoed).put("/api/v1/clients/" + id).then()
                .statusCode(200).body("client_name", equalTo("Nytt navn")).body("access_token_lifetime", equalTo(60))
                .body("client_id", equalTo(id)).body("created", equalTo(echoed.get("created")));
        as(TestData.ORG_B, DCR_MODIFY).header("If-Match", etag).body(echoed).put("/api/v1/clients/" + id).then()
                .statusCode(409).body("error", equalTo("conflict"));

        Map<String, Object> otherType = new HashMap<>(echoed);
        otherType.put("integration_type", "idporten");
        otherType.put("client_orgno", TestData.ORG_A);
        as(TestData.ORG_B, DCR_WRITE).body(otherType).put("/api/v1/clients/" + id).then().statusCode(400)
                .body("errors.fieldIdentifier", hasItem("integration_type"))
                .body("errors.fieldIdentifier", hasItem("client_orgno"));
        echoed.remove("client_orgno");
        echoed.remove("integration_type");
        as(TestData.ORG_B, DCR_WRITE).body(echoed).put("/api/v1/clients/" + id).then().statusCode(200)
                .body("client_orgno", equalTo(TestData.ORG_B)).body("integration_type", equalTo("maskinporten"));
    }

    @Test
    void deleteDeactivatesAndHidesTheClient() {
        String id = create(TestData.ORG_B, maskinporten(grantedTo(TestData.ORG_B)));
        as(TestData.ORG_B, DCR_WRITE).delete("/api/v1/clients/" + id).then().statusCode(200)
                .body("active", equalTo(false));
        as(TestData.ORG_B, DCR_READ).get("/api/v1/clients/" + id).then().statusCode(404);
        as(TestData.ORG_B, DCR_READ).queryParam("inactive", "TRUE").get("/api/v1/clients/" + id).then()
                .statusCode(200).body("active", equalTo(false));
        as(TestData.ORG_B, DCR_READ).get("/api/v1/clients").then().body("client_id", not(hasItem(id)));
        as(TestData.ORG_B, DCR_READ).queryParam("inactive", "true").get("/api/v1/clients").then()
                .body("client_id", hasItem(id));
        as(TestData.ORG_B, DCR_WRITE).body(maskinporten()).put("/api/v1/clients/" + id).then().statusCode(404);
        as(TestData.ORG_B, DCR_WRITE).delete("/api/v1/clients/" + id).then().statusCode(404);
        as(TestData.ORG_B, DCR_READ).get("/api/v1/audit").then().statusCode(200)
                .body("action", hasItem("client.deactivated"));
    }

    @Test
    void aSupplierRegistersAndOperatesClientsForItsCustomerWhoSeesThemToo() {
        String granted = grantedTo(TestData.ORG_B);
        String grantedToSupplierOnly = grantedTo(SUPPLIER);
        Map<String, Object> body = maskinporten(granted);
        body.put("client_orgno", TestData.ORG_B);
        body.put("supplier_orgno", OTHER_SUPPLIER);
        as(SUPPLIER, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(403);
        as(OTHER_SUPPLIER, DCR_SUPPLIER).body(body).post("/api/v1/clients").then().statusCode(403);
        String id = as(SUPPLIER, DCR_SUPPLIER).body(body).post("/api/v1/clients").then().statusCode(201)
                .body("client_orgno", equalTo(TestData.ORG_B)).body("supplier_orgno", equalTo(SUPPLIER))
                .extract().path("client_id");

        as(TestData.ORG_B, DCR_READ).get("/api/v1/clients").then().body("client_id", hasItem(id));
        as(SUPPLIER, DCR_SUPPLIER).get("/api/v1/clients").then().body("client_id", hasItem(id));
        as(SUPPLIER, DCR_WRITE).get("/api/v1/clients/" + id).then().statusCode(404);
        as(OTHER_SUPPLIER, DCR_SUPPLIER).get("/api/v1/clients/" + id).then().statusCode(404);
        as(SUPPLIER, DCR_SUPPLIER).get("/api/v1/audit").then().statusCode(200)
                .body("find { it.subject_id == '" + id + "' }.action", equalTo("client.created"));
        as(OTHER_SUPPLIER, DCR_SUPPLIER).get("/api/v1/audit").then().statusCode(200)
                .body("subject_id", not(hasItem(id)));

        body.put("client_name", "Endret av leverandøren");
        as(SUPPLIER, DCR_SUPPLIER).body(body).put("/api/v1/clients/" + id).then().statusCode(200)
                .body("client_name", equalTo("Endret av leverandøren"));
        as(OTHER_SUPPLIER, DCR_SUPPLIER).body(body).put("/api/v1/clients/" + id).then().statusCode(404);
        // the customer keeps its owner rights
        body.put("client_name", "Endret av kunden");
        as(TestData.ORG_B, DCR_MODIFY).body(body).put("/api/v1/clients/" + id).then().statusCode(200);

        // scopes are checked against the customer, not the supplier
        Map<String, Object> wrong = maskinporten(grantedToSupplierOnly);
        wrong.put("client_orgno", TestData.ORG_B);
        as(SUPPLIER, DCR_SUPPLIER).body(wrong).post("/api/v1/clients").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("scopes[0]"));
        Map<String, Object> badOrgno = maskinporten(granted);
        badOrgno.put("client_orgno", "123456789");
        as(SUPPLIER, DCR_SUPPLIER).body(badOrgno).post("/api/v1/clients").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("client_orgno"));
    }

    @Test
    void aSecretClientGetsItsSecretOnceAndTheAuditKeepsNone() {
        String scope = createInA(unique("api"), Map.of("accessible_for_all", true));
        Map<String, Object> body = new HashMap<>(Map.of("integration_type", "api_klient", "client_name", "Turboskatt",
                "description", "Versjon 3.1 av app'en Turboskatt", "client_uri", "https://www.turboskatt.no",
                "scopes", List.of("openid", scope), "redirect_uris", List.of("https://turboskatt.no/callback"),
                "grant_types", List.of("refresh_token", "authorization_code"),
                "token_endpoint_auth_method", "client_secret_post"));
        var created = as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(201)
                .body("client_secret", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("client_secret_expires_at", notNullValue())
                .body("jwks_uri", startsWith("/clients/")).extract();
        String id = created.path("client_id");
        String first = created.path("client_secret");
        as(TestData.ORG_B, DCR_READ).get("/api/v1/clients/" + id).then().body("client_secret", nullValue());
        String second = as(TestData.ORG_B, DCR_WRITE).post("/api/v1/clients/" + id + "/secret").then()
                .statusCode(200).extract().path("client_secret");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
        as(TestData.ORG_B, DCR_READ).get("/api/v1/audit").then().statusCode(200)
                .body(not(containsString(first))).body(not(containsString(second)));

        String mp = create(TestData.ORG_B, maskinporten(scope));
        as(TestData.ORG_B, DCR_WRITE).post("/api/v1/clients/" + mp + "/secret").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("token_endpoint_auth_method"));
    }

    @Test
    void idportenClientsTakeOnlyLoginScopesAndNativeOnesAWildcardPort() {
        Map<String, Object> body = new HashMap<>(Map.of("integration_type", "idporten", "application_type",
                "native", "client_name", "App", "description", "Native app",
                "redirect_uris", List.of("https://127.0.0.1:*/callback", "no.turboskatt:/callback"),
                "token_endpoint_auth_method", "none", "scopes", List.of("openid", "profile", "alfa:noe")));
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(400)
                .body("errors.fieldIdentifier", contains("scopes[2]"));
        body.put("scopes", List.of("openid", "profile"));
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(201)
                .body("grant_types", contains("authorization_code", "refresh_token"))
                .body("redirect_uris", contains("https://127.0.0.1:*/callback", "no.turboskatt:/callback"));
        body.put("token_endpoint_auth_method", "client_secret_basic");
        body.put("redirect_uris", List.of("ikke en adresse"));
        as(TestData.ORG_B, DCR_WRITE).body(body).post("/api/v1/clients").then().statusCode(400)
                .body("errors.fieldIdentifier", contains("token_endpoint_auth_method", "redirect_uris[0]"));
    }

    @Test
    void contentTypeJsonOnGetAndDeleteIsAcceptedAndAnyAcceptGetsJson() {
        String id = create(TestData.ORG_B, maskinporten(grantedTo(TestData.ORG_B)));
        given().auth().oauth2(Tokens.of(TestData.ORG_B, DCR_WRITE)).contentType(ContentType.JSON)
                .accept("text/html").get("/clients/" + id).then().statusCode(200)
                .contentType(startsWith("application/json"));
    }
}
