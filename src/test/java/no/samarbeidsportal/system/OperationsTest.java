package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

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
        // paths are relative to the servers, the three base paths of admin-api.md 1.2
        given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).body("servers.url", org.hamcrest.Matchers.contains("/api/v1", "/",
                        "/external/api/v1"))
                .body("paths", org.hamcrest.Matchers.allOf(hasKey("/prefix"), hasKey("/scopes/all"),
                        hasKey("/scopes/access/{consumer_orgno}"), hasKey("/scopes/access/all"),
                        hasKey("/delegationsources"), hasKey("/audit"), hasKey("/clients/{client_id}"),
                        hasKey("/clients/{client_id}/secret"), hasKey("/clients/{client_id}/jwks"),
                        hasKey("/clients/{client_id}/jwks/{kid}"), hasKey("/keys/expiring")));
    }

    @Test
    void htmxIsServedFromTheWebjarNotACdn() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
    }
}
