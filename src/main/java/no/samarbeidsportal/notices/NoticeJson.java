package no.samarbeidsportal.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A notice to the acting organisation in the API (issue 16), with how its e-mails went. */
public record NoticeJson(long id, String kind, String topic, Map<String, String> facts, Instant created,
        List<DeliveryJson> deliveries) {

    /** One e-mail of the notice: to whom, PENDING / SENT / FAILED, and when it went. */
    public record DeliveryJson(String recipient, String state, int attempts, Instant sentAt, String lastError) {
    }

    static NoticeJson of(Notice n) {
        return new NoticeJson(n.id, n.kind.name(), n.kind.topic().name(), n.facts, n.created,
                n.deliveries.stream().map(d -> new DeliveryJson(d.recipient, d.state.name(), d.attempts, d.sentAt,
                        d.lastError)).toList());
    }
}
