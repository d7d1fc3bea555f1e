package no.samarbeidsportal.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The packaged app's defaults without a login provider: the demo login is the provider, and it is off. The portal
 * still starts, says on its pages and in its log what to set, and the admin API and the token service keep working.
 */
@QuarkusTest
@TestProfile(LoginNotConfiguredTest.NoLoginProvider.class)
class LoginNotConfiguredTest {

    static final Path LOG = Path.of("target", "login-not-configured.log");

    public static class NoLoginProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portal.dev-login.enabled", "false",
                    "quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString());
        }
    }

    @Test
    void aPageThatNeedsALoginSaysWhatToConfigure() {
        given().redirects().follow(false).get("/portal")
                .then().statusCode(503).header("Location", nullValue())
                .body(allOf(containsString("QUARKUS_OIDC_AUTH_SERVER_URL"), containsString("PORTAL_DEV_LOGIN_ENABLED")));
        given().redirects().follow(false).header("Accept-Language", "en").get("/portal/scopes")
                .then().statusCode(503).body(containsString("Login has not been set up"));
        given().redirects().follow(false).header("HX-Request", "true").get("/portal/clients")
                .then().statusCode(503).body(containsString("QUARKUS_OIDC_CLIENT_ID"));
    }

    @Test
    void theStartUpLogSaysWhatToSet() throws Exception {
        String log = Files.readString(LOG);
        assertTrue(log.contains("No login provider is configured") && log.contains("QUARKUS_OIDC_AUTH_SERVER_URL")
                && log.contains("PORTAL_DEV_LOGIN_ENABLED=true"), "start-up warning in " + LOG);
    }

    @Test
    void theCatalogueTheAdminApiAndTheTokenServiceKeepWorking() {
        TestData.ensure();
        given().get("/portal/catalogue").then().statusCode(200);
        given().auth().oauth2(Tokens.of(TestData.ORG_A, "idporten:scopes.read")).get("/api/v1/scopes")
                .then().statusCode(200);
        given().get("/.well-known/oauth-authorization-server").then().statusCode(200);
        given().get("/dev-login/.well-known/openid-configuration").then().statusCode(404);
    }
}
