package no.samarbeidsportal.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An address an organisation's events are posted to (issue 17). */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 9, updatable = false)
    public String orgno;

    @Column(nullable = false, length = 2000)
    public String url;

    @Column(length = 200)
    public String description;

    /** {@link WebhookEventType#code()}s. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes = new ArrayList<>();

    @Column(nullable = false)
    public boolean active = true;

    /** {@code whsec_} + base64 of the HMAC key. Never shown after creation or rotation, never exported. */
    @Column(nullable = false, length = 100)
    public String secret;

    @Column(name = "previous_secret", length = 100)
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "failures_in_a_row", nullable = false)
    public int failuresInARow;

    @Column(name = "disabled_reason", length = 200)
    public String disabledReason;

    @Column(nullable = false, updatable = false)
    public Instant created;

    /** The organisation's endpoints, oldest first. */
    public static List<WebhookEndpoint> of(String orgno) {
        return list("orgno = ?1 order by id", orgno);
    }

    /** One of the organisation's endpoints; another organisation's is absent. */
    public static Optional<WebhookEndpoint> of(String orgno, long id) {
        return find("orgno = ?1 and id = ?2", orgno, id).firstResultOptional();
    }

    /** The URL as audit lines, notices and flashes show it: without a path or query, which may carry a credential. */
    public String displayUrl() {
        return displayUrl(url);
    }

    /**
     * {@code scheme://host[:port]/}, with {@code …} after it when the URL has a path beyond {@code /} or a query (a
     * Slack-style path token or a {@code ?token=}); only the endpoint's row and its own page or API answer hold more.
     */
    public static String displayUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "…";
            }
            String shown = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/";
            String path = uri.getRawPath();
            boolean more = (path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null;
            return more ? shown + "…" : shown;
        } catch (java.net.URISyntaxException e) {
            return "…";
        }
    }

    public boolean wants(WebhookEventType type) {
        return eventTypes.contains(type.code());
    }
}
