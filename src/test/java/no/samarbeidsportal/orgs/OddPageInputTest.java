package no.samarbeidsportal.orgs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The language switcher and the language headers, given what browsers, proxies and attackers send (finding 5). */
@QuarkusTest
class OddPageInputTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void aMalformedRefererSendsThePersonToThePortal() {
        for (String referer : new String[] {"http://[::1", "%%%", "http://x/portal\\evil", "/portal/a b|c{d}",
            "http://host:99999999999999/portal", "::::", "\t", "/portal/\u00e6\u00f8\u00e5?q=\"<>\""}) {
            given().redirects().follow(false).header("Referer", referer).get("/portal/lang/en").then()
                    .statusCode(303).header("Location", anyOf(endsWith("/portal"), containsString("/portal/")))
                    .header("Location", not(containsString("evil")));
        }
    }

    @Test
    void theSwitcherNeverLeavesTheHost() {
        for (String referer : new String[] {"https://evil.example/portal/scopes", "//evil.example/portal",
            "https://evil.example", "/\\evil.example/portal", "https:evil.example/portal", "/portal/..//evil.example",
            "javascript:alert(1)//portal"}) {
            String location = given().redirects().follow(false).header("Referer", referer).get("/portal/lang/en")
                    .then().statusCode(303).extract().header("Location");
            java.net.URI uri = java.net.URI.create(location);
            org.junit.jupiter.api.Assertions.assertTrue(uri.getHost() == null || "localhost".equals(uri.getHost()),
                    referer + " -> " + location);
            org.junit.jupiter.api.Assertions.assertTrue(uri.getRawPath().startsWith("/portal")
                    && !uri.getRawPath().startsWith("//"), referer + " -> " + location);
        }
        given().redirects().follow(false).header("Referer", "http://localhost/portal/scopes?x=1")
                .get("/portal/lang/en").then().statusCode(303).header("Location", endsWith("/portal/scopes?x=1"));
    }

    @Test
    @TestSecurity(user = "anna")
    void aMalformedAcceptIsTakenAsAnyType() {
        for (String accept : new String[] {"application/json;q=x", "text/html;;", "991825827", "*/*;q=2", ";;;", "text/html,,*/*",
            "ððð"}) {
            given().redirects().follow(false).header("Accept", accept).get("/portal/lang/en").then().statusCode(303);
            given().header("Accept", accept).get("/portal").then().statusCode(200);
            given().header("Accept", accept).get("/api/v1/scopes").then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "anna")
    void aMalformedAcceptLanguageGetsTheDefaultLanguage() {
        for (String accept : new String[] {"en;q=abc", "!!!", "en-US;q=2", "*;q=-1", ";;;", "en;q=0.5;q=0.7", "nb,,en", ",",
            "x".repeat(300), "en-\u00e6"}) {
            given().header("Accept-Language", accept).get("/portal").then().statusCode(200)
                    .header("Content-Type", startsWith("text/html")).body(containsString("lang=\"nb\""));
        }
        given().header("Accept-Language", "en-GB,en;q=0.9").get("/portal").then().statusCode(200)
                .body(containsString("lang=\"en\""));
        // the API reads it too
        given().header("Accept-Language", "en;q=abc").get("/api/v1/scopes").then().statusCode(equalTo(200));
    }
}
