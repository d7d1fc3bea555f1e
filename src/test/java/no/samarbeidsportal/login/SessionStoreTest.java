package no.samarbeidsportal.login;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import no.samarbeidsportal.DemoLogin;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions end on the server: after logging out, after the idle timeout and after the maximum lifetime, the cookies
 * a browser (or a thief) saved earlier open nothing. Logging in and out goes through the demo login over real HTTP.
 */
@QuarkusTest
class SessionStoreTest {

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void aLoggedInPersonSeesThePortal() {
        DemoLogin anna = DemoLogin.as("anna");
        anna.get("/portal").then().statusCode(200).body(containsString("/portal/logout"));
    }

    @Test
    void cookiesSavedBeforeLogoutNoLongerOpenThePortal() {
        DemoLogin anna = DemoLogin.as("anna");
        Map<String, String> saved = anna.cookies();
        anna.get("/portal").then().statusCode(200);

        anna.get("/portal/logout").then().statusCode(302);

        replay(saved).then().statusCode(302).header("Location", containsString("/dev-login/authorize"));
        assertFalse(stored(saved.get("q_session")), "the session row is deleted at logout");
    }

    @Test
    void logoutEndsTheSessionAtTheLoginProviderAndComesBackToThePortal() {
        DemoLogin anna = DemoLogin.as("anna");
        Response logout = anna.get("/portal/logout");
        logout.then().statusCode(302).header("Location", containsString("/dev-login/logout?id_token_hint="));
        Map<String, String> query = DemoLogin.query(logout.header("Location"));
        assertEquals(portal(), query.get("post_logout_redirect_uri"));
        Cookie logoutState = logout.getDetailedCookie("q_post_logout");
        assertTrue(logoutState.isHttpOnly(), "q_post_logout HttpOnly");
        assertEquals("Lax", logoutState.getSameSite(), "q_post_logout SameSite");
        assertEquals(query.get("state"), logoutState.getValue());

        Response back = anna.get(DemoLogin.pathAndQuery(logout.header("Location")));
        back.then().statusCode(303).header("Location", startsWith(portal() + "?state="));
        assertEquals(query.get("state"), DemoLogin.query(back.header("Location")).get("state"));
    }

    @Test
    void theSessionCookieHoldsOnlyARandomIdAndTheTokensStayOnTheServer() {
        DemoLogin anna = DemoLogin.as("anna");
        String id = anna.cookies().get("q_session");
        assertTrue(id.matches("[A-Za-z0-9_-]{43}"), "a 256-bit random id, not a token: " + id);
        assertFalse(anna.cookies().containsKey("q_session_at"), "no access token cookie");
        assertFalse(anna.cookies().containsKey("q_session_rt"), "no refresh token cookie");
        assertTrue(stored(id));
    }

    @Test
    void anIdleSessionEnds() throws Exception {
        DemoLogin anna = DemoLogin.as("anna");
        String id = anna.cookies().get("q_session");
        Instant now = Instant.now();
        setTimes(id, now.minus(Duration.ofMinutes(31)), now.minus(Duration.ofMinutes(31)));

        replay(anna.cookies()).then().statusCode(302).header("Location", containsString("/dev-login/authorize"));
        assertFalse(stored(id));
    }

    @Test
    void aSessionInUseStaysAliveAndIsMarkedSeen() throws Exception {
        DemoLogin anna = DemoLogin.as("anna");
        String id = anna.cookies().get("q_session");
        Instant now = Instant.now();
        setTimes(id, now.minus(Duration.ofMinutes(29)), now.minus(Duration.ofMinutes(29)));

        replay(anna.cookies()).then().statusCode(200);
        assertTrue(lastSeen(id).isAfter(now.minusSeconds(5)), "last_seen moves on with use");
    }

    @Test
    void aSessionEndsAtItsMaximumLifetimeHoweverActive() throws Exception {
        DemoLogin anna = DemoLogin.as("anna");
        String id = anna.cookies().get("q_session");
        Instant now = Instant.now();
        setTimes(id, now.minus(Duration.ofHours(8)).minusSeconds(60), now);

        replay(anna.cookies()).then().statusCode(302).header("Location", containsString("/dev-login/authorize"));
        assertFalse(stored(id));
    }

    @Test
    void endedSessionsAreClearedAtTheNextLogin() throws Exception {
        DemoLogin anna = DemoLogin.as("anna");
        String id = anna.cookies().get("q_session");
        Instant now = Instant.now();
        setTimes(id, now.minus(Duration.ofHours(9)), now.minus(Duration.ofHours(9)));

        DemoLogin.as("anna");
        assertFalse(stored(id), "a login clears sessions that have ended");
    }

    @Test
    void loginCookiesAreHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() {
        Cookie state = loginStateCookie(io.restassured.RestAssured.given().redirects().follow(false).get("/portal"));
        assertTrue(state.isHttpOnly(), "q_auth HttpOnly");
        assertEquals("Lax", state.getSameSite(), "q_auth SameSite");
        assertFalse(state.isSecured(), "q_auth not Secure over plain http");

        Cookie session = DemoLogin.as("anna").lastSet("q_session");
        assertTrue(session.isHttpOnly(), "q_session HttpOnly");
        assertEquals("Lax", session.getSameSite(), "q_session SameSite");
        assertFalse(session.isSecured(), "q_session not Secure over plain http");
        assertEquals("/portal", session.getPath());
    }

    /** The login-state cookie set on the way to the login provider (q_auth, or q_auth_<uuid>). */
    static Cookie loginStateCookie(Response toLogin) {
        return toLogin.getDetailedCookies().asList().stream().filter(c -> c.getName().startsWith("q_auth"))
                .findFirst().orElseThrow(() -> new AssertionError("no q_auth cookie: " + toLogin.headers()));
    }

    private Response replay(Map<String, String> cookies) {
        return io.restassured.RestAssured.given().redirects().follow(false).cookies(cookies).get("/portal");
    }

    private String portal() {
        return base.toString().replaceAll("/$", "") + "/portal";
    }

    private boolean stored(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select 1 from login_session where id_hash = ?")) {
            s.setBytes(1, hash(id));
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant lastSeen(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select last_seen from login_session where id_hash = ?")) {
            s.setBytes(1, hash(id));
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    private void setTimes(String id, Instant started, Instant lastSeen) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update login_session set started = ?, last_seen = ? where id_hash = ?")) {
            s.setTimestamp(1, java.sql.Timestamp.from(started));
            s.setTimestamp(2, java.sql.Timestamp.from(lastSeen));
            s.setBytes(3, hash(id));
            assertEquals(1, s.executeUpdate());
        }
    }

    static byte[] hash(String id) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    }
}
