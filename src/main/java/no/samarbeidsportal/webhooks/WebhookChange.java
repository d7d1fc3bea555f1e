package no.samarbeidsportal.webhooks;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Replace an endpoint's URL, description, event types and state ({@code active} null keeps it). Turning on an
 * endpoint the sender turned off after failures starts its count of failures again.
 */
public record WebhookChange(String url, @Size(max = 200, message = "webhooks.description.long") String description,
        List<String> eventTypes, Boolean active) {
}
