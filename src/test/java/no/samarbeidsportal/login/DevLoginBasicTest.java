package no.samarbeidsportal.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The demo login's token endpoint given broken client authentication (finding 5): invalid_client, never a 500. */
@QuarkusTest
class DevLoginBasicTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void brokenBasicCredentialsAreInvalidClient() {
        for (String authorization : new String[] {"Basic !!!", "Basic ", "Basic", "basic ====", "Basic a",
            "Basic " + b64("no-colon"), "Basic " + b64(":"), "Basic " + b64("samarbeidsportal:wrong"),
            "Basic " + b64("samarbeidsportal:dev-login-secret").substring(1), "Basic \u00e6\u00f8\u00e5",
            "Basic " + "QUFB".repeat(3000), "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff,
                (byte) 0xfe, ':', (byte) 0xc3})}) {
            given().header("Authorization", authorization).contentType("application/x-www-form-urlencoded")
                    .formParam("grant_type", "authorization_code").formParam("code", "x")
                    .post("/dev-login/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        }
    }

    @Test
    void aMissingOrEmptyFormIsNotAServerError() {
        given().post("/dev-login/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().contentType("application/x-www-form-urlencoded").body("").post("/dev-login/token").then()
                .statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body("%%%&&&==").post("/dev-login/token").then()
                .statusCode(equalTo(400));
    }
}
