package no.samarbeidsportal.access;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.READ;
import static no.samarbeidsportal.TestScopes.WRITE;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AccessApiTest {

    /** Valid numbers with no organisation in the portal: the API takes any valid consumer. */
    private static final String NAV = "889640782";
    private static final String DIGDIR = "991825827";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String scopeOfA(Map<String, Object> extra) {
        return TestScopes.createInA(TestScopes.unique("acc"), extra);
    }

    @Test
    void grantIsIdempotentRevokeIsSoftAndAGrantAfterRevokeReapproves() {
        String scope = scopeOfA(Map.of());
        ExtractableResponse<Response> granted = as(TestData.ORG_A, WRITE).queryParam("scope", scope)
                .put("/api/v1/scopes/access/" + TestData.ORG_B)
                .then().statusCode(200)
                .body("scope", equalTo(scope))
                .body("state", equalTo("APPROVED"))
                .body("consumer_orgno", equalTo(TestData.ORG_B))
                .body("consumer_organization_name", equalTo("Org B AS"))
                .body("owner_orgno", equalTo(TestData.ORG_A))
                .body("owner_organization_name", equalTo("Org A AS"))
                .body("created", matchesPattern("\\d{4}-.*\\.\\d{3}Z"))
                .body("$", not(hasKey("prefix")))
                .extract();

        ExtractableResponse<Response> again = as(TestData.ORG_A, WRITE).queryParam("scope", scope)
                .put("/scopes/access/" + TestData.ORG_B).then().statusCode(200).extract();
        assertEquals(granted.path("last_updated").toString(), again.path("last_updated").toString());

        as(TestData.ORG_A, WRITE).queryParam("scope", scope).delete("/external/api/v1/scopes/access/" + TestData.ORG_B)
                .then().statusCode(200).body("state", equalTo("DENIED"));
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/scopes/access")
                .then().statusCode(200).body("consumer_orgno", not(hasItem(TestData.ORG_B)));
        as(TestData.ORG_A, READ).queryParam("scope", scope).queryParam("inactive", "True").get("/scopes/access/")
                .then().statusCode(200).body("state", contains("DENIED"));

        ExtractableResponse<Response> regranted = as(TestData.ORG_A, WRITE).queryParam("scope", scope)
                .put("/scopes/access/" + TestData.ORG_B + "/").then().statusCode(200)
                .body("state", equalTo("APPROVED")).extract();
        assertEquals(granted.path("created").toString(), regranted.path("created").toString());
        assertNotEquals(granted.path("last_updated").toString(), regranted.path("last_updated").toString());
    }

    @Test
    void theSpecsExampleRoundTrips() {
        String scope = scopeOfA(Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + NAV).then().statusCode(200);
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/scopes/access").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].scope", equalTo(scope))
                .body("[0].state", equalTo("APPROVED"))
                .body("[0].consumer_orgno", equalTo(NAV))
                .body("[0].owner_orgno", equalTo(TestData.ORG_A))
                .body("[0]", not(hasKey("consumer_organization_name")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "101010101", "12345678", "1234567890", "abcdefghi", "all"})
    void anInvalidConsumerOrgnoIs400SoAutomationSkipsIt(String orgno) {
        String scope = scopeOfA(Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + orgno)
                .then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("consumer_orgno"))
                .body("errors[0].objectName", equalTo("ScopeAccess"));
    }

    @Test
    void missingUnknownAndForeignScopesAre400And404And403() {
        String scope = scopeOfA(Map.of());
        as(TestData.ORG_A, WRITE).put("/scopes/access/" + NAV).then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        as(TestData.ORG_A, READ).get("/scopes/access").then().statusCode(400);
        as(TestData.ORG_A, WRITE).queryParam("scope", "alfa:nope").put("/scopes/access/" + NAV)
                .then().statusCode(404);
        as(TestData.ORG_B, READ).queryParam("scope", scope).get("/scopes/access").then().statusCode(403);
        as(TestData.ORG_B, WRITE).queryParam("scope", scope).put("/scopes/access/" + TestData.ORG_B)
                .then().statusCode(403);
        as(TestData.ORG_B, WRITE).queryParam("scope", scope).delete("/scopes/access/" + NAV)
                .then().statusCode(403);
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).delete("/scopes/access/" + DIGDIR)
                .then().statusCode(404);
        as(TestData.ORG_A, READ).queryParam("scope", scope).put("/scopes/access/" + NAV).then().statusCode(403);
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/scopes/access").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theListFiltersByConsumerAndOwner() {
        String scope = scopeOfA(Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + NAV).then().statusCode(200);
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + DIGDIR).then().statusCode(200);
        as(TestData.ORG_A, READ).queryParam("scope", scope).queryParam("consumer_orgno", DIGDIR)
                .get("/scopes/access").then().body("consumer_orgno", contains(DIGDIR));
        as(TestData.ORG_A, READ).queryParam("scope", scope).queryParam("owner_orgno", TestData.ORG_A)
                .get("/scopes/access").then().body("size()", equalTo(2));
        as(TestData.ORG_A, READ).queryParam("scope", scope).queryParam("owner_orgno", TestData.ORG_B)
                .get("/scopes/access").then().body("size()", equalTo(0));
    }

    @Test
    void theConsumerSeesWhatItWasGrantedWithTheScopesDetails() {
        String maskinporten = scopeOfA(Map.of("allowed_integration_types", List.of("maskinporten")));
        String idporten = scopeOfA(Map.of("allowed_integration_types", List.of("idporten")));
        String revoked = scopeOfA(Map.of());
        for (String scope : List.of(maskinporten, idporten, revoked)) {
            as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + TestData.ORG_B)
                    .then().statusCode(200);
        }
        as(TestData.ORG_A, WRITE).queryParam("scope", revoked).delete("/scopes/access/" + TestData.ORG_B)
                .then().statusCode(200);

        as(TestData.ORG_B, "idporten:dcr.read").get("/api/v1/scopes/access/all").then().statusCode(200)
                .body("scope", org.hamcrest.Matchers.hasItems(maskinporten, idporten))
                .body("scope", not(hasItem(revoked)))
                .body("consumer_orgno", everyItem(equalTo(TestData.ORG_B)))
                .body("find { it.scope == '" + maskinporten + "' }.owner_orgno", equalTo(TestData.ORG_A))
                .body("find { it.scope == '" + maskinporten + "' }.description", org.hamcrest.Matchers.startsWith("Test scope acc"))
                .body("find { it.scope == '" + maskinporten + "' }.allowed_integration_types",
                        contains("maskinporten"));
        as(TestData.ORG_B, READ).queryParam("integration_type", "maskinporten").get("/scopes/access/all")
                .then().statusCode(200).body("scope", hasItem(maskinporten)).body("scope", not(hasItem(idporten)));
        as(TestData.ORG_B, WRITE).queryParam("inactive", "true").get("/scopes/access/all/")
                .then().statusCode(200).body("find { it.scope == '" + revoked + "' }.state", equalTo("DENIED"));
        as(TestData.ORG_A, "idporten:dcr.write").get("/scopes/access/all").then().statusCode(200)
                .body("consumer_orgno", everyItem(equalTo(TestData.ORG_A)));
    }

    @Test
    void accessAllFollowsTheTokenScopeMatrixAndAcceptsAUserToken() {
        as(TestData.ORG_B, "idporten:dcr.modify").get("/scopes/access/all").then().statusCode(403);
        as(TestData.ORG_B, "idporten:dcr.supplier").get("/scopes/access/all").then().statusCode(403);
        given().get("/scopes/access/all").then().statusCode(401);

        String scope = scopeOfA(Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + TestData.ORG_B)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.userToken(TestData.ORG_B)).get("/api/v1/scopes/access/all")
                .then().statusCode(200).body("scope", hasItem(scope));
        // a user token reads what was granted, and nothing else
        given().auth().oauth2(Tokens.userToken(TestData.ORG_A)).queryParam("scope", scope).get("/scopes/access")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.userToken(TestData.ORG_A)).get("/scopes").then().statusCode(403);
    }

    @Test
    void grantingAndRevokingIsInTheScopesHistory() {
        String scope = scopeOfA(Map.of());
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + NAV).then().statusCode(200);
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).put("/scopes/access/" + NAV).then().statusCode(200);
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).delete("/scopes/access/" + NAV).then().statusCode(200);

        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/audit").then().statusCode(200)
                .body("action", contains("access.revoked", "access.granted", "scope.created"))
                .body("[0].before.state", equalTo("APPROVED"))
                .body("[0].after.state", equalTo("DENIED"))
                .body("[0].after.consumer_orgno", equalTo(NAV))
                .body("[1].before", org.hamcrest.Matchers.nullValue());
    }
}
