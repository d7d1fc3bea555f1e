package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.RawHttp;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one request-hygiene layer in front of pages, API and token service (issue 11, findings 3 and 5). */
@QuarkusTest
class RequestHygieneTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String bearer(String scopes) {
        return "Authorization: Bearer " + Tokens.of(TestData.ORG_A, scopes);
    }

    @Test
    void dotSegmentsAnywhereAre400AndNeverReachTheApi() {
        String scope = TestScopes.ofA();
        String write = bearer(TestScopes.WRITE);
        for (String target : List.of("/portal/../api/v1/scopes/access/..?scope=" + scope,
                "/portal/%2e%2e/api/v1/scopes/access/%2E%2e?scope=" + scope,
                "/portal/.%2E/api/v1/scopes/access/.%2e?scope=" + scope,
                "/api/v1/scopes/access/..?scope=" + scope,
                "/api/v1/scopes/access/%2e%2e?scope=" + scope,
                "/api/v1/scopes/./access/%2E?scope=" + scope,
                "/external/api/v1/scopes/access%2f..?scope=" + scope,
                "/scopes/access/%2E%2E?scope=" + scope)) {
            RawHttp.Answer answer = RawHttp.send("DELETE", target, null, write, "Accept: application/json");
            assertEquals(400, answer.status(), target);
        }
        // the scope is untouched: no variant was normalised and routed to DELETE /scopes
        given().auth().oauth2(Tokens.of(TestData.ORG_A, TestScopes.READ)).queryParam("scope", scope)
                .get("/api/v1/scopes").then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void aDotSegmentOnTheApiGetsDigdirsErrorBodyAndOnAPageAnHtmlPage() {
        RawHttp.Answer api = RawHttp.send("GET", "/api/v1/scopes/access/%2e%2e?scope=alfa:x", null,
                bearer(TestScopes.READ));
        assertEquals(400, api.status());
        assertTrue(api.head().toLowerCase().contains("content-type: application/json"), api.head());
        assertTrue(api.body().contains("\"error\":\"invalid_request\"") && api.body().contains("\"correlation_id\"")
                && api.body().contains("\"timestamp\""), api.body());
        RawHttp.Answer page = RawHttp.send("GET", "/portal/scopes/%2e%2e/clients", null);
        assertEquals(400, page.status());
        assertTrue(page.head().toLowerCase().contains("content-type: text/html"), page.head());
    }

    @Test
    void nulInAJsonFieldIsA400NamingTheField() {
        TestScopes.as(TestData.ORG_A, TestScopes.WRITE)
                .body(Map.of("prefix", "alfa", "subscope", TestScopes.unique("nul"), "description", "før\u0000etter"))
                .post("/api/v1/scopes")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("errors[0].fieldIdentifier", equalTo("description"));
        TestScopes.as(TestData.ORG_A, TestScopes.WRITE)
                .body(Map.of("prefix", "alfa", "subscope", TestScopes.unique("surrogate"), "description", "x\ud800y"))
                .post("/api/v1/scopes")
                .then().statusCode(400).body("errors[0].fieldIdentifier", equalTo("description"));
    }

    @Test
    void nulOrBrokenEncodingInPathQueryOrHeaderIsA400() {
        String read = bearer(TestScopes.READ);
        for (String target : List.of("/api/v1/scopes?scope=alfa:a%00b", "/api/v1/clients/abc%00",
                "/api/v1/scopes?scope=%zz", "/api/v1/scopes?scope=alfa:%C3%28", "/api/v1/scopes?scope=%ED%A0%80",
                "/portal/catalogue?q=a%00b", "/token?x=%00")) {
            RawHttp.Answer answer = RawHttp.send("GET", target, null, read);
            assertEquals(400, answer.status(), target);
        }
        RawHttp.Answer header = RawHttp.send("GET", "/portal/catalogue", null, "Accept-Language: nb\u0000en");
        assertEquals(400, header.status());
        RawHttp.Answer correlation = RawHttp.send("GET", "/api/v1/scopes/all", null, "X-Correlation-ID: a\u0000b");
        assertEquals(400, correlation.status());
    }

    @Test
    @TestSecurity(user = "anna")
    void nulInAFormFieldIsRefusedWithTheFieldNamed() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        session.form().formParam("prefix", "alfa").formParam("subscope", TestScopes.unique("nul"))
                .formParam("description", "a\u0000b").formParam("visibility", "PUBLIC")
                .formParam("token_type", "SELF_CONTAINED").formParam("allowed_integration_types", "maskinporten")
                .post("/portal/scopes")
                .then().statusCode(400).body(containsString("tegn som ikke kan lagres"));
    }

    @Test
    @TestSecurity(user = "anna")
    void brokenPercentEscapesInAFormBodyAre400() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        for (String value : List.of("%zz", "a%2", "%")) {
            session.htmx().contentType("application/x-www-form-urlencoded")
                    .body("prefix=alfa&subscope=" + value + "&description=x")
                    .post("/portal/scopes").then().statusCode(400);
        }
    }

    @Test
    void aMalformedAcceptOnAMethodNoRouteTakesIsNo5xx() {
        String write = bearer(TestScopes.WRITE);
        for (String accept : List.of("*/*;q=2", "text/html;;", "application/json;q=x")) {
            int status = RawHttp.send("PUT", "/portal/lang/en", "{\"a\":1}", write, "Accept: " + accept,
                    "Content-Type: application/json").status();
            assertTrue(status >= 400 && status < 500, accept + " got " + status);
        }
    }

    @Test
    void anEmptyContentTypeIs400() {
        String write = bearer(TestScopes.WRITE);
        assertEquals(400, RawHttp.send("PUT", "/portal/scopes", "{}", write, "Content-Type: ").status());
        assertEquals(400, RawHttp.send("POST", "/api/v1/scopes", "{}", write, "Content-Type: ").status());
    }

    @Test
    void parametersThatCannotBeConvertedAre400NotNotFound() {
        String audit = Tokens.of(TestData.ORG_A, TestScopes.READ + " idporten:dcr.read");
        for (String page : List.of("abc", "99999999999", "1.5")) {
            given().auth().oauth2(audit).queryParam("page", page).get("/api/v1/audit")
                    .then().statusCode(400).body("error", equalTo("invalid_request"))
                    .body("correlation_id", matchesPattern("[0-9a-f]{32}"));
        }
    }

    @Test
    void brokenContentTypesAre400AndUnknownOnes415() {
        String write = bearer(TestScopes.WRITE);
        String json = "{\"prefix\":\"alfa\",\"subscope\":\"" + TestScopes.unique("ct") + "\",\"description\":\"x\"}";
        assertEquals(400, RawHttp.send("POST", "/api/v1/scopes", json, write, "Content-Type: application/").status());
        assertEquals(400, RawHttp.send("POST", "/api/v1/scopes", json, write, "Content-Type: ;;").status());
        assertEquals(400, RawHttp.send("POST", "/api/v1/scopes", json, write,
                "Content-Type: multipart/form-data").status());
        assertEquals(415, RawHttp.send("POST", "/api/v1/scopes", json, write, "Content-Type: text/plain").status());
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"keys\"\r\n\r\nx\r\n--b--\r\n";
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"a b \"", "multipart/form-data;")) {
            RawHttp.Answer answer = RawHttp.send("POST", "/portal/clients/keys?client=x", multipart,
                    "Content-Type: " + type);
            assertEquals(400, answer.status(), type);
        }
    }

    @Test
    @TestSecurity(user = "anna")
    void pageFormsSentAsTextOrJsonAre415() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        for (ContentType type : List.of(ContentType.TEXT, ContentType.JSON)) {
            given().redirects().follow(false).cookie("csrf-token", session.cookie())
                    .header("X-CSRF-TOKEN", session.token()).contentType(type)
                    .body("prefix=alfa&subscope=t&description=x").post("/portal/scopes")
                    .then().statusCode(415).body(allOf(containsString("<html"), containsString("Innholdstypen")));
        }
    }
}
