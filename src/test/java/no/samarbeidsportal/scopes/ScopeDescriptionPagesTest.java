package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.Map;
import java.util.regex.Pattern;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scope's long description is Markdown: shown as formatted text in the catalogue and on the scope's page, safely. */
@QuarkusTest
class ScopeDescriptionPagesTest {

    /** Every way a provider might try to get script into the pages, next to Markdown that should work. */
    private static final String LONG = """
            # Bruk av API-et

            Les **dette** først:

            - punkt en
            - punkt to

            <script>alert('script')</script>

            <img src=x onerror="alert('img')">

            [lenke](javascript:alert('lenke')) [entitet](&#106;avascript:alert('entitet')) [ok](https://example.org/doc)

            &lt;script&gt;alert('entitet')&lt;/script&gt; <a href="#" onclick="alert('a')">a</a>
            """;

    /** An HTML start tag with an event handler attribute, as a browser would run it. */
    private static final Pattern HANDLER = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static void formattedAndHarmless(String page) {
        assertTrue(page.contains("<h3>Bruk av API-et</h3>"), page);
        assertTrue(page.contains("<strong>dette</strong>"), page);
        assertTrue(page.contains("<li>punkt en</li>"), page);
        assertTrue(page.contains("<a rel=\"nofollow noopener noreferrer\" href=\"https://example.org/doc\">ok</a>"),
                page);
        // the attempts are shown as text, never as markup
        assertTrue(page.contains("&lt;script&gt;alert("), page);
        assertFalse(page.contains("<script>alert"), page);
        assertFalse(page.toLowerCase().contains("href=\"javascript:"), page);
        assertFalse(HANDLER.matcher(page).find(), page);
        assertFalse(page.contains("<img src=x"), page);
    }

    @Test
    void theCatalogueShowsTheLongDescriptionAsFormattedTextWithoutScript() {
        String subscope = TestScopes.unique("markdown.katalog");
        String name = TestScopes.createInA(subscope, Map.of("long_description", LONG));
        String page = given().queryParam("q", subscope).get("/portal/catalogue").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains(name), page);
        formattedAndHarmless(page);
    }

    @Test
    @TestSecurity(user = "anna")
    void theScopesPageShowsTheLongDescriptionAsFormattedTextWithoutScript() {
        String name = TestScopes.createInA(TestScopes.unique("markdown.side"), Map.of("long_description", LONG,
                "visibility", "PRIVATE"));
        String page = given().queryParam("scope", name).get("/portal/scopes/view").then().statusCode(200)
                .extract().asString();
        formattedAndHarmless(page);
        // the edit form shows the Markdown as the provider wrote it, escaped in its text area
        String form = given().queryParam("scope", name).queryParam("section", "edit").get("/portal/scopes/view")
                .then().statusCode(200).extract().asString();
        assertTrue(form.contains("# Bruk av API-et"), form);
        assertTrue(form.contains("&lt;script&gt;alert("), form);
        assertFalse(form.contains("<script>alert"), form);
    }
}
