package no.samarbeidsportal.orgs;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.register.RegisterStatus;
import no.samarbeidsportal.register.RegisterUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform administrator's "register organisation" form takes the name from the register (issue 15 part 2). */
@QuarkusTest
class OrganisationPrefillTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "platform")
    void typingANumberFillsTheNameFieldWithHtmxAndShowsTheStatus() {
        String orgno = TestData.unknownOrgno();
        RegisterUnits.add(orgno, "AVVIKLES AS", RegisterStatus.UNDER_LIQUIDATION, null);
        try {
            PageSession session = new PageSession();
            session.open("/portal/orgs").then().statusCode(200)
                    .body(allOf(containsString("hx-post=\"/portal/orgs/prefill\""),
                            containsString("formaction=\"/portal/orgs/prefill\""),
                            containsString("Hent fra Enhetsregisteret")));
            session.htmx().formParam("orgno", OrgNumbers.format(orgno)).formParam("name", "")
                    .post("/portal/orgs/prefill").then().statusCode(200)
                    .body(allOf(containsString("<div id=\"org-name\">"), not(containsString("<html")),
                            containsString("name=\"name\" type=\"text\" value=\"AVVIKLES AS\""),
                            containsString("<span class=\"org-status\">under avvikling</span>")));
        } finally {
            RegisterUnits.remove(orgno);
        }
    }

    @Test
    @TestSecurity(user = "platform")
    void withoutJavaScriptTheButtonReturnsTheWholePageFilledIn() {
        String orgno = TestData.unknownOrgno();
        RegisterUnits.add(orgno, "AKTIV REGISTERENHET AS");
        try {
            PageSession session = new PageSession();
            session.open("/portal/orgs");
            session.form().formParam("orgno", orgno).formParam("name", "Skrevet selv").post("/portal/orgs/prefill")
                    .then().statusCode(200)
                    .body(allOf(containsString("<html"), containsString("value=\"" + orgno + "\""),
                            containsString("value=\"AKTIV REGISTERENHET AS\""), not(containsString("Skrevet selv")),
                            not(containsString("class=\"org-status\""))));
        } finally {
            RegisterUnits.remove(orgno);
        }
    }

    @Test
    @TestSecurity(user = "platform")
    void aNumberNoSourceKnowsKeepsWhatWasTypedAndSaysSo() {
        PageSession session = new PageSession();
        session.open("/portal/orgs");
        // htmx: nothing to swap, so a name typed while the look-up ran is not overwritten
        session.htmx().formParam("orgno", TestData.unknownOrgno()).formParam("name", "")
                .post("/portal/orgs/prefill").then().statusCode(204);
        session.htmx().formParam("orgno", "12").formParam("name", "").post("/portal/orgs/prefill").then()
                .statusCode(204);
        session.form().formParam("orgno", TestData.unknownOrgno()).formParam("name", "Eget navn AS")
                .post("/portal/orgs/prefill").then().statusCode(200)
                .body(allOf(containsString("value=\"Eget navn AS\""),
                        containsString("Registeret kjenner ikke nummeret")));
    }

    @Test
    @TestSecurity(user = "anna")
    void onlyThePlatformAdministratorMayLookUp() {
        PageSession session = new PageSession();
        // a page of anna's own with a form, for the CSRF token: the refusal is about the permission, not the token
        session.open("/portal/orgs/" + TestData.ORG_A).then().statusCode(200);
        session.htmx().formParam("orgno", TestData.ORG_B).post("/portal/orgs/prefill").then().statusCode(403)
                .body(not(containsString("Org B AS")));
    }
}
