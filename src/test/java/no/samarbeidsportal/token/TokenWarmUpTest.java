package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up (issue 18, speed after a start): the throwaway grants pass every check the endpoint makes and
 * get a token each, so the code that runs hot before the instance is ready is the token path's own. Tests boot with it
 * off ({@code %test.portal.token.warm-up=0}); the packaged app runs it before readiness (TwoInstancesIT waits for that).
 */
@QuarkusTest
class TokenWarmUpTest {

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @Inject
    TokenWarmUp warmUp;

    @Test
    void throwawayGrantsPassEveryCheckAndGetTokens() throws Exception {
        // a grant refused by any check would throw TokenRefused here
        assertEquals(300, warmUp.warmUp(300, Clock.systemUTC()));
    }

    @Test
    void aWarmUpLongerThanTheIatLeewayMakesFreshGrants() throws Exception {
        // a clock that moves a second each time it is read: 40 rounds outlive the grants' 10 s iat leeway many times
        AtomicLong seconds = new AtomicLong(Instant.now().getEpochSecond());
        Clock fast = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.getAndIncrement());
            }
        };
        assertEquals(40, warmUp.warmUp(40, fast));
    }

    @Test
    void readinessSaysWhetherTheWarmUpRan() {
        given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'token-service' }.data.warm_up", equalTo("off"));
    }
}
