package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Function;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CSRF on every state-changing page request, whatever its body (issue 11, finding 4): an empty body, text/plain or
 * JSON without the token must change nothing. Each case is sent with a valid session and the csrf-token cookie, so
 * only the missing token can be why it is refused.
 */
@QuarkusTest
class CsrfTest {

    private static final String REFUSED = "sikkerhetskoden";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** The bodies an attacker's page can send without a token: none, text/plain, JSON. */
    private static List<Function<RequestSpecification, RequestSpecification>> bodies() {
        return List.of(r -> r, r -> r.contentType("text/plain").body("a=b"), r -> r.contentType("text/plain"),
                r -> r.contentType("application/json").body("{}"));
    }

    private static RequestSpecification withoutToken(PageSession session) {
        return given().redirects().follow(false).cookie("csrf-token", session.cookie());
    }

    private static boolean active(String scope) {
        return given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.READ)).queryParam("scope", scope)
                .queryParam("inactive", true).get("/api/v1/scopes").then().statusCode(200).extract().path("active");
    }

    @Test
    @TestSecurity(user = "anna")
    void scopeDeactivateAndReactivateNeedTheToken() {
        String scope = TestScopes.ofA();
        PageSession session = new PageSession();
        session.open("/portal/scopes/view?section=edit&scope=" + scope);
        for (var body : bodies()) {
            body.apply(withoutToken(session)).queryParam("scope", scope).post("/portal/scopes/deactivate")
                    .then().statusCode(anyOf(is(400), is(415)));
        }
        withoutToken(session).queryParam("scope", scope).post("/portal/scopes/deactivate")
                .then().statusCode(400).body(containsString(REFUSED));
        assert active(scope);
        // with the token the layout's hx-headers sends, the same empty POST works
        withoutToken(session).header("X-CSRF-TOKEN", session.token()).queryParam("scope", scope)
                .post("/portal/scopes/deactivate").then().statusCode(303);
        assert !active(scope);
        for (var body : bodies()) {
            body.apply(withoutToken(session)).queryParam("scope", scope).post("/portal/scopes/reactivate")
                    .then().statusCode(anyOf(is(400), is(415)));
        }
        withoutToken(session).header("X-CSRF-TOKEN", "not-the-token").queryParam("scope", scope)
                .post("/portal/scopes/reactivate").then().statusCode(400);
        assert !active(scope);
    }

    @Test
    @TestSecurity(user = "ivar")
    void clientDeactivateAndSecretRenewalNeedTheToken() {
        String client = ClientApiTest.create(TestData.ORG_A,
                ClientApiTest.maskinporten(ClientApiTest.grantedTo(TestData.ORG_A)));
        PageSession session = new PageSession();
        session.open("/portal/clients/view?client=" + client);
        for (var kind : bodies()) {
            kind.apply(withoutToken(session)).queryParam("client", client).post("/portal/clients/secret")
                    .then().statusCode(anyOf(is(400), is(415)));
            kind.apply(withoutToken(session)).queryParam("client", client).post("/portal/clients/deactivate")
                    .then().statusCode(anyOf(is(400), is(415)));
        }
        withoutToken(session).queryParam("client", client).post("/portal/clients/secret")
                .then().statusCode(400).body(containsString(REFUSED));
        given().auth().oauth2(Tokens.of(TestData.ORG_A, ClientApiTest.DCR_WRITE)).get("/api/v1/clients/" + client)
                .then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    @TestSecurity(user = "ivar")
    void delegationWithdrawalNeedsTheToken() {
        PageSession session = new PageSession();
        session.open("/portal/delegations");
        for (var body : bodies()) {
            // an unknown delegation: without the CSRF check this would be 404 from the service
            body.apply(withoutToken(session)).post("/portal/delegations/987654321/withdraw")
                    .then().statusCode(anyOf(is(400), is(415)));
        }
        withoutToken(session).post("/portal/delegations/987654321/withdraw")
                .then().statusCode(400).body(containsString(REFUSED));
        // htmx's way: the header token, no body
        withoutToken(session).header("X-CSRF-TOKEN", session.token()).header("HX-Request", "true")
                .post("/portal/delegations/987654321/withdraw").then().statusCode(404);
    }
}
