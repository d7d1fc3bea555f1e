package no.samarbeidsportal.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Last ned som CSV": the access list as a file the bulk import takes back, for the scope's owner only. */
@QuarkusTest
class AccessExportTest {

    /** A name a spreadsheet would run as a formula, with the CSV's own separator and quotes in it. */
    private static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\";\"Klikk\") AS";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String scope() {
        return TestScopes.createInA(TestScopes.unique("eksport"), Map.of());
    }

    private static List<String> approved(String scope) {
        return given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.READ)).queryParam("scope", scope)
                .get("/api/v1/scopes/access").then().statusCode(200).extract().jsonPath()
                .getList("consumer_orgno", String.class).stream().sorted().toList();
    }

    private static void importInto(String scope, String text) {
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope).then().statusCode(200);
        session.form().queryParam("scope", scope).formParam("consumers", text)
                .post("/portal/scopes/access/import/confirm").then().statusCode(303);
    }

    private static String export(String scope) {
        Response response = given().queryParam("scope", scope).get("/portal/scopes/access/export");
        response.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment; filename=\"tilgangsliste-alfa-eksport."));
        return response.asString();
    }

    /** The rows without the header and without the time column, which differs between two lists. */
    private static List<List<String>> rows(String csv) throws IOException {
        try (var parser = CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(new StringReader(
                csv.replace("\uFEFF", "")))) {
            return parser.getRecords().stream().skip(1).map(CSVRecord::values).map(v -> List.of(v[0], v[1])).toList();
        }
    }

    @Test
    @TestSecurity(user = "anna")
    void anExportedListImportsBackAsTheSameList() throws IOException {
        String formula = TestData.freshOrganisation(FORMULA_NAME);
        String plain = TestData.freshOrganisation("Vanlig; med semikolon AS");
        String first = scope();
        importInto(first, String.join("\n", TestData.ORG_B, formula, plain));
        List<String> numbers = List.of(TestData.ORG_B, formula, plain).stream().sorted().toList();
        assertEquals(numbers, approved(first));

        String exported = export(first);
        assertTrue(exported.startsWith("\uFEFFOrganisasjonsnummer;Organisasjon;Sist endret\r\n"), exported);
        List<List<String>> rows = rows(exported);
        assertEquals(numbers, rows.stream().map(r -> r.get(0)).toList());
        // a spreadsheet shows the name as text instead of running it
        assertTrue(rows.contains(List.of(formula, "'" + FORMULA_NAME)), rows.toString());
        assertTrue(rows.contains(List.of(plain, "Vanlig; med semikolon AS")), rows.toString());
        assertTrue(rows.contains(List.of(TestData.ORG_B, "Org B AS")), rows.toString());

        String second = scope();
        importInto(second, exported);
        assertEquals(numbers, approved(second));
        String again = export(second);
        assertEquals(rows, rows(again));
        // and the file goes back onto its own list without changing it: every row is already there
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + first);
        session.form().queryParam("scope", first).formParam("consumers", again)
                .post("/portal/scopes/access/import/confirm").then().statusCode(422);
        assertEquals(numbers, approved(first));
    }

    @Test
    @TestSecurity(user = "anna")
    void anEmptyListExportsItsHeaderAndRevokedEntriesAreLeftOut() throws IOException {
        String scope = scope();
        assertEquals(List.of(), rows(export(scope)));
        given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.WRITE)).queryParam("scope", scope)
                .put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.WRITE)).queryParam("scope", scope)
                .delete("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        assertEquals(List.of(), rows(export(scope)));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationCannotExportTheList() {
        String scope = scope();
        given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.WRITE)).queryParam("scope", scope)
                .put("/api/v1/scopes/access/" + TestData.SUPPLIER).then().statusCode(200);
        given().queryParam("scope", scope).get("/portal/scopes/access/export").then().statusCode(403)
                .contentType(not(startsWith("text/csv"))).body(not(containsString(TestData.SUPPLIER)));
    }
}
