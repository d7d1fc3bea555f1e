package no.samarbeidsportal.access;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Page numbers and import bodies as careless clients send them (finding 5): a page or a message, never a 500. */
@QuarkusTest
class OddAccessInputTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "anna")
    void aHugePageNumberIsAnEmptyPageNotAnOverflow() {
        String scope = TestScopes.ofA();
        as(TestData.ORG_A, TestScopes.WRITE).put("/api/v1/scopes/access/" + TestData.ORG_B + "?scope=" + scope)
                .then().statusCode(200);
        given().get("/portal/scopes/access?scope=" + scope + "&page=1000000000").then().statusCode(200)
                .body(containsString(scope));
        for (String page : new String[] {"1000000000", "2147483647", "-2147483648", "42949673"}) {
            given().get("/portal/catalogue?page=" + page).then().statusCode(200);
            given().get("/portal/audit?page=" + page).then().statusCode(200);
            given().get("/portal/scopes/access?scope=" + scope + "&page=" + page).then().statusCode(200);
            as(TestData.ORG_A, TestScopes.READ + " idporten:dcr.read").get("/api/v1/audit?page=" + page + "&size=500")
                    .then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "platform")
    void aHugePageNumberOfTheOrganisationList() {
        for (String page : new String[] {"1000000000", "2147483647", "-2147483648"}) {
            given().get("/portal/orgs?page=" + page).then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "anna")
    void anEmptyImportIsAFieldMessage() {
        String scope = TestScopes.ofA();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope).then().statusCode(200);
        // nothing but the CSRF token: no consumers, no file
        session.form().queryParam("scope", scope).post("/portal/scopes/access/import").then().statusCode(422)
                .body(containsString("consumers"));
        session.form().queryParam("scope", scope).post("/portal/scopes/access/import/confirm").then()
                .statusCode(422).body(containsString("consumers"));
        session.htmx().queryParam("scope", scope).post("/portal/scopes/access/import/confirm").then()
                .statusCode(422);
        // a multipart body with an empty file and no text
        given().redirects().follow(false).cookie("csrf-token", session.cookie()).queryParam("scope", scope)
                .multiPart("csrf-token", session.token()).multiPart("file", "tom.csv", new byte[0], "text/csv")
                .post("/portal/scopes/access/import").then().statusCode(422);
        // no scope at all
        session.form().post("/portal/scopes/access/import/confirm").then()
                .statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)));
    }
}
