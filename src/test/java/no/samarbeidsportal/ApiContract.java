package no.samarbeidsportal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Holds every test's admin API traffic to the served {@code /q/openapi}, so the document cannot drift from what the API
 * does. The answer is always checked: an undocumented path, status or member fails the test. The request is checked
 * when it succeeded; tests send bad input on purpose, and the API ignores unknown members (admin-api.md 1.4). A
 * refusal of a path or method the document does not have is the API keeping to it, and only its error body is checked.
 */
public final class ApiContract implements Filter {

    /** The one filter of the test run; {@link ApiContractCallback} puts it in RestAssured's defaults. */
    public static final ApiContract INSTANCE = new ApiContract();

    private static final String[] BASES = {"/external/api/v1", "/api/v1"};
    private static final Set<String> UNKNOWN_OPERATION = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    private volatile Checker checker;
    private volatile boolean identityWithoutToken;

    private ApiContract() {
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getPort() != RestAssured.port) {
            // not the app under test: a test's own stand-in for another server
            return response;
        }
        Checker checker = checkerOf(uri);
        String path = checker.operationPath(uri.getRawPath());
        if (path != null) {
            ValidationReport report = checker.check(new AtPath(RestAssuredRequest.of(request), path, uri,
                    bearer(request)), RestAssuredResponse.of(response));
            if (identityWithoutToken) {
                report = ValidationReport.from(report.getMessages().stream()
                        .filter(m -> !m.getKey().equals("validation.request.security.missing")).toList());
            }
            if (report.hasErrors()) {
                throw new AssertionError("The admin API's answer or request differs from /q/openapi: "
                        + request.getMethod() + " " + uri.getRawPath() + " -> " + response.statusCode() + "\n"
                        + SimpleValidationReportFormat.getInstance().apply(report));
            }
        }
        return response;
    }

    /** Whether the running test is logged in by the test framework, so its requests carry no token. */
    void identityWithoutToken(boolean testIdentity) {
        this.identityWithoutToken = testIdentity;
    }

    /** RestAssured adds the token of {@code auth().oauth2(…)} after the filters have run. */
    private static String bearer(FilterableRequestSpecification request) {
        return request.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth
                ? "Bearer " + oauth.getAccessToken() : null;
    }

    /** The checks of a document, made once per test run from the app that first answers. */
    public static Checker checker(URI app) {
        return INSTANCE.checkerOf(app);
    }

    private Checker checkerOf(URI app) {
        Checker c = checker;
        if (c == null) {
            synchronized (this) {
                if (checker == null) {
                    checker = Checker.of(served(app));
                }
                c = checker;
            }
        }
        return c;
    }

    /** The document as the running app serves it. */
    public static String served(URI app) {
        try {
            // HTTP/1.1 as the other tests' clients: the JDK's default h2c upgrade can break on a large first answer
            // ("Frame ... exceeds MAX_FRAME_SIZE"), and the document is over 2 MB now
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    app.resolve("/q/openapi?format=json")).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The checks of one document: answers against it as it is, with every object closed to undocumented members;
     * requests against a copy that reads it as admin-api.md 1.4 asks: unknown and read-only members are ignored, a
     * null is an absent value, and any Accept gets JSON.
     */
    public static final class Checker {

        private final OpenApiInteractionValidator answers;
        private final OpenApiInteractionValidator requests;
        private final SchemaValidator schemas;
        private final MessageResolver messages;
        private final Schema<?> errorBody;
        private final Set<String> roots;
        private final String base;

        private Checker(OpenAPI strict, OpenAPI lenient) {
            // the validator closes only the top object of a body by itself, not the items of an array
            strict.getComponents().getSchemas().values().forEach(schema -> {
                if (schema.getProperties() != null && schema.getAdditionalProperties() == null) {
                    schema.setAdditionalProperties(false);
                }
            });
            lenient.getComponents().getSchemas().values().forEach(Checker::lenient);
            LevelResolver strictLevels = LevelResolver.create()
                    .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.ERROR)
                    .build();
            LevelResolver lenientLevels = LevelResolver.create()
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request.accept", ValidationReport.Level.IGNORE)
                    .build();
            this.base = strict.getServers().get(0).getUrl();
            this.answers = OpenApiInteractionValidator.createFor(strict).withBasePathOverride(base)
                    .withLevelResolver(strictLevels).build();
            this.requests = OpenApiInteractionValidator.createFor(lenient).withBasePathOverride(base)
                    .withLevelResolver(lenientLevels).build();
            this.messages = new MessageResolver(strictLevels);
            this.schemas = new SchemaValidator(strict, messages);
            this.errorBody = strict.getComponents().getSchemas().get("ApiError");
            this.roots = strict.getPaths().keySet().stream().map(p -> p.split("/")[1]).collect(Collectors.toSet());
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static void lenient(Schema<?> schema) {
            Map<String, Schema> properties = (Map) schema.getProperties();
            if (properties != null) {
                properties.values().removeIf(p -> Boolean.TRUE.equals(p.getReadOnly()));
                properties.values().forEach(p -> p.setNullable(true));
            }
        }

        public static Checker of(String document) {
            return new Checker(parse(document), parse(document));
        }

        private static OpenAPI parse(String document) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            OpenAPI api = new OpenAPIV3Parser().readContents(document, null, options).getOpenAPI();
            if (api == null) {
                throw new IllegalStateException("/q/openapi is no OpenAPI document");
            }
            // the validator reads a request body in place, not through a $ref to components/requestBodies
            api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                if (op.getRequestBody() != null && op.getRequestBody().get$ref() != null) {
                    String ref = op.getRequestBody().get$ref();
                    op.setRequestBody(api.getComponents().getRequestBodies().get(ref.substring(ref.lastIndexOf('/') + 1)));
                }
            }));
            return api;
        }

        /**
         * The path under the document's first server of a request to the admin API under any of its base paths
         * (admin-api.md 1.2), without a trailing slash; null for anything else.
         */
        String operationPath(String rawPath) {
            String path = rawPath;
            boolean underBase = false;
            for (String b : BASES) {
                if (path.startsWith(b + "/")) {
                    path = path.substring(b.length());
                    underBase = true;
                    break;
                }
            }
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String[] parts = path.split("/");
            return parts.length > 1 && (underBase || roots.contains(parts[1])) ? base + path : null;
        }

        /** What differs between the document and this exchange. */
        public ValidationReport check(Request request, com.atlassian.oai.validator.model.Response response) {
            ValidationReport report = answers.validateResponse(request.getPath(), request.getMethod(), response);
            boolean unknown = report.getMessages().stream().anyMatch(m -> UNKNOWN_OPERATION.contains(m.getKey()));
            if (unknown && response.getStatus() >= 400) {
                return response.getResponseBody().map(body -> errorBody(body)).orElse(ValidationReport.empty());
            }
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                report = report.merge(requests.validateRequest(request));
            }
            return report;
        }

        private ValidationReport errorBody(Body body) {
            try {
                return schemas.validate(body::toJsonNode, errorBody, "response.body");
            } catch (RuntimeException e) {
                return ValidationReport.singleton(messages.create("validation.response.body.error",
                        "not Digdir's error body: " + e.getMessage()));
            }
        }
    }

    /** A request as RestAssured sent it, at its path under the document's server, with the query of its URI. */
    private record AtPath(Request sent, String path, URI uri, String bearer) implements Request {

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public Method getMethod() {
            return sent.getMethod();
        }

        @Override
        public Optional<String> getBody() {
            return sent.getBody();
        }

        @Override
        public Optional<Body> getRequestBody() {
            return sent.getRequestBody();
        }

        @Override
        public Collection<String> getQueryParameters() {
            return query().keySet();
        }

        @Override
        public Collection<String> getQueryParameterValues(String name) {
            return query().getOrDefault(name, List.of());
        }

        @Override
        public Map<String, Collection<String>> getHeaders() {
            Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(sent.getHeaders());
            if (bearer != null) {
                headers.putIfAbsent("Authorization", List.of(bearer));
            }
            return headers;
        }

        @Override
        public Collection<String> getHeaderValues(String name) {
            Collection<String> values = getHeaders().get(name);
            return values == null ? List.of() : values;
        }

        private Map<String, Collection<String>> query() {
            Map<String, Collection<String>> query = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            return query;
        }
    }
}
