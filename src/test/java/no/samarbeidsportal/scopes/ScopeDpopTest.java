package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.READ;
import static no.samarbeidsportal.TestScopes.WRITE;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.TestScopes.createInA;
import static no.samarbeidsportal.TestScopes.unique;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 18: the scope attribute requires_dpop over the API and on the scope page, audited. */
@QuarkusTest
class ScopeDpopTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void theApiSetsKeepsAndClearsRequiresDpopAndTheAuditLineShowsIt() {
        String name = createInA(unique("dpop"), Map.of("requires_dpop", true));
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/scopes").then().statusCode(200)
                .body("requires_dpop", equalTo(true));
        // Digdir's body without our field, as a client PUTs back what it knows: unchanged
        as(TestData.ORG_A, WRITE).queryParam("scope", name).body(Map.of("description", "changed"))
                .put("/api/v1/scopes").then().statusCode(200).body("requires_dpop", equalTo(true));
        as(TestData.ORG_A, WRITE).queryParam("scope", name)
                .body(Map.of("description", "changed", "requires_dpop", false))
                .put("/api/v1/scopes").then().statusCode(200).body("requires_dpop", equalTo(false));
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/audit").then().statusCode(200)
                .body("action[0]", equalTo("scope.updated"))
                .body("[0].before.requires_dpop", equalTo(true)).body("[0].after.requires_dpop", equalTo(false))
                .body("[2].after.requires_dpop", equalTo(true));
        // another organisation cannot change it (admin-api.md 4.4: another organisation's prefix is 403)
        as(TestData.ORG_B, WRITE).queryParam("scope", name).body(Map.of("description", "x", "requires_dpop", true))
                .put("/api/v1/scopes").then().statusCode(403);
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/scopes").then()
                .body("requires_dpop", equalTo(false));
    }

    @Test
    void aNewScopeWithoutTheFieldDoesNotRequireDpop() {
        String name = createInA(unique("nodpop"), Map.of());
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/scopes").then().statusCode(200)
                .body("requires_dpop", equalTo(false));
    }

    @Test
    @TestSecurity(user = "anna")
    void theScopeFormTurnsDpopOnAndOffAndThePageShowsHowToCheckTheProof() {
        String name = createInA(unique("dpopside"), Map.of());
        PageSession session = new PageSession();
        String page = session.open("/portal/scopes/view?section=edit&scope=" + name).then().statusCode(200)
                .body(allOf(containsString("name=\"requires_dpop\""), containsString("id=\"requires_dpop-hint\"")))
                .extract().asString();
        given().queryParam("scope", name).get("/portal/scopes/view").then().statusCode(200)
                .body(not(containsString("DPoPProtectedResourceRequestVerifier")));

        session.form().queryParam("scope", name).formParam("version", version(page))
                .formParam("description", "Med DPoP").formParam("requires_dpop", "true")
                .post("/portal/scopes/view").then().statusCode(303);
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/scopes").then()
                .body("requires_dpop", equalTo(true));
        given().queryParam("scope", name).get("/portal/scopes/view").then().statusCode(200)
                .body(allOf(containsString("Slik sjekker API-et ditt DPoP-beviset"),
                        containsString("DPoPProtectedResourceRequestVerifier"), containsString("cnf.jkt"),
                        containsString("Ja, tokens er bundet til klientens nøkkel")));

        page = session.open("/portal/scopes/view?section=edit&scope=" + name).asString();
        org.junit.jupiter.api.Assertions.assertTrue(
                Pattern.compile("name=\"requires_dpop\" value=\"true\" checked").matcher(page).find());
        // an unticked box is "no": the form always sends every attribute
        session.form().queryParam("scope", name).formParam("version", version(page))
                .formParam("description", "Uten DPoP").post("/portal/scopes/view").then().statusCode(303);
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/scopes").then()
                .body("requires_dpop", equalTo(false));
        as(TestData.ORG_A, READ).queryParam("scope", name).get("/api/v1/audit").then()
                .body("[0].before.requires_dpop", equalTo(true)).body("[0].after.requires_dpop", equalTo(false));
    }

    @Test
    @TestSecurity(user = "anna")
    void theEnglishPageExplainsTheProofToo() {
        String name = createInA(unique("dpopen"), Map.of("requires_dpop", true));
        given().queryParam("scope", name).header("Accept-Language", "en").get("/portal/scopes/view").then().statusCode(200)
                .body(allOf(containsString("How your API checks the DPoP proof"),
                        containsString("Yes, tokens are bound to the client")));
    }

    private static String version(String page) {
        Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(m.find());
        return m.group(1);
    }
}
