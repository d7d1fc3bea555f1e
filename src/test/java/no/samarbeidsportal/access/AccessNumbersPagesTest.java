package no.samarbeidsportal.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.identity.OrgNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Legg til tilgang" takes numbers as people copy them, says what is wrong with a bad one, warns of unknown ones. */
@QuarkusTest
class AccessNumbersPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static List<String> approved(String scope) {
        return given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:scopes.read")).queryParam("scope", scope)
                .get("/api/v1/scopes/access").then().statusCode(200).extract().jsonPath()
                .getList("consumer_orgno", String.class);
    }

    @Test
    @TestSecurity(user = "anna")
    void aNumberWithSpacesIsAcceptedAndShownWithItsName() {
        String scope = TestScopes.createInA(TestScopes.unique("mellomrom"), Map.of());
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope);

        session.form().queryParam("scope", scope).formParam("consumer_orgno", " 310 000\u00a0027 ")
                .post("/portal/scopes/access").then().statusCode(303)
                .header("Location", not(containsString("added=")));
        assertEquals(List.of(TestData.ORG_B), approved(scope));
        session.open("/portal/scopes/access?scope=" + scope).then().statusCode(200)
                .body(allOf(containsString("<td>310 000 027</td>"), containsString("<td>Org B AS</td>"),
                        not(containsString("ikke kjent i registeret;"))));
    }

    @Test
    @TestSecurity(user = "anna")
    void aValidNumberNoRegisterKnowsIsAddedWithAWarning() {
        String scope = TestScopes.createInA(TestScopes.unique("ukjent"), Map.of());
        String unknown = TestData.unknownOrgno();
        String spaced = OrgNumbers.format(unknown);
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope);

        session.htmx().queryParam("scope", scope).formParam("consumer_orgno", spaced).post("/portal/scopes/access")
                .then().statusCode(200).body(allOf(
                        containsString("<p class=\"alert alert-warning\" role=\"alert\">" + spaced
                                + " er ikke kjent i registeret; sjekk nummeret.</p>"),
                        containsString(spaced + " har fått tilgang til " + scope + "."),
                        containsString("<td>Ikke kjent i registeret</td>")));
        assertEquals(List.of(unknown), approved(scope));

        String second = TestData.unknownOrgno();
        String location = session.form().queryParam("scope", scope).formParam("consumer_orgno", second)
                .post("/portal/scopes/access").then().statusCode(303)
                .header("Location", endsWith("&added=" + second)).extract().header("Location");
        given().urlEncodingEnabled(false).cookie("portal-lang", "en").get(location).then().statusCode(200)
                .body(containsString(OrgNumbers.format(second)
                        + " is not known to the register; check the number."));
        // a number the register knows gets no warning, however the address names it
        given().get("/portal/scopes/access?scope=" + scope + "&added=" + TestData.ORG_B).then().statusCode(200)
                .body(not(containsString("ikke kjent i registeret;")));
    }

    @Test
    @TestSecurity(user = "anna")
    void aBadNumberIsRefusedSayingWhatIsWrong() {
        String scope = TestScopes.createInA(TestScopes.unique("feil"), Map.of());
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope);

        session.htmx().queryParam("scope", scope).formParam("consumer_orgno", "310 000 02")
                .post("/portal/scopes/access")
                .then().statusCode(422).body(allOf(
                        containsString("Organisasjonsnummeret må ha ni siffer og bare siffer"),
                        containsString("value=\"310 000 02\"")));
        session.htmx().queryParam("scope", scope).formParam("consumer_orgno", "310 000 028")
                .post("/portal/scopes/access").then().statusCode(422)
                .body(containsString("Organisasjonsnummeret har feil kontrollsiffer"));
        assertEquals(List.of(), approved(scope));
    }
}
