package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API takes bearer tokens only (issue 11, finding 4): a person logged in through the real login flow (the
 * demo login) cannot use the portal's session cookies on the API, for reading or writing; the pages, the demo login
 * and the logout keep working.
 */
@QuarkusTest
class SessionOnApiTest {

    private static final Pattern FIELD = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]*)\"");

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** Logs anna in through /portal, the demo login's form and the callback; returns the client with her cookies. */
    private static HttpClient login(CookieManager cookies) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<Void> first = client.send(HttpRequest.newBuilder(URI.create(base() + "/portal")).build(),
                HttpResponse.BodyHandlers.discarding());
        String authorize = first.headers().firstValue("Location").orElseThrow();
        String form = client.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(form);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        fields.put("other", "anna");
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<Void> chosen = client.send(HttpRequest.newBuilder(URI.create(base() + "/dev-login/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(303, chosen.statusCode(), "the demo login's form");
        HttpResponse<Void> callback = client.send(HttpRequest.newBuilder(URI.create(
                chosen.headers().firstValue("Location").orElseThrow())).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(3, callback.statusCode() / 100, "the login callback answers a redirect");
        HttpResponse<String> dashboard = client.send(HttpRequest.newBuilder(URI.create(base() + "/portal")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, dashboard.statusCode(), "logged in, the dashboard shows");
        return client;
    }

    /** Every cookie the browser holds, sent as one Cookie header to any path. */
    private static String allCookies(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    @Test
    void theSessionCookieIsNoCredentialOnTheAdminApi() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient client = login(cookies);
        String cookie = allCookies(cookies);
        assertTrue(cookie.contains("q_session"), cookie);
        for (String path : new String[] {"/api/v1/scopes", "/scopes", "/external/api/v1/clients",
            "/api/v1/scopes/access/all"}) {
            HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, read.statusCode(), path + ": " + read.body());
        }
        String subscope = "cookie" + System.nanoTime();
        HttpResponse<String> write = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/scopes"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prefix\":\"alfa\",\"subscope\":\"" + subscope
                        + "\",\"description\":\"via cookie\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, write.statusCode(), write.body());
        assertFalse(client.send(HttpRequest.newBuilder(URI.create(base() + "/portal/scopes")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains(subscope));

        HttpResponse<Void> logout = client.send(HttpRequest.newBuilder(URI.create(base() + "/portal/logout")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(3, logout.statusCode() / 100, "the logout still answers with a redirect");
    }
}
