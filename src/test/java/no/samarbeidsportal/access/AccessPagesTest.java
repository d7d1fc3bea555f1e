package no.samarbeidsportal.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
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

@QuarkusTest
class AccessPagesTest {

    private static final String NAV = "889640782";
    private static final String DIGDIR = "991825827";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String scope() {
        return TestScopes.createInA(TestScopes.unique("side"), Map.of());
    }

    private static List<String> approved(String scope) {
        return given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:scopes.read")).queryParam("scope", scope)
                .get("/api/v1/scopes/access").then().statusCode(200).extract().jsonPath()
                .getList("consumer_orgno", String.class);
    }

    @Test
    @TestSecurity(user = "anna")
    void addsOneOrganisationShowingItsNameAndRemovesIt() {
        String scope = scope();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope).then().statusCode(200)
                .body(containsString("Ingen organisasjoner har tilgang"));
        session.form().queryParam("scope", scope).formParam("consumer_orgno", TestData.ORG_B)
                .post("/portal/scopes/access").then().statusCode(303);
        session.open("/portal/scopes/access?scope=" + scope).then()
                .body(allOf(containsString("<td>" + OrgNumbers.format(TestData.ORG_B) + "</td>"),
                        containsString("Org B AS")));

        session.htmx().queryParam("scope", scope).formParam("consumer_orgno", NAV).post("/portal/scopes/access")
                .then().statusCode(200).body(allOf(startsWith("<div id=\"access\""), containsString(NAV),
                        containsString("hx-swap-oob=\"true\""),
                        containsString("889 640 782 har fått tilgang til " + scope + ".")));
        session.htmx().queryParam("scope", scope).formParam("consumer_orgno", TestData.ORG_B)
                .post("/portal/scopes/access/remove")
                .then().statusCode(200).body(not(containsString("<td>" + OrgNumbers.format(TestData.ORG_B) + "</td>")));
        assertEquals(List.of(NAV), approved(scope));
    }

    @Test
    @TestSecurity(user = "anna")
    void withoutJavaScriptARemovalAsksFirstNamingTheOrganisationAndCanBeUndone() {
        String scope = scope();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope);
        session.form().queryParam("scope", scope).formParam("consumer_orgno", TestData.ORG_B)
                .post("/portal/scopes/access").then().statusCode(303);

        // the form's ask field: the confirmation step, nothing removed yet
        session.form().queryParam("scope", scope).formParam("consumer_orgno", TestData.ORG_B).formParam("ask", "true")
                .post("/portal/scopes/access/remove").then().statusCode(200)
                .body(allOf(containsString("Er du sikker?"),
                        containsString("Fjerne 310 000 027 Org B AS fra tilgangslisten til " + scope + "?"),
                        containsString("name=\"consumer_orgno\" value=\"" + TestData.ORG_B + "\""),
                        not(containsString("name=\"ask\""))));
        assertEquals(List.of(TestData.ORG_B), approved(scope));

        io.restassured.response.Response removed = session.form().queryParam("scope", scope)
                .formParam("consumer_orgno", TestData.ORG_B).post("/portal/scopes/access/remove");
        removed.then().statusCode(303).header("Location", containsString("/portal/scopes/access?scope="));
        assertEquals(List.of(), approved(scope));
        String page = given().cookies(removed.getCookies()).queryParam("scope", scope).get("/portal/scopes/access")
                .then().statusCode(200)
                .body(containsString("310 000 027 Org B AS har ikke lenger tilgang til " + scope + "."))
                .extract().asString();
        java.util.regex.Matcher undo = java.util.regex.Pattern.compile("action=\"/portal/scopes/access/undo\\?"
                + "scope=[^&]+&amp;consumer_orgno=" + TestData.ORG_B + "&amp;revoked_at=(\\d+)\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(undo.find(), "the message offers an undo");
        session.form().queryParam("scope", scope).queryParam("consumer_orgno", TestData.ORG_B)
                .queryParam("revoked_at", undo.group(1)).post("/portal/scopes/access/undo").then().statusCode(303);
        assertEquals(List.of(TestData.ORG_B), approved(scope));
    }

    @Test
    @TestSecurity(user = "anna")
    void anErrorAnswerReplacesTheStatusRegionSoNoEarlierMessageStays() {
        String scope = scope();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope);
        session.htmx().queryParam("scope", scope).formParam("consumer_orgno", "889640783")
                .post("/portal/scopes/access").then().statusCode(422)
                .body(containsString("<div id=\"alerts\" role=\"status\" aria-live=\"polite\" "
                        + "hx-swap-oob=\"true\"></div>"));
    }

    @Test
    @TestSecurity(user = "anna")
    void aBadCheckDigitGetsAFieldMessageAndNothingIsAdded() {
        String scope = scope();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope);
        session.form().queryParam("scope", scope).formParam("consumer_orgno", "889640783")
                .post("/portal/scopes/access").then().statusCode(422)
                .body(allOf(containsString("id=\"f-consumer_orgno-error\""), containsString("kontrollsiffer"),
                        containsString("value=\"889640783\"")));
        assertEquals(List.of(), approved(scope));
    }

    @Test
    @TestSecurity(user = "anna")
    void searchesByNumberOrNameAndPages() {
        String scope = scope();
        given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:scopes.write")).queryParam("scope", scope)
                .put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:scopes.write")).queryParam("scope", scope)
                .put("/api/v1/scopes/access/" + NAV).then().statusCode(200);
        given().queryParam("scope", scope).queryParam("q", "org b").get("/portal/scopes/access").then()
                .statusCode(200).body(allOf(containsString("<td>" + OrgNumbers.format(TestData.ORG_B) + "</td>"),
                        not(containsString("<td>" + OrgNumbers.format(NAV) + "</td>"))));
        given().queryParam("scope", scope).queryParam("q", "8896").header("HX-Request", "true")
                .header("HX-Target", "entries").get("/portal/scopes/access").then().statusCode(200)
                .body(allOf(startsWith("<section id=\"entries\""),
                        containsString("<td>" + OrgNumbers.format(NAV) + "</td>"),
                        not(containsString(TestData.ORG_B))));
    }

    @Test
    @TestSecurity(user = "anna")
    void bulkImportShowsADryRunPerRowAndAddsOnlyAfterConfirming() {
        String scope = scope();
        given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:scopes.write")).queryParam("scope", scope)
                .put("/api/v1/scopes/access/" + DIGDIR).then().statusCode(200);
        String csv = "organisasjonsnummer;navn\n" + TestData.ORG_B + ";Org B\n889640783;feil\n"
                + TestData.ORG_B + ";igjen\n" + DIGDIR + ";har\n889 640 782;NAV\nhei\n";
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope).then().statusCode(200);
        session.form().queryParam("scope", scope).formParam("consumers", csv)
                .post("/portal/scopes/access/import").then().statusCode(200)
                .body(allOf(containsString("Legges til"), containsString("Ugyldig kontrollsiffer"),
                        containsString("Duplikat i listen"), containsString("Har allerede tilgang"),
                        containsString("Ugyldig: ikke ni siffer"), containsString("Org B AS"),
                        containsString("Bekreft: legg til 2 organisasjoner")));
        assertEquals(List.of(DIGDIR), approved(scope));

        session.form().queryParam("scope", scope).formParam("consumers", csv)
                .post("/portal/scopes/access/import/confirm").then().statusCode(303);
        assertEquals(List.of(TestData.ORG_B, NAV, DIGDIR).stream().sorted().toList(), approved(scope));
        given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:scopes.read")).queryParam("scope", scope)
                .get("/api/v1/audit").then().body("[0].action", org.hamcrest.Matchers.equalTo("access.imported"))
                .body("[0].after.count", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    @TestSecurity(user = "anna")
    void aLongPastedListIsAcceptedWholeNotRefusedForItsSize() {
        // 3,000 rows is ~30 KB of form data: far above Vert.x's default form attribute limit (2 KB)
        String scope = scope();
        List<String> numbers = java.util.stream.IntStream.iterate(310_000_000, n -> n + 1)
                .mapToObj(String::valueOf).filter(no.samarbeidsportal.identity.OrgNumberValidator::isValid)
                .limit(3_000).toList();
        String csv = String.join("\n", numbers);
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope);
        session.form().queryParam("scope", scope).formParam("consumers", csv)
                .post("/portal/scopes/access/import").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*Bekreft: legg til 3\\D?000 organisasjoner.*"));
        session.form().queryParam("scope", scope).formParam("consumers", csv)
                .post("/portal/scopes/access/import/confirm").then().statusCode(303);
        assertEquals(numbers, approved(scope));
    }

    @Test
    @TestSecurity(user = "anna")
    void anUploadedCsvFileWorksLikeAPastedList() {
        String scope = scope();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope);
        given().redirects().follow(false).cookie("csrf-token", session.cookie())
                .multiPart("csrf-token", session.token()).multiPart("file", "liste.csv",
                        ("orgno\n" + NAV + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                .queryParam("scope", scope).post("/portal/scopes/access/import").then().statusCode(200)
                .body(containsString("Bekreft: legg til 1 organisasjon"));
    }

    @Test
    @TestSecurity(user = "anna")
    void anImportWithNothingToAddIsRefusedAndWritesNothing() {
        String scope = scope();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope);
        session.form().queryParam("scope", scope).formParam("consumers", "123456789\n")
                .post("/portal/scopes/access/import/confirm").then().statusCode(422)
                .body(containsString("Ingen nye organisasjoner"));
        session.form().queryParam("scope", scope).formParam("consumers", "  ")
                .post("/portal/scopes/access/import").then().statusCode(422)
                .body(containsString("Listen er tom"));
        assertEquals(List.of(), approved(scope));
    }

    @Test
    @TestSecurity(user = "anna")
    void theHistoryPageShowsWhoAddedAndRemovedWhom() {
        String scope = scope();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope);
        session.form().queryParam("scope", scope).formParam("consumer_orgno", NAV).post("/portal/scopes/access")
                .then().statusCode(303);
        session.form().queryParam("scope", scope).formParam("consumer_orgno", NAV)
                .post("/portal/scopes/access/remove").then().statusCode(303);
        given().queryParam("scope", scope).get("/portal/audit").then().statusCode(200)
                .body(allOf(containsString("Ga tilgang"), containsString("Fjernet tilgang"),
                        containsString("Organisasjon: "), containsString(OrgNumbers.format(NAV)),
                        containsString("Tilstand: Godkjent → Avslått"), containsString("Anna A (anna)")));
    }
}
