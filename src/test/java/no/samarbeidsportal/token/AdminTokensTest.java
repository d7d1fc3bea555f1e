package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API trusts this token service's own tokens: automation gets idporten:dcr.* the Maskinporten way. */
@QuarkusTest
class AdminTokensTest {

    @Inject
    AdminScopes adminScopes;

    @BeforeEach
    void data() {
        TestData.ensure();
        adminScopes.ensure(TestData.ORG_A);
    }

    @Test
    void anOrganisationGrantedAnAdminScopeAutomatesTheAdminApiWithOurOwnTokens() {
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", "idporten:dcr.write")
                .put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        Grants.Registered client = Grants.client(TestData.ORG_B, "idporten:dcr.write");
        String token = Grants.request(Grants.grant(client, "idporten:dcr.write")).statusCode(200).extract()
                .path("access_token");
        given().auth().oauth2(token).get("/api/v1/clients").then().statusCode(200)
                .body("client_id", hasItem(client.clientId()));
        given().auth().oauth2(token).get("/api/v1/scopes").then().statusCode(403);

        String sky = Grants.requestAt("/sky/token", Grants.sign(Grants.claims(client.clientId(), "idporten:dcr.write")
                .audience(Grants.issuer() + "sky").claim("resource", "https://api.example/").build(), client.key()))
                .statusCode(200).extract().path("access_token");
        given().auth().oauth2(sky).get("/api/v1/clients").then().statusCode(401);

        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", "idporten:dcr.write")
                .delete("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        Grants.eventually(403, () -> Grants.request(Grants.grant(client, "idporten:dcr.write"))).statusCode(403)
                .body("error_uri", containsString("MP-250"));
    }

    @Test
    void theAdminApisOwnScopesCannotRequireDpopOrBeOpaqueBecauseTheAdminApiChecksNeither() {
        for (String scope : new String[] {"idporten:dcr.write", "idporten:scopes.read"}) {
            Map<String, Object> body = new HashMap<>(as(TestData.ORG_A, TestScopes.READ).queryParam("scope", scope)
                    .get("/api/v1/scopes").then().statusCode(200).extract().as(Map.class));
            Map<String, Object> dpop = new HashMap<>(body);
            dpop.put("requires_dpop", true);
            as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).body(dpop).put("/api/v1/scopes").then()
                    .statusCode(400).body("errors.fieldIdentifier", contains("requires_dpop"))
                    .body("errors[0].errorMessage", containsString("DPoP"));
            Map<String, Object> opaque = new HashMap<>(body);
            opaque.put("token_type", "OPAQUE");
            as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).body(opaque).put("/api/v1/scopes").then()
                    .statusCode(400).body("errors.fieldIdentifier", contains("token_type"));
            as(TestData.ORG_A, TestScopes.READ).queryParam("scope", scope).get("/api/v1/scopes").then()
                    .statusCode(200).body("requires_dpop", equalTo(false)).body("token_type", equalTo("SELF_CONTAINED"));
        }
        // any other scope of the same owner may
        String other = TestScopes.createInA(TestScopes.unique("adm"), Map.of("requires_dpop", true));
        as(TestData.ORG_A, TestScopes.READ).queryParam("scope", other).get("/api/v1/scopes").then().statusCode(200)
                .body("requires_dpop", equalTo(true));
    }
}
