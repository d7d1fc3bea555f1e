package no.samarbeidsportal.webhooks;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An endpoint's delivery log in the API (issue 17): its latest deliveries (unsent first) and latest attempts. */
public record WebhookLogJson(List<DeliveryJson> deliveries, List<AttemptJson> attempts) {

    /** One event to this endpoint: its {@code webhook-id}, PENDING / SENT / FAILED, and how it went. */
    @Schema(name = "WebhookDeliveryJson")
    public record DeliveryJson(long id, @Schema(description = "The webhook-id header") String messageId,
            String eventType, String state, int attempts, Instant nextAttemptAt, Instant sentAt, String lastError,
            Instant created) {

        static DeliveryJson of(WebhookDelivery d) {
            return new DeliveryJson(d.id, d.message.messageId, d.message.type, d.state.name(), d.attempts,
                    d.state == WebhookDelivery.State.PENDING ? d.nextAttemptAt : null, d.sentAt, d.lastError,
                    d.created);
        }
    }

    /** One try: when, the answer's HTTP status (absent when none came), how long it took, the answer's start. */
    @Schema(name = "WebhookAttemptJson")
    public record AttemptJson(long id, long deliveryId, String messageId, String eventType, Instant attempted,
            Integer status, int durationMs, String responseExcerpt) {

        static AttemptJson of(WebhookService.LogAttempt a) {
            return new AttemptJson(a.attempt().id, a.attempt().deliveryId,
                    a.delivery() == null ? null : a.delivery().message.messageId,
                    a.delivery() == null ? null : a.delivery().message.type, a.attempt().attempted,
                    a.attempt().status, a.attempt().durationMs, a.attempt().responseExcerpt);
        }
    }

    static WebhookLogJson of(WebhookService.Log log) {
        return new WebhookLogJson(log.deliveries().stream().map(DeliveryJson::of).toList(),
                log.attempts().stream().map(AttemptJson::of).toList());
    }
}
