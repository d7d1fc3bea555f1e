package no.samarbeidsportal.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One try to post a delivery: the endpoint's delivery log (issue 17). */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false, updatable = false)
    public long deliveryId;

    @Column(name = "endpoint_id", nullable = false, updatable = false)
    public long endpointId;

    @Column(nullable = false, updatable = false)
    public Instant attempted;

    /** The HTTP status, or null when no answer came. */
    @Column(updatable = false)
    public Integer status;

    @Column(name = "duration_ms", nullable = false, updatable = false)
    public int durationMs;

    /** The first characters of the answer's body, or what went wrong. */
    @Column(name = "response_excerpt", length = 1000, updatable = false)
    public String responseExcerpt;

    /** The endpoint's latest attempts, newest first, at most {@code max}. */
    public static List<WebhookAttempt> latest(long endpointId, int max) {
        return find("endpointId = ?1 order by attempted desc, id desc", endpointId).page(0, max).list();
    }
}
