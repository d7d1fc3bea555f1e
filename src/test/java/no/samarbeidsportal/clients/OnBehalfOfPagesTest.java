package no.samarbeidsportal.clients;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The onbehalfof section of the client page; ivar is an integration administrator of organisation A. */
@QuarkusTest
class OnBehalfOfPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String idportenClientOfA() {
        return ClientApiTest.create(TestData.ORG_A, OnBehalfOfApiTest.idporten());
    }

    @Test
    @TestSecurity(user = "ivar")
    void anIntegrationAdministratorAddsAndRemovesAnEntryWithAndWithoutHtmx() {
        String id = idportenClientOfA();
        String page = "/portal/clients/view?client=" + id;
        PageSession session = new PageSession();
        session.open(page).then().statusCode(200)
                .body(allOf(containsString("<section id=\"onbehalfof-entries\""),
                        containsString("Integrasjonen har ingen onbehalfof-oppføringer."),
                        containsString("action=\"/portal/clients/onbehalfof?client=" + id + "\""),
                        containsString("id=\"obo-onbehalfof\"")));

        session.form().queryParam("client", id).formParam("onbehalfof", "kommune-1").formParam("name", "Kommune 1")
                .formParam("orgno", "991825827").formParam("client_uri", "https://kommune1.example")
                .post("/portal/clients/onbehalfof").then().statusCode(303).header("Location", endsWith(page));
        given().get(page).then().statusCode(200)
                .body(allOf(containsString("<td><code>kommune-1</code></td>"), containsString("<td>Kommune 1</td>")));
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id + "/onbehalfof/kommune-1").then()
                .statusCode(200);

        session.htmx().queryParam("client", id).formParam("onbehalfof", "kommune-2").formParam("name", "Kommune 2")
                .formParam("orgno", "889640782").post("/portal/clients/onbehalfof").then().statusCode(200)
                .body(allOf(startsWith("<section id=\"onbehalfof-entries\""), containsString("kommune-1"),
                        containsString("<td><code>kommune-2</code></td>"), not(containsString("<html")),
                        containsString("hx-swap-oob=\"true\""), containsString("lagt til")));

        session.htmx().queryParam("client", id).formParam("onbehalfof", "kommune-1")
                .post("/portal/clients/onbehalfof/remove").then().statusCode(200)
                .body(allOf(startsWith("<section id=\"onbehalfof-entries\""),
                        not(containsString("<td><code>kommune-1</code></td>")), containsString("kommune-2"),
                        containsString("onbehalfof-oppføringen «kommune-1» er fjernet.")));
        session.form().queryParam("client", id).formParam("onbehalfof", "kommune-2")
                .post("/portal/clients/onbehalfof/remove").then().statusCode(303);
        given().get(page).then().statusCode(200).body(not(containsString("<td><code>kommune-2</code></td>")));
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get("/api/v1/audit").then().statusCode(200)
                .body(containsString("onbehalfof.deleted"));
    }

    @Test
    @TestSecurity(user = "ivar")
    void badInputIsShownAtItsFieldsWith422AndNothingIsAdded() {
        String id = idportenClientOfA();
        PageSession session = new PageSession();
        session.open("/portal/clients/view?client=" + id);
        session.htmx().queryParam("client", id).formParam("onbehalfof", "med mellomrom").formParam("name", "")
                .formParam("orgno", "123456789").post("/portal/clients/onbehalfof").then().statusCode(422)
                .body(allOf(startsWith("<section id=\"onbehalfof-entries\""),
                        containsString("id=\"obo-onbehalfof-error\""), containsString("id=\"obo-name-error\""),
                        containsString("Skriv inn kundens navn."), containsString("id=\"obo-orgno-error\""),
                        containsString("aria-invalid=\"true\""), containsString("value=\"med mellomrom\""),
                        not(containsString("obo-client_uri-error"))));
        // without htmx the whole client page comes back with the errors
        session.form().queryParam("client", id).formParam("onbehalfof", "kunde").formParam("name", "Kunde")
                .formParam("orgno", "1234").post("/portal/clients/onbehalfof").then().statusCode(422)
                .body(allOf(containsString("<html"), containsString("id=\"obo-orgno-error\""),
                        containsString("id=\"client-edit\"")));

        session.form().queryParam("client", id).formParam("onbehalfof", "kunde").formParam("name", "Kunde")
                .formParam("orgno", "991825827").post("/portal/clients/onbehalfof").then().statusCode(303);
        session.htmx().queryParam("client", id).formParam("onbehalfof", "kunde").formParam("name", "Igjen")
                .formParam("orgno", "991825827").post("/portal/clients/onbehalfof").then().statusCode(422)
                .body(allOf(containsString("id=\"obo-onbehalfof-error\""), containsString("allerede")));
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id).then()
                .body("onbehalfof.name", contains("Kunde"));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aFormWithoutTheCsrfTokenIsRefused() {
        String id = idportenClientOfA();
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").queryParam("client", id)
                .formParam("onbehalfof", "csrf").formParam("name", "x").formParam("orgno", "991825827")
                .post("/portal/clients/onbehalfof").then().statusCode(400);
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id).then()
                .body("onbehalfof", empty());
    }

    @Test
    @TestSecurity(user = "ivar")
    void maskinportenClientsAndOtherOrganisationsClientsHaveNoSection() {
        String maskinporten = ClientApiTest.create(TestData.ORG_A,
                ClientApiTest.maskinporten(TestScopes.ofA()));
        given().get("/portal/clients/view?client=" + maskinporten).then().statusCode(200)
                .body(not(containsString("onbehalfof-entries")));

        String ofB = ClientApiTest.create(TestData.ORG_B, OnBehalfOfApiTest.idporten());
        PageSession session = new PageSession();
        session.open("/portal/clients/view?client=" + idportenClientOfA());
        session.form().queryParam("client", ofB).formParam("onbehalfof", "kapret").formParam("name", "x")
                .formParam("orgno", "991825827").post("/portal/clients/onbehalfof").then().statusCode(404);
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients/" + ofB).then()
                .body("onbehalfof", empty());
    }
}
