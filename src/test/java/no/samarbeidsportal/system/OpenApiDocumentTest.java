package no.samarbeidsportal.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import no.samarbeidsportal.ApiContract;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/openapi} is the admin API's wire format (README "The admin API's OpenAPI document"), and
 * {@link ApiContract} fails a test whose traffic differs from it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** What the test client is generated from (pom.xml, openapi-generator-maven-plugin). */
    static final Path SNAPSHOT = Path.of("src/test/resources/openapi/admin-api.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> ADMIN_SCOPES = Set.of("idporten:dcr.read", "idporten:dcr.modify",
            "idporten:dcr.write", "idporten:dcr.supplier", "idporten:scopes.read", "idporten:scopes.write");
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z0-9_]+(#[a-zA-Z0-9]+)?");

    @TestHTTPResource("/")
    URI app;

    @Test
    void theGeneratedClientsDocumentIsTheServedOne() throws IOException {
        JsonNode served = JSON.readTree(ApiContract.served(app));
        Path current = Path.of("target/openapi/admin-api.json");
        Files.createDirectories(current.getParent());
        JSON.writeValue(current.toFile(), served);
        assertTrue(Files.exists(SNAPSHOT) && JSON.readTree(SNAPSHOT.toFile()).equals(served),
                "The admin API's document changed. Review the change and take it: cp " + current + " " + SNAPSHOT);
    }

    @Test
    void describesTheAdminApiOnlyUnderItsThreeBasePaths() throws IOException {
        JsonNode doc = JSON.readTree(ApiContract.served(app));
        List<String> servers = new ArrayList<>();
        doc.get("servers").forEach(s -> servers.add(s.get("url").asText()));
        assertEquals(List.of("/api/v1", "/", "/external/api/v1"), servers);
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertTrue(paths.contains("/clients") && paths.contains("/scopes/access/{consumer_orgno}"), paths::toString);
        assertTrue(paths.stream().noneMatch(p -> p.startsWith("/portal") || p.startsWith("/dev-login")
                || p.startsWith("/errors") || p.startsWith("/token") || p.startsWith("/.well-known")
                || p.startsWith("/api/") || p.startsWith("/test")), paths::toString);
        List<String> schemas = new ArrayList<>();
        doc.get("components").get("schemas").fieldNames().forEachRemaining(schemas::add);
        assertFalse(schemas.contains("Template") || schemas.contains("EngineImpl"), schemas::toString);
    }

    @Test
    void namesMembersAsTheApiWritesThem() throws IOException {
        JsonNode schemas = JSON.readTree(ApiContract.served(app)).get("components").get("schemas");
        List<String> camel = new ArrayList<>();
        schemas.fields().forEachRemaining(schema -> {
            JsonNode properties = schema.getValue().get("properties");
            // admin-api.md 6.7: Digdir's errors[] items are camelCase
            if (properties != null && !schema.getKey().equals("ApiErrorItem")) {
                properties.fieldNames().forEachRemaining(name -> {
                    if (!SNAKE_CASE.matcher(name).matches()) {
                        camel.add(schema.getKey() + "." + name);
                    }
                });
            }
        });
        assertEquals(List.of(), camel);
        assertTrue(schemas.get("ScopeJson").get("properties").has("accessible_for_all"));
        assertTrue(schemas.get("ClientJson").get("properties").has("client_name"));
    }

    @Test
    void createsAnswer201() throws IOException {
        JsonNode paths = JSON.readTree(ApiContract.served(app)).get("paths");
        for (String path : List.of("/clients", "/scopes", "/clients/{client_id}/jwks")) {
            JsonNode responses = paths.get(path).get("post").get("responses");
            assertTrue(responses.has("201") && !responses.has("200"), path + ": " + responses.fieldNames());
        }
        assertTrue(paths.get("/clients/{client_id}/jwks").get("post").get("requestBody").has("$ref"));
    }

    @Test
    void theContractRefusesAnUndocumentedMemberStatusOrPath() {
        ApiContract.Checker contract = ApiContract.checker(app);
        String prefix = "{\"prefix\": \"alfa\", \"owner_orgno\": \"310000019\", \"active\": true";
        assertEquals(List.of(), keys(contract.check(asAdmin("GET", "/api/v1/prefix"), json(200, "[" + prefix + "}]"))));
        assertEquals(List.of("validation.response.body.schema.additionalProperties"), keys(contract.check(
                asAdmin("GET", "/api/v1/prefix"), json(200, "[" + prefix + ", \"surprise\": 1}]"))));
        assertEquals(List.of("validation.response.status.unknown"), keys(contract.check(
                asAdmin("POST", "/api/v1/scopes"), json(200, "{\"prefix\": \"alfa\"}"))));
        assertEquals(List.of("validation.request.path.missing"), keys(contract.check(
                asAdmin("GET", "/api/v1/nowhere"), json(200, "[]"))));
        assertEquals(List.of("validation.response.body.schema.required"), keys(contract.check(
                asAdmin("GET", "/api/v1/nowhere"), json(404, "{\"status\": 404}"))));
    }

    @Test
    void failsTheTestWhoseTrafficDiffersFromTheDocument() {
        Filter addsAMember = (request, response, ctx) -> {
            var real = ctx.next(request, response);
            return new ResponseBuilder().clone(real).setBody(real.asString().replaceFirst("\\{", "{\"surprise\":1,"))
                    .build();
        };
        AssertionError failure = assertThrows(AssertionError.class,
                () -> given().filter(addsAMember).get("/api/v1/delegationsources"));
        assertTrue(failure.getMessage().contains("surprise"), failure.getMessage());
        given().get("/api/v1/delegationsources").then().statusCode(200);
    }

    /**
     * The token scopes the document lists for an operation are the ones the API accepts (admin-api.md 2.3): a token
     * of the operation's organisation holding every admin scope but those is refused with 403. Every secured
     * operation in the document is called, so a new one is checked the day it is written.
     */
    @Test
    void anOperationRefusesATokenWithNoneOfTheScopesItLists() throws IOException {
        TestData.ensure();
        String scope = TestScopes.ofA();
        String clientId = TestScopes.as(TestData.ORG_A, "idporten:dcr.write").body(ClientApiTest.maskinporten(scope))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
        Map<String, String> pathValues = Map.of("client_id", clientId, "kid", "x", "consumer_orgno", TestData.ORG_B,
                "orgno", TestData.SUPPLIER, "id", "1", "delivery_id", "1");
        JsonNode paths = JSON.readTree(ApiContract.served(app)).get("paths");
        List<String> checked = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode security = operation.getValue().get("security");
            if (security == null) {
                return;
            }
            Set<String> others = new TreeSet<>(ADMIN_SCOPES);
            security.forEach(requirement -> requirement.get("bearer").forEach(s -> others.remove(s.asText())));
            String url = "/api/v1" + path.getKey().replaceAll("\\{([a-z_]+)}", "%s");
            List<String> values = new ArrayList<>();
            java.util.regex.Matcher names = Pattern.compile("\\{([a-z_]+)}").matcher(path.getKey());
            while (names.find()) {
                values.add(pathValues.get(names.group(1)));
            }
            String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
            int status = TestScopes.as(TestData.ORG_A, others.isEmpty() ? "openid" : String.join(" ", others))
                    .queryParam("scope", scope).body("{}").request(method, String.format(url, values.toArray()))
                    .statusCode();
            checked.add(method + " " + path.getKey());
            if (status != 403) {
                accepted.add(method + " " + path.getKey() + " with " + others + ": " + status);
            }
        }));
        assertTrue(checked.size() > 25, checked::toString);
        assertEquals(List.of(), accepted);
    }

    private static SimpleRequest asAdmin(String method, String path) {
        return new SimpleRequest.Builder(method, path).withAuthorization("Bearer x").withContentType("application/json")
                .withBody("{}").build();
    }

    private static List<String> keys(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey).distinct().toList();
    }

    private static SimpleResponse json(int status, String body) {
        return SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build();
    }
}
