package no.samarbeidsportal.clients;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.token.AdminScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, finding 1, as it was found: organisation X gives itself the supplier right and takes over B's
 * administration. Only HTTP, so it runs unchanged against the code before supplier appointments (where it fails).
 */
@QuarkusTest
class SupplierTakeoverTest {

    /** Holds dcr.supplier in its own tokens; no organisation has appointed it. */
    private static final String X = ClientApiTest.OTHER_SUPPLIER;

    @Inject
    AdminScopes adminScopes;

    @BeforeEach
    void data() {
        TestData.ensure();
        adminScopes.ensure(TestData.ORG_A);
    }

    @Test
    void anUnappointedSupplierRegistersNothingForACustomerNeitherItsPrivateNorItsAdminScopes() {
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", "idporten:scopes.write")
                .put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        String privateOfB = privateScopeOfB();
        for (String scope : new String[] {"idporten:scopes.write", privateOfB}) {
            Map<String, Object> body = ClientApiTest.maskinporten(scope);
            body.put("client_orgno", TestData.ORG_B);
            as(X, ClientApiTest.DCR_SUPPLIER).body(body).post("/api/v1/clients").then().statusCode(403);
        }
    }

    @Test
    void aTokenOfASuppliersClientIsNeverTheCustomersAdministrator() {
        String privateOfB = privateScopeOfB();
        String supplied = Tokens.supplied(TestData.ORG_B, X, "idporten:scopes.write");
        given().auth().oauth2(supplied).queryParam("scope", privateOfB).get("/api/v1/scopes/access").then()
                .statusCode(403).body(not(containsString(privateOfB)));
        given().auth().oauth2(supplied).queryParam("scope", privateOfB).put("/api/v1/scopes/access/" + X).then()
                .statusCode(403);
        as(TestData.ORG_B, TestScopes.WRITE).queryParam("scope", privateOfB).get("/api/v1/scopes/access").then()
                .statusCode(200).body(not(containsString(X)));
    }

    @Test
    @TestSecurity(user = "lars")
    void theSupplierPickerNeverListsACustomersPrivateScopes() {
        String privateOfB = privateScopeOfB();
        given().queryParam("integration_type", "maskinporten").queryParam("client_orgno", TestData.ORG_B)
                .header("HX-Request", "true").get("/portal/clients/new/scopes").then()
                .body(not(containsString(privateOfB)));
    }

    private static String privateScopeOfB() {
        String subscope = TestScopes.unique("privat");
        as(TestData.ORG_B, TestScopes.WRITE).body(Map.of("prefix", "beta", "subscope", subscope,
                "description", "Privat scope hos B")).post("/api/v1/scopes").then().statusCode(201);
        return "beta:" + subscope;
    }
}
