package no.samarbeidsportal.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Renders failures of the admin API as Digdir's error body (admin-api.md 6.7), camelCase inside errors[]. */
@ApplicationScoped
public class ApiErrors {

    /** admin-api.md 6.7. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(int status, Instant timestamp, @JsonProperty("correlation_id") String correlationId,
            String error, @JsonProperty("error_description") String errorDescription, List<Item> errors) {
    }

    public record Item(@JsonProperty("errorMessage") String errorMessage,
            @JsonProperty("isFieldError") boolean isFieldError, @JsonProperty("objectName") String objectName,
            @JsonProperty("fieldIdentifier") String fieldIdentifier) {
    }

    /** Why a bearer token was refused: a message key kept on the request for the 401 body. */
    public static final String TOKEN_FAILURE = "portal.token.failure";

    private final Messages messages;
    private final Clock clock;

    ApiErrors(Messages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public Response render(int status, String error, String description, List<Item> items, String correlationId) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new Body(status, clock.instant(), correlationId, error, description, items));
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        return response.build();
    }

    public Response render(PortalException e, Locale locale, String correlationId) {
        if (e instanceof InvalidInput invalid) {
            List<Item> items = invalid.errors().stream()
                    .map(f -> new Item(messages.get(locale, f.messageKey(), f.args()), true, invalid.objectName(),
                            f.field()))
                    .toList();
            String description = String.join(", ", items.stream().map(Item::errorMessage).toList());
            return render(400, invalid.errors().stream().anyMatch(f -> f.field().isEmpty())
                    ? "invalid_request" : errorCode(invalid), description, items, correlationId);
        }
        String message = messages.get(locale, e.messageKey(), localisedArgs(locale, e.args()));
        return render(e.status(), errorCode(e), message, null, correlationId);
    }

    /** Arguments that are message keys themselves (a permission's name) are translated too. */
    Object[] localisedArgs(Locale locale, Object[] args) {
        if (args == null) {
            return new Object[0];
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof String s && s.indexOf('.') > 0 && !s.contains(" ")) {
                out[i] = messages.get(locale, s);
            }
        }
        return out;
    }

    private static String errorCode(PortalException e) {
        return switch (e.status()) {
            // a client and its key set are RFC 7591 client metadata
            case 400 -> e instanceof InvalidInput i && ("Client".equals(i.objectName()) || "JWKS".equals(i.objectName()))
                    ? "invalid_client_metadata" : "invalid_request";
            case 401 -> "invalid_token";
            case 403 -> "access_denied";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 412 -> "precondition_failed";
            case 428 -> "precondition_required";
            case 503 -> "temporarily_unavailable";
            default -> "server_error";
        };
    }
}
