package no.samarbeidsportal.delegations;

import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.token.Grants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumer → supplier delegation (token-protocol.md 12): the API, and its effect at the token endpoint. */
@QuarkusTest
class DelegationApiTest {

    private static final String ALTINN = "https://tt02.altinn.no/";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String delegableScopeGrantedTo(String consumer) {
        String scope = TestScopes.createInA(TestScopes.unique("deleg"), Map.of("delegation_source", ALTINN));
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer)
                .then().statusCode(200);
        return scope;
    }

    private static ValidatableResponse ask(Grants.Registered client, String scope, String consumerOrg) {
        var claims = Grants.claims(client.clientId(), scope);
        if (consumerOrg != null) {
            claims.claim("consumer_org", consumerOrg);
        }
        return Grants.request(Grants.sign(claims.build(), client.key()));
    }

    @Test
    void aSuppliersClientGetsATokenForTheConsumerOnlyWhileTheConsumerHasDelegated() throws Exception {
        String scope = delegableScopeGrantedTo(TestData.ORG_B);
        Grants.Registered supplier = Grants.client(TestData.SUPPLIER, scope);

        ask(supplier, scope, TestData.ORG_B).statusCode(403).body("error", equalTo("forbidden"))
                .body("error_uri", containsString("MP-251")).body("error_description", containsString(
                        "Consumer " + TestData.ORG_B + " has not delegated access to the scope " + scope
                                + " to supplier " + TestData.SUPPLIER + "."));
        ask(supplier, scope, null).statusCode(403).body("error_uri", containsString("MP-250"));

        long id = ((Number) as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", scope,
                "supplier_orgno", TestData.SUPPLIER)).post("/delegations").then().statusCode(201)
                .body("consumer_orgno", equalTo(TestData.ORG_B)).body("delegation_source", equalTo(ALTINN))
                .extract().path("id")).longValue();
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", scope, "supplier_orgno", TestData.SUPPLIER))
                .post("/api/v1/delegations").then().statusCode(201).body("id", equalTo((int) id));
        as(TestData.SUPPLIER, ClientApiTest.DCR_READ).get("/api/v1/delegations").then().statusCode(200)
                .body("scope", hasItem(scope));

        String token = Grants.eventually(200, () -> ask(supplier, scope, TestData.ORG_B)).statusCode(200).extract()
                .path("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("0192:" + TestData.ORG_B, ((Map<?, ?>) claims.getClaim("consumer")).get("ID"));
        assertEquals("0192:" + TestData.SUPPLIER, ((Map<?, ?>) claims.getClaim("supplier")).get("ID"));
        assertEquals(ALTINN, claims.getClaim("delegation_source"));

        ask(supplier, scope, TestData.SUPPLIER).statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_uri", containsString("MP-252"));
        String plain = ClientApiTest.grantedTo(TestData.SUPPLIER);
        Grants.Registered withPlain = Grants.client(TestData.SUPPLIER, plain);
        ask(withPlain, plain, TestData.ORG_B).statusCode(400).body("error_uri", containsString("MP-252"));

        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes/access/"
                + TestData.ORG_B).then().statusCode(200);
        Grants.eventually(403, () -> ask(supplier, scope, TestData.ORG_B)).statusCode(403)
                .body("error_uri", containsString("MP-250"));
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/"
                + TestData.ORG_B).then().statusCode(200);
        Grants.eventually(200, () -> ask(supplier, scope, TestData.ORG_B)).statusCode(200);

        as(TestData.SUPPLIER, ClientApiTest.DCR_WRITE).delete("/api/v1/delegations/" + id).then().statusCode(404);
        as(TestData.ORG_B, ClientApiTest.DCR_READ).delete("/api/v1/delegations/" + id).then().statusCode(403);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).delete("/api/v1/delegations/" + id).then().statusCode(204);
        Grants.eventually(403, () -> ask(supplier, scope, TestData.ORG_B)).statusCode(403)
                .body("error_uri", containsString("MP-251"));
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/audit").then().statusCode(200)
                .body("action", hasItem("delegation.withdrawn"));
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get("/api/v1/delegations").then().statusCode(200)
                .body("scope", not(hasItem(scope)));
    }

    @Test
    void onlyScopesWithADelegationSourceToAnotherValidOrganisation() {
        String plain = TestScopes.ofA();
        String scope = delegableScopeGrantedTo(TestData.ORG_B);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", plain, "supplier_orgno", TestData.SUPPLIER))
                .post("/api/v1/delegations").then().statusCode(400)
                .body("error_description", containsString(plain));
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", scope, "supplier_orgno", "123456789"))
                .post("/api/v1/delegations").then().statusCode(400);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", scope, "supplier_orgno", TestData.ORG_B))
                .post("/api/v1/delegations").then().statusCode(400);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body("{").post("/api/v1/delegations").then().statusCode(400);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", "alfa:finnes.ikke",
                "supplier_orgno", TestData.SUPPLIER)).post("/api/v1/delegations").then().statusCode(400);
        as(TestData.ORG_B, ClientApiTest.DCR_READ).body(Map.of("scope", scope, "supplier_orgno", TestData.SUPPLIER))
                .post("/api/v1/delegations").then().statusCode(403);
    }

    @Test
    void onlyScopesTheDelegatorCanUseItselfAreDelegated() {
        String notGranted = TestScopes.createInA(TestScopes.unique("ikke"), Map.of("delegation_source", ALTINN));
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", notGranted, "supplier_orgno",
                TestData.SUPPLIER)).post("/api/v1/delegations").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("scope"))
                .body("error_description", containsString(notGranted));
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/delegations").then().statusCode(200)
                .body("scope", not(hasItem(notGranted)));

        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", notGranted).put("/api/v1/scopes/access/"
                + TestData.ORG_B).then().statusCode(200);
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", notGranted, "supplier_orgno",
                TestData.SUPPLIER)).post("/api/v1/delegations").then().statusCode(201);
        String forAll = TestScopes.createInA(TestScopes.unique("alle"), Map.of("delegation_source", ALTINN,
                "accessible_for_all", true));
        as(TestData.ORG_B, ClientApiTest.DCR_WRITE).body(Map.of("scope", forAll, "supplier_orgno",
                TestData.SUPPLIER)).post("/api/v1/delegations").then().statusCode(201);
        as(TestData.ORG_A, ClientApiTest.DCR_WRITE).body(Map.of("scope", forAll, "supplier_orgno",
                TestData.SUPPLIER)).post("/api/v1/delegations").then().statusCode(201);
    }
}
