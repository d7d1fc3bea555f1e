package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Mine API"'s search, sort and filters, and the catalogue's; each list stays what its reader may see. */
@QuarkusTest
class ScopeListFiltersTest {

    private static final Pattern LINKED = Pattern.compile("<code>((?:alfa|beta):[^<]+)</code>");

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** The scope names in a page's table, in their order. */
    private static List<String> names(String page) {
        List<String> names = new ArrayList<>();
        Matcher m = LINKED.matcher(page);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> mine(Map<String, String> query) {
        return names(given().queryParams(query).get("/portal/scopes").then().statusCode(200).extract().asString());
    }

    private static String createInB(String subscope, String description) {
        given().auth().oauth2(Tokens.of(TestData.ORG_B, TestScopes.WRITE)).contentType(ContentType.JSON)
                .body(Map.of("prefix", "beta", "subscope", subscope, "description", description))
                .post("/api/v1/scopes").then().statusCode(201);
        return "beta:" + subscope;
    }

    private static void grant(String scope, String orgno) {
        given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.WRITE)).queryParam("scope", scope)
                .put("/api/v1/scopes/access/" + orgno).then().statusCode(200);
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> q = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    @Test
    @TestSecurity(user = "anna")
    void mineApiSearchesSortsAndFiltersOnlyTheActingOrganisationsScopes() {
        String tag = TestScopes.unique("filtertekst");
        String open = TestScopes.createInA(TestScopes.unique("f.aapen"), Map.of("description", "Aapen " + tag,
                "accessible_for_all", true));
        String off = TestScopes.createInA(TestScopes.unique("f.av"), Map.of("description", "Av " + tag));
        given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.WRITE)).queryParam("scope", off)
                .delete("/api/v1/scopes").then().statusCode(200);
        String popular = TestScopes.createInA(TestScopes.unique("f.populaer"), Map.of("description", "Populær " + tag));
        grant(popular, TestData.ORG_B);
        grant(popular, TestData.SUPPLIER);
        String theirs = createInB(TestScopes.unique("f.andres"), "Andres " + tag);

        // the search is on name and description; B's scope with the same text is never in A's list
        assertEquals(List.of(open, off, popular).stream().sorted().toList(), mine(query("q", tag)));
        assertEquals(List.of(popular), mine(query("q", "POPULÆR " + tag)));
        assertEquals(List.of(popular, open, off), mine(query("q", tag, "sort", "access")));
        assertEquals(List.of(popular, off, open), mine(query("q", tag, "sort", "created")));
        assertEquals(List.of(off), mine(query("q", tag, "status", "inactive")));
        assertEquals(List.of(open, popular).stream().sorted().toList(), mine(query("q", tag, "status", "active")));
        assertEquals(List.of(open), mine(query("q", tag, "accessible_for_all", "true")));
        assertEquals(List.of(off, popular).stream().sorted().toList(),
                mine(query("q", tag, "accessible_for_all", "false")));
        assertEquals(List.of(), mine(query("q", tag, "prefix", "beta")));
        assertEquals(List.of(), mine(query("prefix", "beta")));
        assertFalse(mine(query()).contains(theirs));
        // an unknown value filters nothing and sorts by name
        assertEquals(List.of(open, off, popular).stream().sorted().toList(),
                mine(query("q", tag, "status", "alle", "sort", "'; drop table scope; --")));

        String page = given().queryParam("q", tag).queryParam("sort", "access").get("/portal/scopes").then()
                .extract().asString();
        assertTrue(page.contains("<option value=\"access\" selected>"), page);
        assertTrue(page.contains("value=\"" + tag + "\""), page);
        // htmx asks for the rows only
        given().header("HX-Request", "true").header("HX-Target", "rows").queryParam("q", tag)
                .queryParam("status", "inactive").get("/portal/scopes").then().statusCode(200)
                .body(startsWith("<section id=\"rows\""), org.hamcrest.Matchers.containsString(off),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(popular)));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationSeesOnlyItsOwnScopesWhateverTheFilters() {
        String tag = TestScopes.unique("filterb");
        String mineB = createInB(TestScopes.unique("f.egen"), "Egen " + tag);
        String a = TestScopes.createInA(TestScopes.unique("f.fremmed"), Map.of("description", "Fremmed " + tag));
        assertEquals(List.of(mineB), mine(query("q", tag)));
        assertEquals(List.of(), mine(query("q", tag, "prefix", "alfa")));
        assertFalse(mine(query("prefix", "alfa")).contains(a));
    }

    @Test
    void theCatalogueFiltersByOwnerAndPrefixAndSearches() {
        String tag = TestScopes.unique("katalogfilter");
        String a = TestScopes.createInA(TestScopes.unique("k.a"), Map.of("description", "A " + tag));
        String aPrivate = TestScopes.createInA(TestScopes.unique("k.privat"), Map.of("description", "P " + tag,
                "visibility", "PRIVATE"));
        String b = createInB(TestScopes.unique("k.b"), "B " + tag);
        String page = given().queryParam("q", tag).get("/portal/catalogue").then().statusCode(200).extract().asString();
        assertEquals(List.of(a, b), names(page));
        // the owner filter offers organisations by name
        assertTrue(page.contains("<option value=\"" + TestData.ORG_B + "\">Org B AS (" + TestData.ORG_B + ")</option>"),
                page);
        assertEquals(List.of(b), names(given().queryParam("q", tag).queryParam("owner", TestData.ORG_B)
                .get("/portal/catalogue").then().statusCode(200).extract().asString()));
        assertEquals(List.of(a), names(given().queryParam("q", tag).queryParam("prefix", "alfa")
                .get("/portal/catalogue").then().statusCode(200).extract().asString()));
        assertEquals(List.of(), names(given().queryParam("q", tag).queryParam("prefix", "alfa")
                .queryParam("owner", TestData.ORG_B).get("/portal/catalogue").then().extract().asString()));
        assertFalse(names(given().queryParam("owner", TestData.ORG_A).queryParam("q", tag)
                .get("/portal/catalogue").then().extract().asString()).contains(aPrivate));
    }

    @Test
    void theCatalogueOwnerFilterTakesTheNumberAsALetterPrintsIt() {
        String tag = TestScopes.unique("katalogeier");
        String b = createInB(TestScopes.unique("k.eier"), "B " + tag);
        // no-break spaces, as a number copied from a letter or a web page often has them
        String spaced = TestData.ORG_B.substring(0, 3) + "\u00a0" + TestData.ORG_B.substring(3, 6) + "\u00a0"
                + TestData.ORG_B.substring(6);
        assertEquals(List.of(b), names(given().queryParam("q", tag).queryParam("owner", spaced)
                .get("/portal/catalogue").then().statusCode(200).extract().asString()));
    }
}
