package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class PrefixApiTest {

    private static final String READ = "idporten:scopes.read";
    private static final String RFC3339_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/prefix", "/prefix/", "/api/v1/prefix", "/api/v1/prefix/", "/external/api/v1/prefix",
            "/scopes/prefix", "/api/v1/scopes/prefix/", "/external/api/v1/scopes/prefix"})
    void listsOnlyTheCallingOrganisationsPrefixesUnderEveryBasePath(String path) {
        given().auth().oauth2(Tokens.of(TestData.ORG_A, READ)).contentType("application/json")
                .get(path)
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                // another test may have made A the operator (prefix idporten): only A's own prefixes, never B's
                .body("prefix", hasItem("alfa"))
                .body("prefix", not(hasItem("beta")))
                .body("owner_orgno", everyItem(equalTo(TestData.ORG_A)))
                .body("[0].owner_orgno", equalTo(TestData.ORG_A))
                .body("[0].organization_name", equalTo("Org A AS"))
                .body("[0].active", equalTo(true))
                .body("[0].created", matchesPattern(RFC3339_MILLIS));
    }

    @Test
    void anotherOrganisationsTokenSeesOnlyItsOwn() {
        given().auth().oauth2(Tokens.of(TestData.ORG_B, "idporten:scopes.write"))
                .get("/api/v1/prefix")
                .then().statusCode(200).body("prefix", contains("beta"));
    }

    @Test
    void aMissingTokenGets401WithDigdirsErrorBody() {
        given().get("/api/v1/prefix")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("error", equalTo("invalid_token"))
                .body("correlation_id", matchesPattern("[0-9a-f]{32}"))
                .body("timestamp", matchesPattern(RFC3339_MILLIS));
    }

    @Test
    void anExpiredTokenGets401() {
        given().auth().oauth2(Tokens.expired(TestData.ORG_A, READ)).get("/prefix")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void aTokenFromAnIssuerNotOnTheListGets401() {
        given().auth().oauth2(Tokens.fromUntrustedIssuer(TestData.ORG_A, READ)).get("/prefix")
                .then().statusCode(401).body("error_description", containsString("issuer"));
    }

    @Test
    void aTokenSignedByAKeyTheIssuerNeverPublishedGets401() {
        given().auth().oauth2(Tokens.signedByUnknownKey(TestData.ORG_A, READ)).get("/prefix")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void garbageInsteadOfATokenGets401() {
        given().header("Authorization", "Bearer not.a.jwt").get("/prefix")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void aTokenWithoutTheScopesReadScopeGets403() {
        given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:dcr.write")).get("/prefix")
                .then().statusCode(403)
                .body("error", equalTo("access_denied"))
                .body("error_description", containsString("scopes"));
    }

    @Test
    void aTokenObtainedByDelegationMayNotAdminister() {
        given().auth().oauth2(Tokens.delegated(TestData.ORG_A, READ)).get("/prefix")
                .then().statusCode(403).body("error", equalTo("access_denied"));
    }

    @Test
    void aTokenOfAnOrganisationThePortalDoesNotKnowSeesNothing() {
        given().auth().oauth2(Tokens.of(TestData.FREE[6], READ)).get("/prefix")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/scopes/../prefix", "/api/v1/scopes/%2e%2e/prefix", "/api/v1/./prefix"})
    void pathsWithDotSegmentsAreRefused(String path) {
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.of(TestData.ORG_A, READ)).get(path)
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void anUnknownApiPathIsAJson404() {
        given().auth().oauth2(Tokens.of(TestData.ORG_A, READ)).get("/api/v1/prefixes")
                .then().statusCode(404).contentType(startsWith("application/json")).body("error", equalTo("not_found"));
    }
}
