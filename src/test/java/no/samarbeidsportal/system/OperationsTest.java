package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void livenessAnswers() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
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
