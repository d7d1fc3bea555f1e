package no.samarbeidsportal.setup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "sigrid" is the API and integration administrator of an organisation of her own, made for these tests. */
@QuarkusTest
class SetupPagesTest {

    private static final Pattern ETAG = Pattern.compile("name=\"etag\" value=\"([^\"]+)\"");
    private static String org;

    @BeforeEach
    void data() {
        TestData.ensure();
        if (org == null) {
            org = SetupApiTest.organisation();
            QuarkusTransaction.requiringNew().run(() -> {
                EntityManager em = Arc.container().instance(EntityManager.class).get();
                em.createNativeQuery("insert into person (subject, name, platform_admin) values ('sigrid', "
                        + "'Sigrid Oppsett', false) on conflict do nothing").executeUpdate();
                em.createNativeQuery("delete from membership where person_id = (select id from person where "
                        + "subject = 'sigrid')").executeUpdate();
                em.createNativeQuery("insert into membership (person_id, orgno, role, granted_by) select p.id, ?1, "
                        + "r.role, 'test' from person p, (values ('API_ADMIN'), ('INTEGRATION_ADMIN')) as r (role) "
                        + "where p.subject = 'sigrid'").setParameter(1, org).executeUpdate();
            });
            SetupApiTest.scope(org, "first");
        }
    }

    @SuppressWarnings("unchecked")
    private static String withNewScope(String subscope) {
        Map<String, Object> doc = SetupApiTest.document(SetupApiTest.as(org, SetupApiTest.ALL).get("/api/v1/setup"));
        List<Map<String, Object>> scopes = new ArrayList<>((List<Map<String, Object>>) doc.get("scopes"));
        scopes.add(Map.of("prefix", "p" + org, "subscope", subscope, "description", "Fra siden"));
        doc.put("scopes", scopes);
        return SetupApiTest.text(doc);
    }

    @Test
    @TestSecurity(user = "sigrid")
    void thePageDownloadsTheDocumentWithItsEtag() {
        given().get("/portal/setup").then().statusCode(200).body(allOf(containsString("<h1>Oppsett som kode</h1>"),
                containsString("href=\"/portal/setup/setup.json\""), containsString("aria-current=\"page\"")));
        Response download = given().get("/portal/setup/setup.json");
        download.then().statusCode(200).header("Content-Disposition", containsString("setup-" + org + ".json"))
                .body(containsString("\"p" + org + ":first\""));
        assertEquals(SetupApiTest.as(org, SetupApiTest.ALL).get("/api/v1/setup").header("ETag"),
                download.header("ETag"));
    }

    @Test
    @TestSecurity(user = "sigrid")
    void anUploadShowsThePlanAndApplyingMakesTheChange() {
        String name = "p" + org + ":frompage";
        PageSession session = new PageSession();
        session.open("/portal/setup");
        String plan = session.htmx().formParam("document", withNewScope("frompage")).post("/portal/setup/plan")
                .then().statusCode(200).body(allOf(startsWith("<div id=\"setup-result\""),
                        containsString("<code>" + name + "</code>"), containsString("Opprettes"),
                        containsString("Bruk endringene"), containsString("1 endring"))).extract().asString();
        Matcher etag = ETAG.matcher(plan);
        etag.find();
        Response applied = session.form().formParam("document", withNewScope("frompage")).formParam("etag",
                etag.group(1).replace("&quot;", "\"")).post("/portal/setup/apply");
        applied.then().statusCode(303);
        SetupApiTest.as(org, SetupApiTest.ALL).queryParam("scope", name).get("/api/v1/scopes").then()
                .statusCode(200);
        given().cookie("portal-flash", applied.getCookie("portal-flash")).get("/portal/setup").then()
                .body(containsString("1 endring er gjort."));
    }

    @Test
    @TestSecurity(user = "sigrid")
    void aChangeSinceThePlanShowsTheNewPlanWith412() {
        PageSession session = new PageSession();
        session.open("/portal/setup");
        String document = withNewScope("late");
        String plan = session.htmx().formParam("document", document).post("/portal/setup/plan").then()
                .statusCode(200).extract().asString();
        Matcher etag = ETAG.matcher(plan);
        etag.find();
        SetupApiTest.scope(org, "meanwhile");
        session.htmx().formParam("document", document).formParam("etag", etag.group(1).replace("&quot;", "\""))
                .post("/portal/setup/apply").then().statusCode(412)
                .body(allOf(containsString("endret av noen andre"), containsString("p" + org + ":meanwhile"),
                        containsString("Deaktiveres")));
        SetupApiTest.as(org, SetupApiTest.ALL).queryParam("scope", "p" + org + ":late").get("/api/v1/scopes")
                .then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "sigrid")
    void badInputIsShownByPlaceWith422() {
        PageSession session = new PageSession();
        session.open("/portal/setup");
        session.htmx().formParam("document", "{\"scopes\": [{\"prefix\": \"beta\", \"subscope\": \"x\", "
                + "\"description\": \"y\"}], \"clients\": []}").post("/portal/setup/plan").then().statusCode(422)
                .body(allOf(containsString("<code>scopes[0].prefix</code>"), containsString("Ingenting er endret"),
                        not(containsString("Bruk endringene"))));
    }

    @Test
    @TestSecurity(user = "sigrid")
    void applyingABadDocumentWithoutEtagShowsItsErrorsWith422() {
        PageSession session = new PageSession();
        session.open("/portal/setup");
        session.htmx().formParam("document", "{\"scopes\": [{\"prefix\": \"beta\", \"subscope\": \"x\", "
                + "\"description\": \"y\"}], \"clients\": []}").post("/portal/setup/apply").then().statusCode(422)
                .body(allOf(startsWith("<div id=\"setup-result\""), containsString("<code>scopes[0].prefix</code>"),
                        containsString("Ingenting er endret"), not(containsString("Bruk endringene"))));
        session.htmx().formParam("document", "{not json").formParam("etag", "").post("/portal/setup/apply").then()
                .statusCode(422).body(containsString("Ingenting er endret"));
    }
}
