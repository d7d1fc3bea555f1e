package no.samarbeidsportal.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import no.samarbeidsportal.system.FieldError;
import no.samarbeidsportal.system.InvalidInput;

/**
 * Reads a set-up document as the API's JSON (snake_case, unknown members ignored), element by element, so that every
 * wrong type is named by its place ({@code scopes[2].at_max_age}) and all of them are reported at once. {@code scopes}
 * and {@code clients} are required (an empty list means "none"), so a typo cannot deactivate everything.
 */
@ApplicationScoped
class SetupReader {

    static final String OBJECT = "Setup";

    private final ObjectMapper json;

    SetupReader(ObjectMapper json) {
        this.json = json;
    }

    SetupDocument read(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (java.io.IOException e) {
            throw InvalidInput.of(OBJECT, "", "error.json.malformed");
        }
        if (root == null || !root.isObject()) {
            throw InvalidInput.of(OBJECT, "", "setup.document.object");
        }
        List<FieldError> errors = new ArrayList<>();
        String orgno = text(root, "orgno", errors);
        List<String> prefixes = list(root, "prefixes", String.class, false, errors);
        // required: a missing or misspelt member would otherwise read as "none" and deactivate everything
        List<SetupScope> scopes = list(root, "scopes", SetupScope.class, true, errors);
        List<SetupClient> clients = list(root, "clients", SetupClient.class, true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(OBJECT, errors);
        }
        return new SetupDocument(orgno, prefixes, scopes, clients);
    }

    byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a set-up document is plain JSON", e);
        }
    }

    String text(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    private static String text(JsonNode root, String field, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode() || node.isBoolean()) {
            errors.add(new FieldError(field, "error.json.type"));
            return null;
        }
        return node.asText();
    }

    private <T> List<T> list(JsonNode root, String field, Class<T> type, boolean required, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "setup.document.required", field));
            }
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "setup.document.array"));
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String place = field + "[" + i + "]";
            JsonNode element = node.get(i);
            if (type != String.class && !element.isObject()) {
                errors.add(new FieldError(place, "setup.document.object"));
                continue;
            }
            if (type == String.class && !(element.isTextual() || element.isNumber())) {
                errors.add(new FieldError(place, "error.json.type"));
                continue;
            }
            try {
                out.add(json.treeToValue(element, type));
            } catch (JsonMappingException e) {
                errors.add(new FieldError(place + path(e), "error.json.type"));
            } catch (JsonProcessingException e) {
                errors.add(new FieldError(place, "error.json.type"));
            }
        }
        return out;
    }

    /** Where in the element binding failed, as the error body names fields: {@code .jwks[1]}, {@code .at_max_age}. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            out.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return out.toString();
    }
}
