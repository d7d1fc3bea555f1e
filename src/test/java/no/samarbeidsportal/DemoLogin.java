package no.samarbeidsportal;

import static io.restassured.RestAssured.given;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Logs a person in the way a browser does, over real HTTP: the portal sends them to the demo login (/dev-login), they
 * choose who they are, the login sends a code back to the portal's callback, and the portal sets its session cookie.
 * Keeps every cookie the way a browser's cookie jar would, so a test can save them and replay them later.
 */
public final class DemoLogin {

    private final Supplier<RequestSpecification> http;
    private final Map<String, String> headers;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Map<String, String> paths = new LinkedHashMap<>();
    private final Map<String, Cookie> lastSet = new LinkedHashMap<>();

    private DemoLogin(Supplier<RequestSpecification> http, Map<String, String> headers) {
        this.http = http;
        this.headers = headers;
    }

    /** Logs in as {@code subject} on the app under test (@QuarkusTest). */
    public static DemoLogin as(String subject) {
        return as(subject, () -> given(), Map.of());
    }

    /** Logs in as {@code subject}, each request built by {@code http} and carrying {@code headers}. */
    public static DemoLogin as(String subject, Supplier<RequestSpecification> http, Map<String, String> headers) {
        DemoLogin login = new DemoLogin(http, headers);
        login.logIn(subject);
        return login;
    }

    /** The cookies the browser holds now. */
    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    /** A cookie as the server last set it, with its attributes. */
    public Cookie lastSet(String name) {
        return lastSet.get(name);
    }

    /** A request to {@code path} carrying the browser's cookies for it (by their Path, as a browser does). */
    public RequestSpecification request(String path) {
        Map<String, String> sent = new LinkedHashMap<>();
        cookies.forEach((name, value) -> {
            String cookiePath = paths.getOrDefault(name, "/");
            if (path.equals(cookiePath) || path.startsWith(cookiePath.endsWith("/") ? cookiePath : cookiePath + "/")
                    || path.startsWith(cookiePath + "?")) {
                sent.put(name, value);
            }
        });
        return http.get().redirects().follow(false).headers(headers).cookies(sent);
    }

    /** GETs {@code path} (with its query, as from a Location header) with the browser's cookies. */
    public Response get(String path) {
        // addresses come from Location headers, already encoded
        return keep(request(path).urlEncodingEnabled(false).get(path));
    }

    private void logIn(String subject) {
        Response toLogin = get("/portal");
        expect(toLogin, 302);
        String authorize = pathAndQuery(toLogin.header("Location"));
        Map<String, String> query = query(authorize);

        Response page = get(authorize);
        expect(page, 200);
        java.util.regex.Matcher token = java.util.regex.Pattern
                .compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.asString());
        if (!token.find()) {
            throw new AssertionError("the demo login page has no CSRF token");
        }
        Response chosen = keep(request("/dev-login/authorize").contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token.group(1)).formParam("client_id", query.get("client_id"))
                .formParam("redirect_uri", query.get("redirect_uri")).formParam("state", query.get("state"))
                .formParam("nonce", query.getOrDefault("nonce", "")).formParam("subject", subject)
                .post("/dev-login/authorize"));
        expect(chosen, 303);

        Response callback = get(pathAndQuery(chosen.header("Location")));
        expect(callback, 302);
        if (!cookies.containsKey("q_session")) {
            throw new AssertionError("no session cookie after the callback: " + callback.headers());
        }
    }

    private Response keep(Response response) {
        for (Cookie c : response.getDetailedCookies()) {
            lastSet.put(c.getName(), c);
            if (c.getValue() == null || c.getValue().isEmpty() || (c.hasMaxAge() && c.getMaxAge() == 0)) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
                paths.put(c.getName(), c.getPath() == null ? "/" : c.getPath());
            }
        }
        return response;
    }

    private static void expect(Response response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": "
                    + response.headers() + "\n" + response.asString());
        }
    }

    /** The path and query of an absolute address (the app is reached at the base the test set up). */
    public static String pathAndQuery(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public static Map<String, String> query(String pathAndQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
