package no.samarbeidsportal.register;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.time.LocalDate;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.identity.OrgNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 part 2: wherever a person sees an organisation (tags/namesOrg.html and the history's words), a number the
 * portal has not registered is named by the register copy, an organisation that is not active carries the register's
 * status, and a number no source knows stays bare.
 */
@QuarkusTest
class OrgNamesPagesTest {

    private static final String MARKER = "<span class=\"org-status\">";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @AfterEach
    void cleanUp() {
        RegisterUnits.remove(TestData.ORG_A, TestData.SUPPLIER);
    }

    @Test
    @TestSecurity(user = "anna")
    void theCatalogueOwnerAndTheClientsOrganisationShowTheirRegisterStatus() {
        String scope = ClientApiTest.grantedTo(TestData.ORG_A);
        ClientApiTest.create(TestData.ORG_A, ClientApiTest.maskinporten(scope));
        String before = "Org A AS <span class=\"orgno\">(310 000 019)</span>";
        given().queryParam("q", scope).get("/portal/catalogue").then().statusCode(200)
                .body(allOf(containsString(before), not(containsString(MARKER))));

        RegisterUnits.add(TestData.ORG_A, "ORG A I REGISTERET AS", RegisterStatus.UNDER_FORCED_LIQUIDATION, null);
        // the portal's own name for an organisation it has, the register's status next to it
        String named = before + " " + MARKER + "under tvangsavvikling</span>";
        given().queryParam("q", scope).get("/portal/catalogue").then().statusCode(200)
                .body(allOf(containsString(named), not(containsString("ORG A I REGISTERET AS"))));
    }

    @Test
    @TestSecurity(user = "ivar")
    void theClientListShowsTheClientsOrganisationWithItsStatusInThePagesLanguage() {
        ClientApiTest.create(TestData.ORG_A, ClientApiTest.maskinporten(ClientApiTest.grantedTo(TestData.ORG_A)));
        RegisterUnits.add(TestData.ORG_A, "ORG A I REGISTERET AS", RegisterStatus.UNDER_FORCED_LIQUIDATION, null);
        given().get("/portal/clients").then().statusCode(200).body(containsString("Org A AS <span class=\"orgno\">"
                + "(310 000 019)</span> " + MARKER + "under tvangsavvikling</span>"));
        given().header("Accept-Language", "en").get("/portal/clients").then().statusCode(200)
                .body(containsString(MARKER + "under forced liquidation</span>"));
    }

    @Test
    @TestSecurity(user = "platform")
    void theOrganisationPagesAppointmentsShowADeletedSupplierWithItsDate() {
        RegisterUnits.add(TestData.SUPPLIER, "LEVERANDØREN AS", RegisterStatus.DELETED, LocalDate.of(2025, 6, 30));
        given().get("/portal/orgs/" + TestData.ORG_A).then().statusCode(200)
                .body(allOf(containsString("<td>Leverandør AS <span class=\"orgno\">(310 000 140)</span> " + MARKER
                        + "slettet 30.06.2025</span></td>"),
                        // the customer only the portal knows: its own name, no marker
                        not(containsString("Org A AS <span class=\"orgno\">(310 000 019)</span> " + MARKER))));
        given().header("Accept-Language", "en").get("/portal/orgs/" + TestData.SUPPLIER).then().statusCode(200)
                .body(containsString("<td>Org A AS <span class=\"orgno\">(310 000 019)</span></td>"));
        given().header("Accept-Language", "en").get("/portal/orgs/" + TestData.ORG_A).then().statusCode(200)
                .body(containsString(MARKER + "deleted 30 Jun 2025</span>"));
    }

    @Test
    @TestSecurity(user = "anna")
    void historyNamesAConsumerThePortalLacksFromTheRegisterAndAnUnknownNumberStaysBare() {
        String bankrupt = TestData.unknownOrgno();
        String unknown = TestData.unknownOrgno();
        RegisterUnits.add(bankrupt, "KONKURSBO AS", RegisterStatus.BANKRUPT, null);
        try {
            String scope = ClientApiTest.grantedTo(bankrupt);
            String other = ClientApiTest.grantedTo(unknown);
            given().queryParam("scope", scope).get("/portal/audit").then().statusCode(200)
                    .body(containsString("– KONKURSBO AS (" + OrgNumbers.format(bankrupt) + ", konkurs)"));
            given().queryParam("scope", other).get("/portal/audit").then().statusCode(200)
                    .body(allOf(containsString("– " + OrgNumbers.format(unknown) + "<"),
                            not(containsString("(" + OrgNumbers.format(unknown)))));
        } finally {
            RegisterUnits.remove(bankrupt);
        }
    }
}
