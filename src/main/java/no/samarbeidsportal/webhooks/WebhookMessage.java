package no.samarbeidsportal.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One event for one organisation, as the outbox keeps it (issue 17); its body is the same on every attempt. */
@Entity
@Table(name = "webhook_message")
public class WebhookMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The {@code webhook-id} header: {@code msg_} + 26 characters. */
    @Column(name = "message_id", nullable = false, length = 40, updatable = false)
    public String messageId;

    @Column(nullable = false, length = 9, updatable = false)
    public String orgno;

    /** {@link WebhookEventType#code()}. */
    @Column(nullable = false, length = 40, updatable = false)
    public String type;

    /** The object it is about, e.g. {@code Scope:demo:x}: one object's events are delivered in order. */
    @Column(nullable = false, length = 300, updatable = false)
    public String subject;

    /** The body: {@code {"type", "timestamp", "data"}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, Object> payload;

    @Column(nullable = false, updatable = false)
    public Instant created;
}
