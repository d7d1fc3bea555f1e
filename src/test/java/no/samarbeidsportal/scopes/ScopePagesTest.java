package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScopePagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String created(PageSession session, String subscope) {
        session.form().formParam("prefix", "alfa").formParam("subscope", subscope)
                .formParam("description", "Fra siden").formParam("visibility", "PUBLIC")
                .formParam("token_type", "SELF_CONTAINED").formParam("allowed_integration_types", "maskinporten")
                .formParam("at_max_age", "60").formParam("authorization_max_lifetime", "0")
                .post("/portal/scopes")
                .then().statusCode(303)
                .header("Location", containsString("/portal/scopes/view?scope=alfa%3A"));
        return "alfa:" + subscope;
    }

    @Test
    @TestSecurity(user = "anna")
    void aProviderCreatesAScopeFromTheFormAndSeesItsPage() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new").then().statusCode(200)
                .body(allOf(containsString("<option value=\"alfa\""), containsString("name=\"subscope\""),
                        not(containsString("<option value=\"beta\""))));
        String name = created(session, TestScopes.unique("side/v1"));

        // the edit form opens only when asked for (issue 14: the page in sections, "Endre scopet" opens the form)
        given().queryParam("scope", name).queryParam("section", "edit").get("/portal/scopes/view").then()
                .statusCode(200).body(allOf(containsString("<code>" + name + "</code>"), containsString("value=\"60\""),
                        containsString("name=\"version\" value=\"0\"")));
        given().queryParam("scope", name).get("/portal/scopes/view").then().statusCode(200)
                .body(allOf(containsString("<code>" + name + "</code>"), not(containsString("id=\"scope-form\"")),
                        containsString("section=edit")))
                // how the provider's API validates the tokens: our issuer, JWKS, and the scope in both examples
                .body(allOf(containsString("Slik validerer API-et ditt tokenene"), containsString("/jwk</code>"),
                        containsString("hasAuthority('SCOPE_" + name + "')"),
                        containsString("quarkus.oidc.application-type=service")));
        given().get("/portal/scopes").then().statusCode(200).body(containsString(name));
        // the same scope over the API: one service, one outcome
        given().auth().oauth2(no.samarbeidsportal.Tokens.of(TestData.ORG_A, TestScopes.READ))
                .queryParam("scope", name).get("/api/v1/scopes").then().statusCode(200)
                .body("at_max_age", org.hamcrest.Matchers.equalTo(60))
                .body("allowed_integration_types", org.hamcrest.Matchers.contains("maskinporten"));
    }

    @Test
    @TestSecurity(user = "anna")
    void badInputGetsTheFormBackWith422AndFieldMessages() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        session.form().formParam("prefix", "alfa").formParam("subscope", "a//b").formParam("description", "")
                .formParam("at_max_age", "-5").post("/portal/scopes")
                .then().statusCode(422)
                .body(allOf(containsString("id=\"f-subscope-error\""), containsString("id=\"f-description-error\""),
                        containsString("Beskrivelse må fylles ut."), containsString("aria-invalid=\"true\""),
                        containsString("value=\"a//b\"")));
        session.htmx().formParam("prefix", "alfa").formParam("subscope", "ok").formParam("description", "")
                .post("/portal/scopes")
                .then().statusCode(422)
                .body(allOf(startsWith("<form id=\"scope-form\""), containsString("f-description-error")));
    }

    @Test
    @TestSecurity(user = "anna")
    void textThatIsNoNumberIsReportedWithTheOtherErrorsAndShownBackAsTyped() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        String subscope = TestScopes.unique("tall");
        session.form().formParam("prefix", "alfa").formParam("subscope", subscope).formParam("description", "")
                .formParam("at_max_age", "abc").formParam("authorization_max_lifetime", "1e99")
                .post("/portal/scopes")
                .then().statusCode(422)
                .body(allOf(containsString("id=\"f-description-error\""), containsString("Beskrivelse må fylles ut."),
                        containsString("id=\"f-at_max_age-error\""),
                        containsString("id=\"f-authorization_max_lifetime-error\""),
                        containsString("Skriv et helt antall sekunder."),
                        containsString("value=\"abc\""), containsString("value=\"1e99\"")));
        given().auth().oauth2(no.samarbeidsportal.Tokens.of(TestData.ORG_A, TestScopes.READ))
                .queryParam("scope", "alfa:" + subscope).get("/api/v1/scopes").then().statusCode(404);

        String name = created(session, TestScopes.unique("tall.endre"));
        session.htmx().queryParam("scope", name).formParam("description", " ").formParam("at_max_age", "ti")
                .post("/portal/scopes/view")
                .then().statusCode(422)
                .body(allOf(containsString("id=\"f-description-error\""), containsString("id=\"f-at_max_age-error\""),
                        containsString("value=\"ti\""), not(containsString("<html"))));
    }

    @Test
    @TestSecurity(user = "anna")
    void aFormWithoutTheCsrfTokenIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("prefix", "alfa").formParam("subscope", "csrf").formParam("description", "x")
                .post("/portal/scopes").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "anna")
    void theSecondOfTwoConcurrentEditsGetsAClearConflictNotALostUpdate() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        String name = created(session, TestScopes.unique("samtidig"));
        String page = session.open("/portal/scopes/view?section=edit&scope=" + name).asString();
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(version.find());

        session.form().queryParam("scope", name).formParam("version", version.group(1))
                .formParam("description", "Første").post("/portal/scopes/view").then().statusCode(303);
        session.form().queryParam("scope", name).formParam("version", version.group(1))
                .formParam("description", "Andre").post("/portal/scopes/view")
                .then().statusCode(409).body(containsString("Noen andre har endret scopet"));
        given().queryParam("scope", name).queryParam("section", "edit").get("/portal/scopes/view").then()
                .body(allOf(containsString("Første"), not(containsString("Andre</textarea>"))));
    }

    @Test
    @TestSecurity(user = "anna")
    void deactivatingWarnsAboutLiveAccessAndSaysWhatHappens() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        String name = created(session, TestScopes.unique("varsel"));
        given().auth().oauth2(no.samarbeidsportal.Tokens.of(TestData.ORG_A, TestScopes.WRITE))
                .queryParam("scope", name).put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);

        session.open("/portal/scopes/deactivate?scope=" + name).then().statusCode(200)
                .body(allOf(containsString("1 organisasjon har tilgang"), containsString("slettes ikke"),
                        containsString("fjern organisasjonene fra tilgangslisten først")));
        session.form().queryParam("scope", name).post("/portal/scopes/deactivate").then().statusCode(303);
        given().queryParam("scope", name).get("/portal/scopes/view").then().statusCode(200)
                .body(containsString("Scopet er deaktivert"));
        session.open("/portal/scopes/view?scope=" + name);
        session.form().queryParam("scope", name).post("/portal/scopes/reactivate").then().statusCode(303);
        given().queryParam("scope", name).get("/portal/scopes/view").then()
                .body(not(containsString("Scopet er deaktivert")));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsScopePageIsRefused() {
        String name = TestScopes.createInA(TestScopes.unique("skjult"), Map.of("visibility", "PRIVATE"));
        given().queryParam("scope", name).get("/portal/scopes/view").then().statusCode(403)
                .body(not(containsString("Test scope")));
        given().queryParam("scope", name).get("/portal/scopes/access").then().statusCode(403);
        given().get("/portal/scopes").then().statusCode(200).body(not(containsString(name)));
    }

    @Test
    @TestSecurity(user = "ivar")
    void anIntegrationAdministratorCannotCreateScopes() {
        given().get("/portal/scopes").then().statusCode(403);
    }

    @Test
    void theCatalogueIsOpenToAnyoneAndSearches() {
        String name = TestScopes.createInA(TestScopes.unique("katalog.søk"), Map.of("description",
                "Unik katalogtekst"));
        String hidden = TestScopes.createInA(TestScopes.unique("katalog.privat"), Map.of("visibility", "PRIVATE",
                "description", "Unik katalogtekst"));
        given().queryParam("q", "unik katalogtekst").get("/portal/catalogue").then().statusCode(200)
                .body(allOf(containsString(name), not(containsString(hidden)), containsString("<main")));
        given().header("HX-Request", "true").queryParam("q", "katalogtekst").get("/portal/catalogue")
                .then().statusCode(200).body(allOf(startsWith("<section id=\"results\""), containsString(name)));
    }
}
