package no.samarbeidsportal.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.Map;
import no.samarbeidsportal.DemoLogin;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS-terminating proxy (PORTAL_BEHIND_PROXY=true, PORTAL_TRUSTED_PROXIES): a request the trusted proxy
 * marks {@code X-Forwarded-Proto: https} gets Secure login cookies and an https callback address.
 */
@QuarkusTest
@TestProfile(BehindProxyTest.BehindProxy.class)
class BehindProxyTest {

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the tests' requests come from this machine: it is the trusted proxy
            return Map.of("PORTAL_BEHIND_PROXY", "true", "PORTAL_TRUSTED_PROXIES", "127.0.0.0/8,::1/128");
        }
    }

    private static final Map<String, String> HTTPS = Map.of("X-Forwarded-Proto", "https");

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void overHttpsTheLoginStateCookieIsSecureAndTheCallbackIsHttps() {
        Response toLogin = given().redirects().follow(false).headers(HTTPS).get("/portal");
        toLogin.then().statusCode(302);
        Cookie state = SessionStoreTest.loginStateCookie(toLogin);
        assertTrue(state.isSecured(), "q_auth Secure");
        assertTrue(state.isHttpOnly());
        assertEquals("Lax", state.getSameSite());
        String callback = DemoLogin.query(toLogin.header("Location")).get("redirect_uri");
        assertTrue(callback.startsWith("https://") && callback.endsWith("/portal/callback"), callback);
    }

    @Test
    void overHttpsTheSessionCookieIsSecure() {
        DemoLogin anna = DemoLogin.as("anna", () -> given(), HTTPS);
        Cookie session = anna.lastSet("q_session");
        assertTrue(session.isSecured(), "q_session Secure");
        assertTrue(session.isHttpOnly());
        assertEquals("Lax", session.getSameSite());
        anna.get("/portal").then().statusCode(200);
        anna.get("/portal/logout").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("post_logout_redirect_uri=https"));
    }

    @Test
    void whenTheProxySaysPlainHttpTheCookiesAreNotSecure() {
        Response toLogin = given().redirects().follow(false).header("X-Forwarded-Proto", "http").get("/portal");
        assertFalse(SessionStoreTest.loginStateCookie(toLogin).isSecured());
        toLogin.then().header("Location", startsWith("http://"));
    }
}
