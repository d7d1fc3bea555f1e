package no.samarbeidsportal.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook endpoint in the API (issue 17). {@code secret} is in the answers of create and rotate-secret only: the
 * portal shows it once and never again.
 */
public record WebhookJson(@JsonProperty(access = JsonProperty.Access.READ_ONLY) Long id,
        @Schema(description = "http(s) URL the events are posted to, at most 2000 characters") String url,
        String description,
        @Schema(description = "Event type codes, see GET /webhooks/event-types") List<String> eventTypes,
        @Schema(description = "Whether events are sent to it; default true") Boolean active,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) @Schema(description = "Why the portal turned it off "
                + "after failures; cleared when it is turned on again") String disabledReason,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Integer failuresInARow,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) @Schema(description = "After a rotation, until when the "
                + "previous secret signs too") Instant previousSecretUntil,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Instant created,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) @Schema(description = "whsec_ + base64 of the signing "
                + "key: in the answer of create and rotate-secret only, never again") String secret) {

    static WebhookJson of(WebhookEndpoint e) {
        return of(e, null);
    }

    static WebhookJson of(WebhookEndpoint e, String secret) {
        return new WebhookJson(e.id, e.url, e.description, List.copyOf(e.eventTypes), e.active, e.disabledReason,
                e.failuresInARow, e.previousSecretUntil, e.created, secret);
    }

    static WebhookJson of(WebhookService.WithSecret created) {
        return of(created.endpoint(), created.secret());
    }

    NewWebhook toNew() {
        return new NewWebhook(url, description, eventTypes, active);
    }

    WebhookChange toChange() {
        return new WebhookChange(url, description, eventTypes, active);
    }

    /** An event type an endpoint may subscribe to, with what it means. */
    @Schema(name = "WebhookEventTypeJson")
    public record EventTypeJson(String code, String description) {
    }
}
