package no.samarbeidsportal.webhooks;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Register an endpoint for the acting organisation: where to post, what it is for, the event type codes it wants and
 * whether it gets them now ({@code active} null is true). The URL and the types are checked by the service.
 */
public record NewWebhook(String url, @Size(max = 200, message = "webhooks.description.long") String description,
        List<String> eventTypes, Boolean active) {
}
