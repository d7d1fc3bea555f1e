package no.samarbeidsportal.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import no.samarbeidsportal.PageSession;
import org.junit.jupiter.api.Test;

/** The demo login sends codes and logouts only to the portal's own registered addresses (issue 11, finding 10). */
@QuarkusTest
class DevLoginEndpointsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void authorizeOffersTheLoginForThePortalsOwnCallback() {
        given().queryParam("client_id", "samarbeidsportal").queryParam("redirect_uri", own("/portal/callback"))
                .queryParam("state", "s").get("/dev-login/authorize")
                .then().statusCode(200).body(containsString("name=\"other\""));
    }

    @Test
    void authorizeRefusesAnyOtherRedirectUri() {
        for (String foreign : new String[] {"https://evil.example/portal/callback", own("/portal/callback/x"),
            own("/portal/callback?x=1"), own("/portal"), "/portal/callback", "//evil.example/portal/callback"}) {
            given().redirects().follow(false).queryParam("client_id", "samarbeidsportal")
                    .queryParam("redirect_uri", foreign).queryParam("state", "s").get("/dev-login/authorize")
                    .then().statusCode(400).header("Location", nullValue())
                    .body(containsString("registrerte adresser"));
        }
    }

    @Test
    void aChosenLoginIsNeverSentToAForeignRedirectUri() {
        PageSession page = new PageSession();
        page.open("/dev-login/authorize?client_id=samarbeidsportal&redirect_uri=" + own("/portal/callback"));
        page.form().formParam("client_id", "samarbeidsportal").formParam("redirect_uri", "https://evil.example/cb")
                .formParam("state", "s").formParam("subject", "anna").post("/dev-login/authorize")
                .then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void logoutReturnsOnlyToThePortalsOwnPostLogoutAddress() {
        given().redirects().follow(false).queryParam("post_logout_redirect_uri", own("/portal"))
                .queryParam("state", "abc").get("/dev-login/logout")
                .then().statusCode(303).header("Location", equalTo(own("/portal") + "?state=abc"));
        given().redirects().follow(false).get("/dev-login/logout")
                .then().statusCode(303).header("Location", containsString("/portal"));
    }

    @Test
    void logoutRefusesAnyOtherPostLogoutRedirectUri() {
        for (String foreign : new String[] {"https://evil.example", "https://evil.example/portal", own("/portal/x"),
            own("/"), "/portal"}) {
            given().redirects().follow(false).queryParam("post_logout_redirect_uri", foreign)
                    .get("/dev-login/logout")
                    .then().statusCode(400).header("Location", nullValue());
        }
    }

    private String own(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }
}
