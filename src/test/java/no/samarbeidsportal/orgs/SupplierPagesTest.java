package no.samarbeidsportal.orgs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.identity.SupplierAppointment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The organisation page's "Leverandører" and "Kunder" sections (admin-api.md 2.5). */
@QuarkusTest
class SupplierPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "anna")
    void theCustomersAccessAdministratorAppointsASupplierAndEndsIt() {
        String supplier = TestData.freshOrganisation("Sideleverandør AS");
        PageSession session = new PageSession();
        session.open("/portal/orgs/" + TestData.ORG_A).then().statusCode(200)
                .body(allOf(containsString("<h2 id=\"suppliers-heading\">Leverandører</h2>"),
                        containsString("<h2 id=\"customers-heading\">Kunder</h2>"),
                        containsString(TestData.SUPPLIER)));
        session.htmx().formParam("supplier_orgno", "12345").post("/portal/orgs/" + TestData.ORG_A + "/suppliers")
                .then().statusCode(422).body(allOf(containsString("id=\"f-supplier_orgno-error\""),
                        containsString("aria-invalid=\"true\""), containsString("id=\"suppliers\"")));
        session.form().formParam("supplier_orgno", TestData.ORG_A).post("/portal/orgs/" + TestData.ORG_A
                + "/suppliers").then().statusCode(422).body(containsString("kan ikke være sin egen leverandør"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("supplier_orgno", supplier).post("/portal/orgs/" + TestData.ORG_A + "/suppliers").then()
                .statusCode(400);
        assertTrue(SupplierAppointment.active(TestData.ORG_A, supplier).isEmpty());

        session.form().formParam("supplier_orgno", supplier).post("/portal/orgs/" + TestData.ORG_A + "/suppliers")
                .then().statusCode(303);
        String page = given().get("/portal/orgs/" + TestData.ORG_A).then().statusCode(200)
                .body(containsString(" <span class=\"orgno\">(" + OrgNumbers.format(supplier) + ")</span></td>"))
                .extract().asString();
        Matcher end = Pattern.compile("/portal/orgs/" + TestData.ORG_A + "/suppliers/(\\d+)/end\"[^>]*>\\s*"
                + "(<input[^>]*>\\s*)+<button[^>]*>Avslutt<span class=\"visually-hidden\"> " + supplier).matcher(page);
        assertTrue(end.find(), page);
        session.open("/portal/orgs/" + TestData.ORG_A);
        session.htmx().post("/portal/orgs/" + TestData.ORG_A + "/suppliers/" + end.group(1) + "/end").then()
                .statusCode(200).body(allOf(containsString("id=\"suppliers\""), containsString("Avsluttet"),
                        not(containsString("/suppliers/" + end.group(1) + "/end"))));
        assertTrue(SupplierAppointment.active(TestData.ORG_A, supplier).isEmpty());
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsAdministratorCannotAppointItselfItsSupplier() {
        PageSession session = new PageSession();
        session.open("/portal/orgs/" + TestData.ORG_B).then().statusCode(200);
        session.form().formParam("supplier_orgno", TestData.ORG_B).post("/portal/orgs/" + TestData.ORG_A
                + "/suppliers").then().statusCode(404);
        given().get("/portal/orgs/" + TestData.ORG_A).then().statusCode(404);
        assertTrue(SupplierAppointment.active(TestData.ORG_A, TestData.ORG_B).isEmpty());
    }

    @Test
    @TestSecurity(user = "platform")
    void theSuppliersPageListsItsCustomers() {
        given().get("/portal/orgs/" + TestData.SUPPLIER).then().statusCode(200)
                .body(allOf(containsString("<h2 id=\"customers-heading\">Kunder</h2>"),
                        containsString("<td>Org A AS <span class=\"orgno\">(310 000 019)</span></td>"),
                        containsString("<td>Org B AS <span class=\"orgno\">(310 000 027)</span></td>")));
    }
}
