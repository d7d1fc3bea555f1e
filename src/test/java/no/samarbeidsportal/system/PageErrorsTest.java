package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error pages keep the portal's frame: the menu and switcher for a signed-in person, the public header otherwise. */
@QuarkusTest
class PageErrorsTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "anna")
    void anAddressNoPageHasShowsTheMenuAndTheSwitcher() {
        new PageSession().open("/portal");
        given().get("/portal/finnes-ikke").then().statusCode(404)
                .body(allOf(containsString("<h1>Feil 404</h1>"), containsString("aria-label=\"Hovedmeny\""),
                        containsString("Handler på vegne av"), containsString("href=\"/portal/lang/en\""),
                        containsString("<span class=\"who\">")));
        given().get("/portal/prefixes/finnes-ikke").then().statusCode(404)
                .body(containsString("aria-label=\"Hovedmeny\""));
    }

    @Test
    @TestSecurity(user = "anna")
    void aMissingObjectAndARefusalShowTheMenuInEitherLanguage() {
        given().queryParam("scope", "alfa:finnes.ikke").get("/portal/scopes/view").then().statusCode(404)
                .body(allOf(containsString("aria-label=\"Hovedmeny\""), containsString("<h1>Feil 404</h1>")));
        given().cookie("portal-lang", "en").get("/portal/prefixes/requests").then().statusCode(403)
                .body(allOf(containsString("aria-label=\"Main menu\""), containsString("<h1>Error 403</h1>"),
                        not(containsString("Exception")), not(containsString("at no.samarbeidsportal"))));
    }

    @Test
    void anUnknownTokenErrorCodeIsAPageInTheFrameNotJson() {
        given().get("/errors/MP-999").then().statusCode(404).contentType(ContentType.HTML)
                .body(allOf(containsString("<h1>Feil 404</h1>"), containsString("href=\"/portal/catalogue\"")));
    }

    @Test
    void aSignedOutVisitorSeesThePublicHeader() {
        given().get("/portal/finnes-ikke").then().statusCode(404)
                .body(allOf(containsString("href=\"/portal/catalogue\""), containsString("href=\"/portal/login\""),
                        not(containsString("Handler på vegne av"))));
    }
}
