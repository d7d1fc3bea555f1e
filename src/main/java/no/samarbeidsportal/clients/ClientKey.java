package no.samarbeidsportal.clients;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One public signing key of a client (admin-api.md 3.7, 6.2): the public JWK as registered (without {@code exp}),
 * its expiry, and, when it came with an enterprise certificate, the certificate's facts. Never a private member: the
 * database refuses them.
 */
@Entity
@Table(name = "client_key")
public class ClientKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "client_id", updatable = false)
    public Client client;

    @Column(nullable = false, updatable = false)
    public String kid;

    /** The public JWK's members, {@code exp} excluded (it is {@link #expires}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> jwk;

    /** RFC 7638 SHA-256 thumbprint, base64url: identifies the key material whatever its kid. */
    @Column(nullable = false, length = 64)
    public String thumbprint;

    @Column(nullable = false)
    public Instant expires;

    @Column(name = "certificate_subject", length = 1000)
    public String certificateSubject;

    @Column(name = "certificate_issuer", length = 1000)
    public String certificateIssuer;

    @Column(name = "certificate_serial", length = 100)
    public String certificateSerial;

    /** SHA-256 of the certificate, hex with colons, as certificate viewers show it. */
    @Column(name = "certificate_fingerprint", length = 100)
    public String certificateFingerprint;

    @Column(name = "certificate_orgno", length = 9)
    public String certificateOrgno;

    @Column(name = "certificate_not_before")
    public Instant certificateNotBefore;

    @Column(name = "certificate_not_after")
    public Instant certificateNotAfter;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    /**
     * Keys expiring before {@code before}, soonest first, of the organisation's active clients and, with
     * {@code supplied}, of the clients it supplies.
     */
    public static List<ClientKey> expiringFor(String orgno, boolean supplied, Instant before) {
        return find("select k from ClientKey k join fetch k.client c where " + Client.seenBy(supplied)
                + " and c.active and k.expires < :before order by k.expires, k.id",
                Parameters.with("org", orgno).and("before", before)).list();
    }

    /** The modulus length in bits, for pages. */
    public int bits() {
        Object n = jwk.get("n");
        return n == null ? 0 : new java.math.BigInteger(1, java.util.Base64.getUrlDecoder().decode((String) n))
                .bitLength();
    }

    /**
     * Which of these kids other clients use too. Allowed (admin-api.md 6.2 Decision), but the page warns, since Digdir
     * once asked for kids unique across all customers.
     */
    public static java.util.Set<String> kidsUsedElsewhere(Client client, List<String> kids) {
        if (kids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(getEntityManager().createQuery(
                "select distinct k.kid from ClientKey k where k.kid in ?1 and k.client <> ?2", String.class)
                .setParameter(1, kids).setParameter(2, client).getResultList());
    }

    /** A client's keys in the order they were added. */
    public static List<ClientKey> of(Client client) {
        return list("client = ?1 order by created, id", client);
    }
}
