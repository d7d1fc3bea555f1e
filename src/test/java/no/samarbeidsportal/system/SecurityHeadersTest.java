package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Security headers on pages and API, and the csrf-token cookie's attributes (issue 11, finding 9). */
@QuarkusTest
class SecurityHeadersTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static void isAPage(Response response) {
        response.then()
                .header("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                        containsString("script-src 'self'"), containsString("frame-ancestors 'none'"),
                        not(containsString("unsafe-inline")), not(containsString("unsafe-eval"))))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"));
    }

    @Test
    @TestSecurity(user = "anna")
    void everyPageCarriesTheSecurityHeaders() {
        for (String path : List.of("/portal", "/portal/scopes", "/portal/scopes/new", "/portal/catalogue",
                "/portal/me", "/portal/audit", "/portal/does-not-exist")) {
            isAPage(given().redirects().follow(false).get(path));
        }
        // an htmx fragment and an error page too
        isAPage(given().header("HX-Request", "true").get("/portal/catalogue"));
    }

    @Test
    void theLoginRedirectAndTheDemoLoginAreCoveredToo() {
        given().redirects().follow(false).get("/portal").then().statusCode(302)
                .header("X-Frame-Options", equalTo("DENY")).header("X-Content-Type-Options", equalTo("nosniff"));
        isAPage(given().queryParam("client_id", "samarbeidsportal").queryParam("redirect_uri", "/portal/callback")
                .get("/dev-login/authorize"));
    }

    @Test
    void apiAndTokenAnswersAllowNothingToRender() {
        for (Response response : List.of(given().get("/api/v1/scopes/all"), given().get("/scopes/all"),
                given().get("/api/v1/scopes"), given().contentType("application/x-www-form-urlencoded")
                        .formParam("grant_type", "x").post("/token"), given().get("/jwk"))) {
            response.then().header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Content-Security-Policy", containsString("default-src 'none'"));
        }
    }

    @Test
    @TestSecurity(user = "anna")
    void theCsrfCookieIsHttpOnlyAndSameSite() {
        String set = given().redirects().follow(false).get("/portal/scopes/new").getHeader("Set-Cookie");
        assertTrue(set != null && set.startsWith("csrf-token="), String.valueOf(set));
        assertTrue(set.toLowerCase().contains("; httponly"), set);
        assertTrue(set.contains("SameSite=Strict"), set);
        // plain HTTP here: Secure only when the request came over HTTPS
        assertTrue(!set.toLowerCase().contains("; secure"), set);
    }

    private static final Pattern FORBIDDEN = Pattern.compile(
            "<script(?![^>]*\\ssrc=)|<style|\\sstyle=|\\son[a-z]+=|javascript:|hx-on|hx-vals=['\"]js:");

    @Test
    void noTemplateNeedsWhatThePolicyForbids() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".html")).filter(p -> {
                try {
                    return FORBIDDEN.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
            assertEquals(List.of(), offenders, "inline script, style or event handler in a template");
        }
        String layout = Files.readString(Path.of("src/main/resources/templates/layout.html"));
        assertTrue(layout.contains("\"includeIndicatorStyles\":false"), "htmx would inject a <style> element");
    }
}
