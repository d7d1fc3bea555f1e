package no.samarbeidsportal.system;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes {@code /q/openapi} the admin API's wire format and nothing else: the pages, the demo login and the token
 * service are left out, the operations' paths are relative to the three base paths of admin-api.md 1.2 (the servers in
 * {@code META-INF/openapi.yaml}), and every error answer carries Digdir's error body (admin-api.md 6.7). What an
 * operation takes, answers and needs is said on the operation; the answers every operation can give are added here.
 */
@OpenApiFilter
public class ApiDocument implements OASFilter {

    static final String ERROR_SCHEMA = "ApiError";
    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        Map<String, PathItem> api = new TreeMap<>();
        document.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(Paths.API + "/")) {
                api.put(path.substring(Paths.API.length()), item);
            }
        });
        document.setPaths(OASFactory.createPaths());
        api.forEach(document.getPaths()::addPathItem);
        api.forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getOperationId() == null) {
                operation.setOperationId(operationId(path, method));
            }
            errorAnswers(operation);
        }));
        onlyUsedSchemas(document);
    }

    /** The schemas the API's operations use: the pages' (Qute's template types among them) go with their paths. */
    private static void onlyUsedSchemas(OpenAPI document) {
        Map<String, Schema> all = document.getComponents().getSchemas();
        Set<String> used = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>();
        document.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getParameters() != null) {
                op.getParameters().forEach(p -> add(todo, p.getSchema()));
            }
            if (op.getRequestBody() != null) {
                contents(todo, op.getRequestBody().getContent());
            }
            op.getResponses().getAPIResponses().values().forEach(r -> {
                contents(todo, r.getContent());
                if (r.getHeaders() != null) {
                    r.getHeaders().values().forEach(h -> add(todo, h.getSchema()));
                }
            });
        }));
        if (document.getComponents().getRequestBodies() != null) {
            document.getComponents().getRequestBodies().values().forEach(b -> contents(todo, b.getContent()));
        }
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(SCHEMAS) && used.add(ref.substring(SCHEMAS.length()))) {
                add(todo, all.get(ref.substring(SCHEMAS.length())));
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> add(todo, p));
            }
            add(todo, schema.getItems());
            add(todo, schema.getAdditionalPropertiesSchema());
            add(todo, schema.getNot());
            for (List<Schema> group : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (group != null) {
                    group.forEach(s -> add(todo, s));
                }
            }
        }
        Map<String, Schema> kept = new TreeMap<>(all);
        kept.keySet().retainAll(used);
        document.getComponents().setSchemas(kept);
    }

    private static void contents(Deque<Schema> todo, Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> add(todo, m.getSchema()));
        }
    }

    private static void add(Deque<Schema> todo, Schema schema) {
        if (schema != null) {
            todo.push(schema);
        }
    }

    /**
     * An id made of the wire, not of Java names, so that a generated client keeps its methods through refactorings:
     * {@code POST /clients/{client_id}/jwks} is {@code clientsClientIdJwksPost}.
     */
    static String operationId(String path, PathItem.HttpMethod method) {
        StringBuilder id = new StringBuilder();
        for (String word : (path + "/" + method.name().toLowerCase(Locale.ROOT)).split("[/{}_.-]+")) {
            if (!word.isEmpty()) {
                id.append(id.isEmpty() ? word.toLowerCase(Locale.ROOT)
                        : Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return id.toString();
    }

    private static void errorAnswers(Operation operation) {
        APIResponses responses = operation.getResponses();
        add(responses, "400", "Invalid input: a malformed body, query or path. errors[] names each field and rule.");
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            add(responses, "401", "No token, or one that is malformed, expired or from an untrusted issuer.")
                    .addHeader("WWW-Authenticate", OASFactory.createHeader()
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            add(responses, "403", "The token holds none of the scopes listed for this operation, or the caller may "
                    + "not do this to the object.");
        }
        // admin-api.md 6.7: clients retry with back-off; only a transient failure (the database) gives 503
        add(responses, "503", "Temporarily unavailable; try again after Retry-After seconds.");
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.compareTo("400") >= 0 && response.getContent() == null) {
                response.content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
            }
        });
    }

    private static APIResponse add(APIResponses responses, String status, String description) {
        APIResponse present = responses.getAPIResponse(status);
        if (present != null) {
            return present;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description);
        responses.addAPIResponse(status, response);
        return response;
    }
}
