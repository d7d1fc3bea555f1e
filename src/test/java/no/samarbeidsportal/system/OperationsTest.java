package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    /** The management interface's /q: its own port (PORTAL_MANAGEMENT_PORT), never the public one. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void readinessIncludesTheDatabase() {
        given().get(management("/q/health/ready"))
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void livenessAnswers() {
        given().get(management("/q/health/live")).then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreOnTheManagementInterfaceOnly() {
        given().get(management("/q/metrics")).then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void theApiDocumentationStaysOnThePublicPort() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private String management(String path) {
        URL root = management;
        return root.getProtocol() + "://" + root.getAuthority() + path;
    }

    @Test
    void healthIsNotOnThePublicPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
    }

    @Test
    void theOpenApiDescriptionCoversTheAdminApi() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).body(org.hamcrest.Matchers.allOf(containsString("/api/v1/prefix"),
                        containsString("/api/v1/scopes/all"), containsString("/api/v1/scopes/access/{consumer_orgno}"),
                        containsString("/api/v1/scopes/access/all"), containsString("/api/v1/delegationsources"),
                        containsString("/api/v1/audit"), containsString("/api/v1/clients/{client_id}"),
                        containsString("/api/v1/clients/{client_id}/secret"),
                        containsString("/api/v1/clients/{client_id}/jwks"),
                        containsString("/api/v1/clients/{client_id}/jwks/{kid}"),
                        containsString("/api/v1/keys/expiring")));
    }

    @Test
    void htmxIsServedFromTheWebjarNotACdn() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
    }
}
