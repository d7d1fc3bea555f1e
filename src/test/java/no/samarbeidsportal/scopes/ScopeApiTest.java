package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.READ;
import static no.samarbeidsportal.TestScopes.WRITE;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.TestScopes.createInA;
import static no.samarbeidsportal.TestScopes.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ScopeApiTest {

    private static final String RFC3339_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void theCatalogueIsGzippedForClientsThatAskForIt() {
        given().header("Accept-Encoding", "gzip").get("/api/v1/scopes/all").then().statusCode(200)
                .header("Content-Encoding", "gzip");
        given().config(io.restassured.RestAssured.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .get("/api/v1/scopes/all").then().statusCode(200)
                .header("Content-Encoding", nullValue());
    }

    @Test
    void createsDigdirsMinimalExampleWithDefaultsAndReadOnlyFields() {
        String subscope = unique("api3");
        as(TestData.ORG_A, WRITE)
                .body(Map.of("prefix", "alfa", "subscope", subscope,
                        "description", " Digitaliseringsdirektoratetsitt API nummer 3 for demo-formål"))
                .post("/scopes")
                .then().statusCode(201)
                .contentType(startsWith("application/json"))
                .body("name", equalTo("alfa:" + subscope))
                .body("prefix", equalTo("alfa"))
                .body("subscope", equalTo(subscope))
                .body("owner_orgno", equalTo(TestData.ORG_A))
                .body("active", equalTo(true))
                .body("visibility", equalTo("PUBLIC"))
                .body("token_type", equalTo("SELF_CONTAINED"))
                .body("allowed_integration_types", empty())
                .body("accessible_for_all", equalTo(false))
                .body("at_max_age", equalTo(0))
                .body("protected", equalTo(false))
                .body("created", matchesPattern(RFC3339_MILLIS))
                .body("last_updated", matchesPattern(RFC3339_MILLIS))
                .body("$", not(org.hamcrest.Matchers.hasKey("delegation_source")));
    }

    @Test
    void automationsPayloadWithReadOnlyAndUnknownFieldsIsAcceptedAndRoundTripsThroughPut() {
        String subscope = unique("arbeid:some.scope.read");
        String body = """
                { "accessible_for_all": false, "active": true, "allowed_integration_types": ["maskinporten"],
                  "at_max_age": 30, "description": "product - cluster:namespace:app", "name": "", "prefix": "alfa",
                  "requires_pseudonymous_tokens": false, "requires_user_authentication": false,
                  "requires_user_consent": false, "subscope": "%s", "token_type": "SELF_CONTAINED",
                  "visibility": "PUBLIC", "owner_orgno": "999999999", "created": "2021-01-13T10:53:56.301+01:00",
                  "last_updated": "garbage", "integration_type": "maskinporten", "protected": "yes",
                  "some_future_field": {"x": 1} }""".formatted(subscope);
        as(TestData.ORG_A, WRITE).body(body).post("/api/v1/scopes/")
                .then().statusCode(201)
                .body("name", equalTo("alfa:" + subscope))
                .body("owner_orgno", equalTo(TestData.ORG_A))
                .body("at_max_age", equalTo(30))
                .body("allowed_integration_types", contains("maskinporten"));

        String name = "alfa:" + subscope;
        String got = as(TestData.ORG_A, READ).queryParam("scope", name).get("/external/api/v1/scopes")
                .then().statusCode(200).extract().asString();
        as(TestData.ORG_A, WRITE).queryParam("scope", name).body(got).put("/scopes")
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("at_max_age", equalTo(30))
                .body("description", equalTo("product - cluster:namespace:app"));
    }

    @Test
    void scopeWithADelegationSourceMustNameAConfiguredIssuer() {
        String subscope = unique("test2");
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "alfa", "subscope", subscope,
                "description", "scope som støtter ekstern delegeringskilde",
                "delegation_source", "https://tt02.altinn.no/"))
                .post("/api/v1/scopes")
                .then().statusCode(201).body("delegation_source", equalTo("https://tt02.altinn.no/"));

        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "alfa", "subscope", unique("test3"), "description", "x",
                "delegation_source", "https://evil.example/"))
                .post("/api/v1/scopes")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("errors[0].fieldIdentifier", equalTo("delegation_source"))
                .body("errors[0].objectName", equalTo("Scope"))
                .body("errors[0].isFieldError", equalTo(true))
                .body("errors[0].errorMessage", containsString("https://evil.example/"));
    }

    @Test
    void aScopeThatExistsGets409EvenWhenDeactivated() {
        String name = createInA(unique("dup"), Map.of());
        String subscope = name.substring("alfa:".length());
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "alfa", "subscope", subscope, "description", "again"))
                .post("/scopes").then().statusCode(409).body("error", equalTo("conflict"));
        as(TestData.ORG_A, WRITE).queryParam("scope", name).delete("/scopes").then().statusCode(200);
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "alfa", "subscope", subscope, "description", "again"))
                .post("/scopes").then().statusCode(409).body("error_description", containsString("PUT"));
    }

    @Test
    void anUnknownPrefixIs400AndAnotherOrganisationsPrefixIs403() {
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "nosuchprefix", "subscope", "x", "description", "x"))
                .post("/scopes").then().statusCode(400).body("errors[0].fieldIdentifier", equalTo("prefix"));
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "beta", "subscope", "x", "description", "x"))
                .post("/scopes").then().statusCode(403).body("error", equalTo("access_denied"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/starts", "ends/", "ends.", ":starts", "a//b", "with space", "tab\there", "semi;colon",
            "emoji😀", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void malformedSubscopesAreRefusedWithAFieldError(String subscope) {
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "alfa", "subscope", subscope, "description", "x"))
                .post("/scopes").then().statusCode(400)
                .body("errors.fieldIdentifier", hasItem("subscope"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"accessmanagement/authorizedparties.admin", "pensjon/v3/alderspensjon",
            "dcr/onbehalfof:write", "global/kontaktinformasjon.read", "dcr.supplier", "æøå_ÆØÅ-1"})
    void realWorldSubscopesAreAccepted(String subscope) {
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "alfa", "subscope", unique(subscope), "description", "x"))
                .post("/scopes").then().statusCode(201);
    }

    @Test
    void missingDescriptionOversizedFieldsAndBadEnumsAreEachReported() {
        as(TestData.ORG_A, WRITE).body(Map.of("prefix", "alfa", "subscope", unique("bad"),
                "long_description", "x".repeat(20_001), "visibility", "SECRET", "token_type", "SELF-CONTAINED",
                "at_max_age", -1, "allowed_integration_types", java.util.List.of("maskinporten", "eformidling")))
                .post("/scopes").then().statusCode(400)
                .body("errors.fieldIdentifier", org.hamcrest.Matchers.hasItems("description", "long_description",
                        "visibility", "token_type", "at_max_age", "allowed_integration_types[1]"))
                .body("errors.objectName", everyItem(equalTo("Scope")));
    }

    @Test
    void wrongJsonTypesAndMalformedJsonAre400NotServerErrors() {
        as(TestData.ORG_A, WRITE).body("{\"prefix\":\"alfa\",\"subscope\":\"t\",\"description\":\"x\","
                + "\"at_max_age\":\"soon\"}").post("/scopes")
                .then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("errors[0].fieldIdentifier", equalTo("at_max_age"));
        as(TestData.ORG_A, WRITE).body("{\"prefix\":\"alfa\",\"subscope\":\"t\",\"description\":\"x\","
                + "\"active\":{}}").post("/scopes").then().statusCode(400);
        as(TestData.ORG_A, WRITE).body("{\"prefix\": \"alfa\",").post("/scopes")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        as(TestData.ORG_A, WRITE).post("/scopes").then().statusCode(400);
    }

    @Test
    void getListsOnlyMyScopesAndDeactivatedOnesOnlyWithInactiveTrue() {
        String active = createInA(unique("listed"), Map.of());
        String inactive = createInA(unique("hidden"), Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", inactive).delete("/api/v1/scopes").then().statusCode(200);

        as(TestData.ORG_A, READ).get("/api/v1/scopes/")
                .then().statusCode(200)
                .body("name", hasItem(active)).body("name", not(hasItem(inactive)))
                .body("owner_orgno", everyItem(equalTo(TestData.ORG_A)));
        as(TestData.ORG_A, READ).queryParam("inactive", "TRUE").get("/scopes")
                .then().statusCode(200).body("name", hasItem(inactive));
        as(TestData.ORG_B, READ).get("/scopes").then().statusCode(200).body("name", not(hasItem(active)));
    }

    @Test
    void oneScopeByNameIs404WhenUnknownOrDeactivatedAnd403WhenAnotherOrganisations() {
        String name = createInA(unique("v1/private"), Map.of("visibility", "PRIVATE"));
        as(TestData.ORG_A, READ).urlEncodingEnabled(false).get("/scopes?scope=" + name.replace(":", "%3A").replace("/", "%2F"))
                .then().statusCode(200).body("name", equalTo(name)).header("ETag", org.hamcrest.Matchers.notNullValue());
        as(TestData.ORG_B, READ).queryParam("scope", name).get("/scopes")
                .then().statusCode(403).body("error", equalTo("access_denied"))
                .body("description", nullValue());
        as(TestData.ORG_A, READ).queryParam("scope", "alfa:does-not-exist").get("/scopes")
                .then().statusCode(404).body("error", equalTo("not_found"));
        as(TestData.ORG_A, WRITE).queryParam("scope", name).delete("/scopes").then().statusCode(200)
                .body("active", equalTo(false));
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/scopes").then().statusCode(404);
        as(TestData.ORG_A, READ).queryParam("scope", name).queryParam("inactive", "true").get("/scopes")
                .then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void putReplacesAttributesKeepsTheNameAndReactivatesWithActiveTrue() {
        String name = createInA(unique("upd"), Map.of("at_max_age", 100));
        as(TestData.ORG_A, WRITE).queryParam("scope", name).delete("/scopes").then().statusCode(200);

        Response missingActive = as(TestData.ORG_A, WRITE).queryParam("scope", name)
                .body(Map.of("description", "still off", "at_max_age", 50)).put("/scopes");
        missingActive.then().statusCode(200).body("active", equalTo(false)).body("at_max_age", equalTo(50))
                .body("description", equalTo("still off"));

        as(TestData.ORG_A, WRITE).queryParam("scope", name)
                .body(Map.of("description", "back on", "active", true, "prefix", "alfa")).put("/api/v1/scopes/")
                .then().statusCode(200).body("active", equalTo(true)).body("name", equalTo(name));

        // issue 13: a different subscope in the body is ignored (admin-api.md 1.4), no longer refused
        as(TestData.ORG_A, WRITE).queryParam("scope", name)
                .body(Map.of("description", "renamed?", "subscope", "other")).put("/scopes")
                .then().statusCode(200).body("name", equalTo(name));
        as(TestData.ORG_A, WRITE).body(Map.of("description", "x")).put("/scopes")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        as(TestData.ORG_B, WRITE).queryParam("scope", name).body(Map.of("description", "hijack")).put("/scopes")
                .then().statusCode(403);
        as(TestData.ORG_B, WRITE).queryParam("scope", name).delete("/scopes").then().statusCode(403);
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/scopes").then().body("description",
                equalTo("renamed?"));
    }

    @Test
    void putIgnoresThePrefixSubscopeAndNameInTheBodyBecauseTheQueryNamesTheScope() {
        String name = createInA(unique("ident"), Map.of());
        String subscope = name.substring("alfa:".length());
        // Digdir's regression tests PUT bodies whose identifying members differ from the scope in the query
        as(TestData.ORG_A, WRITE).queryParam("scope", name).body(Map.of("prefix", "beta", "subscope", "other",
                "name", "beta:other", "description", "changed", "owner_orgno", TestData.ORG_B)).put("/api/v1/scopes")
                .then().statusCode(200).body("name", equalTo(name)).body("prefix", equalTo("alfa"))
                .body("subscope", equalTo(subscope)).body("owner_orgno", equalTo(TestData.ORG_A))
                .body("description", equalTo("changed"));
        as(TestData.ORG_A, WRITE).queryParam("scope", name).body(Map.of("prefix", "alfa", "subscope", "other",
                "name", "", "description", "changed again")).put("/scopes").then().statusCode(200)
                .body("name", equalTo(name));

        as(TestData.ORG_A, READ).queryParam("scope", name).get("/scopes").then().statusCode(200)
                .body("name", equalTo(name)).body("subscope", equalTo(subscope))
                .body("description", equalTo("changed again"));
        as(TestData.ORG_A, READ).queryParam("scope", "alfa:other").get("/scopes").then().statusCode(404);
        as(TestData.ORG_B, READ).queryParam("scope", "beta:other").get("/scopes").then().statusCode(404);
    }

    @Test
    void aStaleIfMatchIsAConflictNotALostUpdate() {
        String name = createInA(unique("etag"), Map.of());
        String etag = as(TestData.ORG_A, READ).queryParam("scope", name).get("/scopes").header("ETag");
        as(TestData.ORG_A, WRITE).queryParam("scope", name).header("If-Match", etag)
                .body(Map.of("description", "first")).put("/scopes").then().statusCode(200);
        as(TestData.ORG_A, WRITE).queryParam("scope", name).header("If-Match", etag)
                .body(Map.of("description", "second")).put("/scopes")
                .then().statusCode(409).body("error", equalTo("conflict"));
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/scopes").then().body("description",
                equalTo("first"));
    }

    @Test
    void tokenScopeMatrix() {
        String name = createInA(unique("matrix"), Map.of());
        as(TestData.ORG_A, READ).get("/scopes").then().statusCode(200);
        as(TestData.ORG_A, READ).body(Map.of("prefix", "alfa", "subscope", unique("x"), "description", "x"))
                .post("/scopes").then().statusCode(403);
        as(TestData.ORG_A, READ).queryParam("scope", name).body(Map.of("description", "x")).put("/scopes")
                .then().statusCode(403);
        as(TestData.ORG_A, READ).queryParam("scope", name).delete("/scopes").then().statusCode(403);
        for (String dcr : new String[] {"idporten:dcr.read", "idporten:dcr.write", "idporten:dcr.supplier"}) {
            as(TestData.ORG_A, dcr).get("/scopes").then().statusCode(403);
        }
        given().get("/api/v1/scopes").then().statusCode(401).body("error", equalTo("invalid_token"));
        given().get("/scopes/all").then().statusCode(200);
        given().get("/delegationsources").then().statusCode(200);
        given().auth().oauth2(Tokens.delegated(TestData.ORG_A, WRITE)).get("/scopes").then().statusCode(403);
    }

    @Test
    void theCatalogueIsPublicShowsOnlyActivePublicScopesAndFilters() {
        String open = createInA(unique("cat.open"), Map.of("accessible_for_all", true,
                "allowed_integration_types", java.util.List.of("maskinporten")));
        String anyType = createInA(unique("cat.any"), Map.of());
        String idporten = createInA(unique("cat.idp"), Map.of("allowed_integration_types",
                java.util.List.of("idporten")));
        String secret = createInA(unique("cat.private"), Map.of("visibility", "PRIVATE"));
        String internal = createInA(unique("cat.internal"), Map.of("visibility", "INTERNAL"));
        String off = createInA(unique("cat.off"), Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", off).delete("/scopes").then().statusCode(200);

        given().get("/api/v1/scopes/all").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems(open, anyType, idporten))
                .body("name", not(hasItem(secret))).body("name", not(hasItem(internal)))
                .body("name", not(hasItem(off)))
                .body("visibility", everyItem(equalTo("PUBLIC")));
        given().queryParam("accessible_for_all", "TRUE").get("/scopes/all")
                .then().body("name", hasItem(open)).body("name", not(hasItem(anyType)))
                .body("accessible_for_all", everyItem(equalTo(true)));
        given().queryParam("integration_type", "maskinporten").get("/scopes/all")
                .then().body("name", org.hamcrest.Matchers.hasItems(open, anyType)).body("name", not(hasItem(idporten)));
        given().queryParam("prefix", "beta").get("/scopes/all").then().body("prefix", everyItem(equalTo("beta")));
        given().queryParam("inactive", "true").get("/external/api/v1/scopes/all/")
                .then().body("name", hasItem(off)).body("name", not(hasItem(secret)));
    }

    @Test
    void theCatalogueKeepsDigdirsPropertyOrder() {
        createInA(unique("order"), Map.of("long_description", "lang", "delegation_source", "https://tt02.altinn.no/",
                "description#en", "english"));
        String json = given().queryParam("prefix", "alfa").get("/scopes/all").asString();
        String first = json.substring(json.indexOf('{'), json.indexOf('}') + 1);
        String[] order = {"\"prefix\"", "\"description\"", "\"subscope\"", "\"active\"", "\"created\"",
            "\"last_updated\"", "\"allowed_integration_types\"", "\"owner_orgno\"", "\"token_type\"",
            "\"visibility\"", "\"requires_user_consent\"", "\"at_max_age\"", "\"authorization_max_lifetime\"",
            "\"accessible_for_all\"", "\"name\"", "\"protected\"", "\"supports_european_businesses\""};
        int at = -1;
        for (String property : order) {
            int next = first.indexOf(property);
            org.junit.jupiter.api.Assertions.assertTrue(next > at, property + " out of order in " + first);
            at = next;
        }
    }

    @Test
    void localisedDescriptionsTravelUnderTheirHashSuffixedNames() {
        String name = createInA(unique("i18n"), Map.of("description#en", "In English", "long_description#nn",
                "På nynorsk"));
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/scopes").then()
                .body("'description#en'", equalTo("In English"))
                .body("'long_description#nn'", equalTo("På nynorsk"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "*/*", "application/json", "application/xml"})
    void anyAcceptHeaderGetsJson(String accept) {
        given().accept(accept).get("/scopes/all").then().statusCode(200)
                .contentType(startsWith("application/json"));
    }

    @Test
    void delegationSourcesArePublicWithEpochTimestamps() {
        given().get("/api/v1/delegationsources").then().statusCode(200)
                .body("issuer", hasItem("https://tt02.altinn.no/"))
                .body("find { it.name == 'altinn' }.created", equalTo("1970-01-01T00:00:00.000Z"));
    }

    @Test
    void everyChangeIsInTheOwnersHistoryWithTheClientAsActor() {
        String name = createInA(unique("audited"), Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", name).body(Map.of("description", "changed"))
                .put("/scopes").then().statusCode(200);
        as(TestData.ORG_A, WRITE).queryParam("scope", name).delete("/scopes").then().statusCode(200);

        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/audit").then().statusCode(200)
                .header("X-Total-Count", "3")
                .body("action", contains("scope.deactivated", "scope.updated", "scope.created"))
                .body("actor_kind", everyItem(equalTo("CLIENT")))
                .body("actor", everyItem(equalTo("test-admin-client-" + TestData.ORG_A)))
                .body("[1].before.description", equalTo("Test scope " + name.substring(5)))
                .body("[1].after.description", equalTo("changed"))
                .body("[0].after.active", equalTo(false));
        as(TestData.ORG_B, READ).queryParam("scope", name).get("/audit").then().statusCode(403);
    }
}
