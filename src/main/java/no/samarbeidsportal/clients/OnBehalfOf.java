package no.samarbeidsportal.clients;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An onbehalfof entry of an ID-porten client (admin-api.md 3.8): a customer the supplier's client logs people in for,
 * named by the {@code onbehalfof} value the supplier chose, with the customer's name and organisation number. Unlike
 * clients, entries are deleted; the audit log keeps what they were.
 */
@Entity
@Table(name = "on_behalf_of")
public class OnBehalfOf extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "client_id", updatable = false)
    public Client client;

    @Column(nullable = false, updatable = false)
    public String onbehalfof;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, length = 9)
    public String orgno;

    @Column(name = "client_uri")
    public String clientUri;

    @Column(length = 4000)
    public String description;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    /** Optimistic lock, as on the client: the second of two concurrent changes gets a conflict. */
    @Version
    public int version;

    /** The client's entries, oldest first. */
    public static List<OnBehalfOf> of(Client client) {
        return list("client = ?1 order by created, id", client);
    }

    public static Optional<OnBehalfOf> of(Client client, String onbehalfof) {
        return find("client = ?1 and onbehalfof = ?2", client, onbehalfof).firstResultOptional();
    }

    /** What the audit log keeps of an entry, under the client's history. */
    public Map<String, Object> auditValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("onbehalfof", onbehalfof);
        v.put("name", name);
        v.put("orgno", orgno);
        v.put("client_uri", clientUri);
        v.put("description", description);
        v.values().removeIf(Objects::isNull);
        return v;
    }
}
