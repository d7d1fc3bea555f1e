package no.samarbeidsportal.access.requests;

import static no.samarbeidsportal.TestScopes.READ;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.access.requests.AccessRequestApiTest.DCR_WRITE;
import static no.samarbeidsportal.access.requests.AccessRequestApiTest.ask;
import static no.samarbeidsportal.access.requests.AccessRequestApiTest.scopeTakingRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessRequestPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String page(String scope) {
        return "/portal/catalogue/scope?scope=" + scope;
    }

    @Test
    void anyoneReadsAScopesPageFromTheCatalogueWithoutLoggingIn() {
        String scope = TestScopes.createInA(TestScopes.unique("katalog"), Map.of("long_description",
                "Les **dokumentasjonen** først."));
        given().queryParam("q", scope).get("/portal/catalogue").then().statusCode(200)
                .body(containsString("href=\"/portal/catalogue/scope?scope=" + scope.replace(":", "%3A") + "\""));
        given().get(page(scope)).then().statusCode(200).body(allOf(containsString("<code>" + scope + "</code>"),
                containsString("<strong>dokumentasjonen</strong>"), containsString("Org A AS"),
                containsString("Kontakt eieren for å få tilgang"), containsString("Logg inn for å se"),
                not(containsString("name=\"purpose\""))));
        String open = scopeTakingRequests("KOMM");
        given().get(page(open)).then().statusCode(200).body(allOf(containsString("Be om tilgang her"),
                containsString("organisasjonsform KOMM")));
        given().get(page("alfa:finnes.ikke")).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "bert")
    void aConsumerAsksFromTheScopesPageAndSeesItsStanding() {
        String scope = scopeTakingRequests();
        PageSession session = new PageSession();
        session.open(page(scope)).then().statusCode(200).body(allOf(containsString("Dere har ikke tilgang"),
                containsString("name=\"purpose\""), containsString("name=\"contact_email\"")));

        session.form().queryParam("scope", scope).formParam("purpose", "Saksbehandling")
                .formParam("contact_email", "ikke-en-adresse").post("/portal/catalogue/scope").then().statusCode(422)
                .body(allOf(containsString("id=\"f-contact_email-error\""), containsString("Skriv en gyldig e-postadresse"),
                        containsString("value=\"ikke-en-adresse\""), containsString("Saksbehandling")));
        session.form().queryParam("scope", scope).formParam("purpose", "Saksbehandling")
                .formParam("contact_email", "drift@orgb.example").post("/portal/catalogue/scope").then()
                .statusCode(303);
        session.open(page(scope)).then().statusCode(200).body(allOf(containsString("venter på eieren"),
                not(containsString("name=\"purpose\""))));
        // a second one from a page opened before the first was sent
        session.form().queryParam("scope", scope).formParam("purpose", "Igjen")
                .formParam("contact_email", "drift@orgb.example").post("/portal/catalogue/scope").then()
                .statusCode(422).body(containsString("allerede en forespørsel om " + scope + " som venter"));

        long id = as(TestData.ORG_B, "idporten:dcr.read").get("/api/v1/accessrequests").then().extract().jsonPath()
                .getLong("find { it.scope == '" + scope + "' }.id");
        as(TestData.ORG_A, "idporten:scopes.write").body(Map.of("reason", "Mangler avtale"))
                .post("/api/v1/scopes/requests/" + id + "/reject").then().statusCode(200);
        session.open(page(scope)).then().body(allOf(containsString("ble avslått"), containsString("Mangler avtale"),
                containsString("name=\"purpose\"")));
        session.open("/portal/requests").then().statusCode(200).body(allOf(containsString("Våre forespørsler"),
                containsString("Avslått"), containsString("Mangler avtale")));
    }

    @Test
    @TestSecurity(user = "anna")
    void theProviderSeesTheCountApprovesAndRejectsWithAReason() {
        String scope = scopeTakingRequests();
        long first = ask(TestData.ORG_B, scope);
        long second = ask(TestData.SUPPLIER, scope);
        PageSession session = new PageSession();
        String list = session.open("/portal/requests").then().statusCode(200).extract().asString();
        assertEquals(true, list.contains("Forespørsler til våre API") && list.contains("Org B AS")
                && list.contains("Leverandør AS") && list.contains("drift@example.com"), list);
        Matcher badge = Pattern.compile("Tilgangsforespørsler <span class=\"badge\"><span aria-hidden=\"true\">(\\d+)")
                .matcher(list);
        assertEquals(true, badge.find() && Integer.parseInt(badge.group(1)) >= 2, "the menu counts the requests");

        session.form().formParam("reason", " ").post("/portal/requests/" + second + "/reject").then()
                .statusCode(422).body(allOf(containsString("Skriv en begrunnelse for avslaget"),
                        containsString("aria-invalid=\"true\"")));
        session.form().formParam("reason", "x".repeat(2000)).post("/portal/requests/" + second + "/reject").then()
                .statusCode(422).body(containsString("Teksten er for lang"));
        session.form().formParam("reason", "Ikke avtale").post("/portal/requests/" + second + "/reject").then()
                .statusCode(303);
        session.form().post("/portal/requests/" + first + "/approve").then().statusCode(303);
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/api/v1/scopes/access").then()
                .body("consumer_orgno", equalTo(List.of(TestData.ORG_B)));
        session.open("/portal/audit").then().body(allOf(containsString("Godkjente forespørsel om tilgang"),
                containsString("Avslo forespørsel om tilgang"), containsString("Ba om tilgang")));
        // without the form's CSRF token nothing is decided
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("reason", "x")
                .post("/portal/requests/" + second + "/reject").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationCanNeitherDecideNorWithdrawWhatIsNotItsOwn() {
        String scope = scopeTakingRequests();
        long ofSupplier = ask(TestData.SUPPLIER, scope);
        PageSession session = new PageSession();
        session.open("/portal/requests").then().statusCode(200).body(not(containsString(scope)));
        session.form().post("/portal/requests/" + ofSupplier + "/approve").then().statusCode(404);
        session.form().formParam("reason", "nei").post("/portal/requests/" + ofSupplier + "/reject").then()
                .statusCode(404);
        session.form().post("/portal/requests/" + ofSupplier + "/withdraw").then().statusCode(404);
        as(TestData.SUPPLIER, "idporten:dcr.read").get("/api/v1/accessrequests/" + ofSupplier).then()
                .body("state", equalTo("PENDING"));
    }

    @Test
    @TestSecurity(user = "anna")
    void theScopesEditFormSetsWhetherItTakesRequests() {
        String scope = TestScopes.ofA();
        PageSession session = new PageSession();
        String edit = session.open("/portal/scopes/view?section=edit&scope=" + scope).asString();
        assertEquals(true, edit.contains("name=\"takes_requests\"") && edit.contains("name=\"auto_approve_org_forms\""));
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(edit);
        version.find();
        session.form().queryParam("scope", scope).formParam("version", version.group(1))
                .formParam("description", "Med forespørsler").formParam("takes_requests", "true")
                .formParam("auto_approve_org_forms", "1234").post("/portal/scopes/view").then().statusCode(422)
                .body(containsString("«1234» er ingen organisasjonsform"));
        session.form().queryParam("scope", scope).formParam("version", version.group(1))
                .formParam("description", "Med forespørsler").formParam("takes_requests", "true")
                .formParam("auto_approve_org_forms", "komm, stat").post("/portal/scopes/view").then().statusCode(303);
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/api/v1/scopes/requestpolicy").then()
                .body("takes_requests", equalTo(true)).body("auto_approve_org_forms", equalTo(List.of("KOMM", "STAT")));
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", scope, "purpose", "x", "contact_email", "a@b.no"))
                .post("/api/v1/accessrequests").then().statusCode(201);
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/api/v1/scopes/requests").then()
                .body("consumer_orgno", hasItem(TestData.ORG_B));
    }
}
