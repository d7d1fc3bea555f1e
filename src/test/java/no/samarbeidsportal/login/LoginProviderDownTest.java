package no.samarbeidsportal.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configured login provider that does not answer: the pages say so with a 503, never a 500. */
@QuarkusTest
@TestProfile(LoginProviderDownTest.ProviderDown.class)
class LoginProviderDownTest {

    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // nothing listens on port 9 (discard) here: the discovery request is refused
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:9/realms/samarbeidsportal",
                    "portal.dev-login.enabled", "false");
        }
    }

    @Test
    void aPageThatNeedsALoginAnswers503WhenTheProviderCannotBeReached() {
        given().redirects().follow(false).get("/portal")
                .then().statusCode(503).header("Location", nullValue())
                .body(containsString("Innloggingstjenesten svarer ikke"));
        given().get("/portal/catalogue").then().statusCode(200);
    }
}
