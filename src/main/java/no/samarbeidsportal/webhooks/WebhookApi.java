package no.samarbeidsportal.webhooks;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.Messages;
import no.samarbeidsportal.system.Paths;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/** Webhook endpoints (issue 17): the project's own API beside Digdir's. */
@Path(Paths.API + "/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
public class WebhookApi {

    private static final String NEEDS = "Needs idporten:scopes.write or idporten:dcr.write. ";
    private static final String NOT_MINE = "No such endpoint of my organisation";

    private final WebhookService webhooks;
    private final Messages messages;

    WebhookApi(WebhookService webhooks, Messages messages) {
        this.webhooks = webhooks;
        this.messages = messages;
    }

    @GET
    @Operation(summary = "My organisation's webhook endpoints", description = NEEDS + "Oldest first; without secrets.")
    public List<WebhookJson> list() {
        return webhooks.list().stream().map(WebhookJson::of).toList();
    }

    @GET
    @Path("event-types")
    @Operation(summary = "The event types an endpoint can subscribe to", description = NEEDS + "The code is the "
            + "body's type and the value event_types takes.")
    public List<WebhookJson.EventTypeJson> eventTypes() {
        return webhooks.eventTypes().stream().map(t -> new WebhookJson.EventTypeJson(t.code(),
                messages.get(java.util.Locale.ENGLISH, t.messageKey()))).toList();
    }

    @POST
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The new endpoint with its secret, shown this once",
            content = @Content(schema = @Schema(implementation = WebhookJson.class)))
    @Operation(summary = "Register a webhook endpoint", description = NEEDS + "Body {url, description, event_types, "
            + "active}. url: http(s), at most 2000 characters, not resolving to a loopback, private, link-local or "
            + "metadata address; event_types: at least one code of GET /webhooks/event-types. The answer's secret "
            + "(whsec_…) signs every delivery (Standard Webhooks) and is never shown again. At most 10 endpoints per "
            + "organisation (portal.webhooks.max-endpoints).")
    public WebhookJson create(WebhookJson body) {
        return WebhookJson.of(webhooks.create(body == null ? new NewWebhook(null, null, null, null) : body.toNew()));
    }

    @GET
    @Path("{id}")
    @APIResponse(responseCode = "200", description = "The endpoint, without its secret",
            content = @Content(schema = @Schema(implementation = WebhookJson.class)))
    @APIResponse(responseCode = "404", description = NOT_MINE)
    @Operation(summary = "One webhook endpoint", description = NEEDS)
    public WebhookJson show(@RestPath long id) {
        return WebhookJson.of(webhooks.show(id));
    }

    @PUT
    @Path("{id}")
    @APIResponse(responseCode = "200", description = "The endpoint as changed, without its secret",
            content = @Content(schema = @Schema(implementation = WebhookJson.class)))
    @APIResponse(responseCode = "404", description = NOT_MINE)
    @Operation(summary = "Change a webhook endpoint", description = NEEDS + "Replaces url, description and "
            + "event_types as for POST; active absent keeps it. Turning on an endpoint the portal turned off after "
            + "failures clears disabled_reason and the count of failures.")
    public WebhookJson change(@RestPath long id, WebhookJson body) {
        return WebhookJson.of(webhooks.change(id, body == null ? new WebhookChange(null, null, null, null)
                : body.toChange()));
    }

    @DELETE
    @Path("{id}")
    @APIResponse(responseCode = "204", description = "Deleted, with its deliveries and log")
    @APIResponse(responseCode = "404", description = NOT_MINE)
    @Operation(summary = "Delete a webhook endpoint", description = NEEDS)
    public void delete(@RestPath long id) {
        webhooks.delete(id);
    }

    @POST
    @Path("{id}/rotate-secret")
    @APIResponse(responseCode = "200", description = "The endpoint with its new secret, shown this once",
            content = @Content(schema = @Schema(implementation = WebhookJson.class)))
    @APIResponse(responseCode = "404", description = NOT_MINE)
    @Operation(summary = "Give a webhook endpoint a new secret", description = NEEDS + "The previous secret signs too "
            + "(a second v1 signature) until previous_secret_until (portal.webhooks.rotation-overlap, 24 h).")
    public WebhookJson rotateSecret(@RestPath long id) {
        return WebhookJson.of(webhooks.rotateSecret(id));
    }

    @GET
    @Path("{id}/deliveries")
    @APIResponse(responseCode = "200", description = "The delivery log",
            content = @Content(schema = @Schema(implementation = WebhookLogJson.class)))
    @APIResponse(responseCode = "404", description = NOT_MINE)
    @Operation(summary = "A webhook endpoint's delivery log", description = NEEDS + "The latest 50 deliveries "
            + "(pending and failed first) and the latest 50 attempts (time, event, HTTP status, duration, the "
            + "answer's first characters), newest first.")
    public WebhookLogJson deliveries(@RestPath long id) {
        return WebhookLogJson.of(webhooks.log(id));
    }

    @POST
    @Path("{id}/deliveries/{delivery_id}/resend")
    @APIResponse(responseCode = "200", description = "The delivery, pending again",
            content = @Content(schema = @Schema(implementation = WebhookLogJson.DeliveryJson.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint of my organisation, or no such delivery to it")
    @APIResponse(responseCode = "409", description = "The delivery is still pending")
    @Operation(summary = "Send a delivery again", description = NEEDS + "For a SENT or FAILED delivery: pending "
            + "again, sent at once, with the same webhook-id.")
    public WebhookLogJson.DeliveryJson resend(@RestPath long id, @RestPath("delivery_id") long deliveryId) {
        return WebhookLogJson.DeliveryJson.of(webhooks.resend(id, deliveryId));
    }

    @POST
    @Path("{id}/test")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "The test event's delivery, pending",
            content = @Content(schema = @Schema(implementation = WebhookLogJson.DeliveryJson.class)))
    @APIResponse(responseCode = "404", description = NOT_MINE)
    @Operation(summary = "Send a test event", description = NEEDS + "A webhook.test event to this endpoint only, "
            + "whatever it subscribes to; it shows in the delivery log.")
    public WebhookLogJson.DeliveryJson test(@RestPath long id) {
        return WebhookLogJson.DeliveryJson.of(webhooks.sendTest(id));
    }
}
