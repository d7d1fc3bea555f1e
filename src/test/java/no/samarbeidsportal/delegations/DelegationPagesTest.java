package no.samarbeidsportal.delegations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delegations page: delegate, see it, a bad supplier number gets its field message, withdraw. */
@QuarkusTest
class DelegationPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "ivar")
    void anIntegrationAdministratorDelegatesAndWithdraws() {
        String scope = TestScopes.createInA(TestScopes.unique("side"), Map.of("delegation_source",
                "https://tt02.altinn.no/"));
        PageSession session = new PageSession();
        session.open("/portal/delegations").then().statusCode(200).body(containsString("<option value=\"" + scope));
        session.form().formParam("scope", scope).formParam("supplier_orgno", "12345")
                .post("/portal/delegations").then().statusCode(422)
                .body(containsString("id=\"f-supplier_orgno-error\""))
                .body(containsString("aria-invalid=\"true\""));
        session.form().formParam("scope", scope).formParam("supplier_orgno", TestData.SUPPLIER)
                .post("/portal/delegations").then().statusCode(303);
        String page = given().get("/portal/delegations").then().statusCode(200)
                .body(containsString("<code>" + scope + "</code>")).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/portal/delegations/(\\d+)/withdraw").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(m.find());
        session.open("/portal/delegations");
        session.form().post("/portal/delegations/" + m.group(1) + "/withdraw").then().statusCode(303);
        given().get("/portal/delegations").then().body(org.hamcrest.Matchers.not(containsString("<code>" + scope
                + "</code>")));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("scope", scope).formParam("supplier_orgno", TestData.SUPPLIER)
                .post("/portal/delegations").then().statusCode(400);
    }
}
