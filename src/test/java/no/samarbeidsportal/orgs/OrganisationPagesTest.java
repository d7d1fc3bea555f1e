package no.samarbeidsportal.orgs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.identity.Membership;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Person;
import no.samarbeidsportal.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganisationPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void anonymousVisitorsAreSentToTheLogin() {
        given().redirects().follow(false).get("/portal")
                .then().statusCode(302)
                .header("Location", containsString("/dev-login/authorize"));
    }

    @Test
    void theSiteRootIsThePortal() {
        given().redirects().follow(false).get("/")
                .then().statusCode(303).header("Location", containsString("/portal"));
    }

    @Test
    @TestSecurity(user = "anna")
    void theDashboardShowsTheActingOrganisationInNorwegianByDefault() {
        given().get("/portal")
                .then().statusCode(200)
                .body(allOf(containsString("<html lang=\"nb\">"), containsString("<h1>Org A AS</h1>"),
                        containsString("310 000 019"), containsString("<code>alfa</code>"),
                        containsString("Handler på vegne av"), not(containsString("beta"))));
    }

    @Test
    @TestSecurity(user = "anna")
    void pagesAreInEnglishWhenTheBrowserAsksForIt() {
        given().header("Accept-Language", "en-GB,en;q=0.9").get("/portal/me")
                .then().statusCode(200)
                .body(allOf(containsString("<html lang=\"en\">"), containsString("Who am I?")));
    }

    @Test
    @TestSecurity(user = "anna")
    void theChosenLanguageIsKept() {
        String cookie = given().redirects().follow(false).get("/portal/lang/en")
                .then().statusCode(303).extract().cookie("portal-lang");
        given().cookie("portal-lang", cookie).get("/portal").then().body(containsString("Your roles"));
    }

    @Test
    @TestSecurity(user = "anna")
    void whoAmIShowsRolesAndPermissions() {
        given().get("/portal/me")
                .then().statusCode(200)
                .body(allOf(containsString("anna"), containsString("API-administrasjon (scopes og tilganger)"),
                        containsString("Gi og fjerne roller i organisasjonen")));
    }

    @Test
    @TestSecurity(user = "platform")
    void aBadOrganisationNumberGetsTheFormBackWithAFieldMessage() {
        PageSession session = new PageSession();
        session.open("/portal/orgs");

        session.form().formParam("orgno", "123456789").formParam("name", "Feil AS").post("/portal/orgs")
                .then().statusCode(422)
                .body(allOf(containsString("aria-invalid=\"true\""), containsString("id=\"f-orgno-error\""),
                        containsString("Organisasjonsnummeret har feil kontrollsiffer"),
                        containsString("value=\"Feil AS\"")));
        assertNull(Organisation.findById("123456789"));
    }

    @Test
    @TestSecurity(user = "platform")
    void anHtmxPostGetsOnlyTheFormFragment() {
        PageSession session = new PageSession();
        session.open("/portal/orgs");

        session.htmx().formParam("orgno", "").formParam("name", "").post("/portal/orgs")
                .then().statusCode(422)
                .body(allOf(startsWith("<form id=\"create-org\""), containsString("Navn må fylles ut."),
                        not(containsString("<html"))));
    }

    @Test
    @TestSecurity(user = "platform")
    void aRegisteredOrganisationLeadsToItsPage() {
        PageSession session = new PageSession();
        session.open("/portal/orgs");
        String orgno = TestData.FREE[2];

        session.form().formParam("orgno", orgno).formParam("name", "Nye Sider AS").post("/portal/orgs")
                .then().statusCode(303).header("Location", containsString("/portal/orgs/" + orgno));
        assertNotNull(Organisation.findById(orgno));
        given().get("/portal/orgs/" + orgno).then().statusCode(200).body(containsString("<h1>Nye Sider AS</h1>"));
    }

    @Test
    @TestSecurity(user = "platform")
    void anHtmxRegistrationNavigatesWithHxRedirectInsteadOfSwappingTheNextPageIn() {
        PageSession session = new PageSession();
        session.open("/portal/orgs");
        String orgno = TestData.FREE[5];

        session.htmx().formParam("orgno", orgno).formParam("name", "Htmx AS").post("/portal/orgs")
                .then().statusCode(200).header("HX-Redirect", "/portal/orgs/" + orgno);
        assertNotNull(Organisation.findById(orgno));
    }

    @Test
    @TestSecurity(user = "platform")
    void aFormWithoutItsCsrfTokenIsRefusedWithAnExplanationAndNothingIsWritten() {
        String orgno = TestData.FREE[3];
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("orgno", orgno).formParam("name", "Forfalsket AS").post("/portal/orgs")
                .then().statusCode(400).body(containsString("sikkerhetskoden"));
        assertNull(Organisation.findById(orgno));
    }

    @Test
    @TestSecurity(user = "platform")
    void aForgedCsrfTokenIsRefused() {
        PageSession session = new PageSession();
        session.open("/portal/orgs");
        String orgno = TestData.FREE[4];

        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA").formParam("csrf-token", "BBBBBBBBBBBBBBBBBBBBBB")
                .formParam("orgno", orgno).formParam("name", "Forfalsket AS").post("/portal/orgs")
                .then().statusCode(400);
        assertNull(Organisation.findById(orgno));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsPageIsNotFound() {
        given().get("/portal/orgs/" + TestData.ORG_A)
                .then().statusCode(404).body(not(containsString("Org A AS")));
    }

    @Test
    @TestSecurity(user = "anna")
    void onlyThePlatformAdministratorSeesAllOrganisations() {
        given().redirects().follow(false).get("/portal/orgs")
                .then().statusCode(303).header("Location", containsString("/portal/orgs/" + TestData.ORG_A));
    }

    @Test
    @TestSecurity(user = "ivar")
    void grantingARoleWithoutTheAdministratorRoleIsForbidden() {
        PageSession session = new PageSession();
        session.open("/portal");

        session.form().formParam("subject", "nina").formParam("role", "API_ADMIN")
                .post("/portal/orgs/" + TestData.ORG_A + "/roles")
                .then().statusCode(403).body(containsString("Gi og fjerne roller i organisasjonen"));
    }

    @Test
    @TestSecurity(user = "anna")
    void anOrganisationsAdministratorGrantsARoleFromThePage() {
        PageSession session = new PageSession();
        session.open("/portal/orgs/" + TestData.ORG_A);

        session.htmx().formParam("subject", "kari@a.example").formParam("role", "SUPPLIER")
                .post("/portal/orgs/" + TestData.ORG_A + "/roles")
                .then().statusCode(200)
                .body(allOf(startsWith("<section id=\"people\""), containsString("kari@a.example")));
        Person kari = Person.bySubject("kari@a.example").orElseThrow();
        assertEquals(1, Membership.count(kari, TestData.ORG_A, Role.SUPPLIER));
    }

    @Test
    @TestSecurity(user = "anna")
    void switchingToAnOrganisationWithoutARoleIsNotFound() {
        PageSession session = new PageSession();
        session.open("/portal");

        session.form().formParam("orgno", TestData.ORG_B).post("/portal/organisation")
                .then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "platform")
    void switchingOrganisationKeepsTheChoiceForLaterPages() {
        PageSession session = new PageSession();
        session.open("/portal");

        String chosen = session.form().formParam("orgno", TestData.ORG_B).post("/portal/organisation")
                .then().statusCode(303).extract().cookie("portal-org");
        given().cookie("portal-org", chosen).get("/portal")
                .then().statusCode(200).body(containsString("<h1>Org B AS</h1>"));
    }

    @Test
    @TestSecurity(user = "platform")
    void aMalformedPrefixGetsAFieldMessageOnTheOrganisationsPage() {
        PageSession session = new PageSession();
        session.open("/portal/orgs/" + TestData.ORG_A);

        session.form().formParam("prefix", "Store Bokstaver").post("/portal/orgs/" + TestData.ORG_A + "/prefixes")
                .then().statusCode(422)
                .body(allOf(containsString("id=\"f-prefix-error\""), containsString("små bokstaver")));
    }

    @Test
    @TestSecurity(user = "platform")
    void thePlatformAdministratorSearchesTheOrganisationsByNameOrNumber() {
        given().queryParam("q", "org b").get("/portal/orgs").then().statusCode(200)
                .body(allOf(containsString("310000027\">Org B AS</a>"),
                        org.hamcrest.Matchers.not(containsString("310000019\">Org A AS</a>"))));
        given().queryParam("q", "310 000 019").get("/portal/orgs").then().statusCode(200)
                .body(allOf(containsString("310000019\">Org A AS</a>"),
                        org.hamcrest.Matchers.not(containsString("310000027\">Org B AS</a>"))));
    }
}
