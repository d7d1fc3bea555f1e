package no.samarbeidsportal;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like page session for RestAssured: it keeps the CSRF cookie and the form token a page handed out. */
public final class PageSession {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern SUBMISSION = Pattern.compile("name=\"submission\" value=\"([^\"]+)\"");

    private String cookie;
    private String token;
    private String submission;

    /** GETs a page, as a browser would before filling in its form. */
    public Response open(String path) {
        Response page = given().redirects().follow(false).get(path);
        String set = page.getCookie("csrf-token");
        if (set != null) {
            cookie = set;
        }
        Matcher m = FORM_TOKEN.matcher(page.asString());
        if (m.find()) {
            token = m.group(1);
        }
        Matcher key = SUBMISSION.matcher(page.asString());
        submission = key.find() ? key.group(1) : null;
        return page;
    }

    /** The CSRF cookie's value, for requests built by hand (multipart uploads). */
    public String cookie() {
        return cookie;
    }

    /** The form's CSRF token. */
    public String token() {
        return token;
    }

    /** The create form's submission key the page handed out (system/Submissions), or null. */
    public String submission() {
        return submission;
    }

    /** A form post carrying the CSRF cookie and token. */
    public RequestSpecification form() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("csrf-token", cookie).formParam("csrf-token", token);
    }

    /** An htmx post: the token travels in the header set by the layout's hx-headers. */
    public RequestSpecification htmx() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("csrf-token", cookie).header("X-CSRF-TOKEN", token).header("HX-Request", "true");
    }
}
