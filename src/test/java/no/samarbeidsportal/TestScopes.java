package no.samarbeidsportal;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Scopes for the tests, made over the admin API as organisation A; names are unique, as the database is shared. */
public final class TestScopes {

    public static final String READ = "idporten:scopes.read";
    public static final String WRITE = "idporten:scopes.write";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestScopes() {
    }

    /** {@code base} with a suffix no other test uses. */
    public static String unique(String base) {
        return base + "." + System.nanoTime() % 1_000_000_000L + SEQUENCE.incrementAndGet();
    }

    /** A JSON request with a token of {@code orgno} holding {@code scopes}. */
    public static RequestSpecification as(String orgno, String scopes) {
        return given().auth().oauth2(Tokens.of(orgno, scopes)).contentType(ContentType.JSON);
    }

    /** Creates {@code alfa:<subscope>} as organisation A, with the attributes in {@code extra}; returns its name. */
    public static String createInA(String subscope, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("prefix", "alfa", "subscope", subscope,
                "description", "Test scope " + subscope));
        body.putAll(extra);
        as(TestData.ORG_A, WRITE).body(body).post("/api/v1/scopes").then().statusCode(201);
        return "alfa:" + subscope;
    }

    /** A new scope of organisation A with a unique name. */
    public static String ofA() {
        return createInA(unique("test"), Map.of());
    }
}
