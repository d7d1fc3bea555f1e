package no.samarbeidsportal.token.signing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One of the token service's own RSA keys: its public JWK, its private key only encrypted with the configured
 * secret, when it starts signing and when the next key took over.
 */
@Entity
@Table(name = "signing_key")
class SigningKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The RFC 7638 SHA-256 thumbprint of the public key (token-protocol.md 7). */
    @Column(nullable = false, updatable = false, length = 64)
    public String kid;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "public_jwk", nullable = false, updatable = false)
    public Map<String, Object> publicJwk;

    /** AES-256-GCM: 12-byte nonce, then the PKCS#8 private key encrypted with the kid as associated data. */
    @Column(name = "private_key_encrypted", nullable = false, updatable = false)
    public byte[] privateKeyEncrypted;

    @Column(name = "signs_from", nullable = false)
    public Instant signsFrom;

    public Instant retired;

    @Column(nullable = false, updatable = false)
    public Instant created;

    /** Keys in /jwk: not retired, or retired after {@code publishedAfterRetired}; oldest first. */
    static List<SigningKey> published(Instant retiredAfter) {
        return list("retired is null or retired > ?1 order by signsFrom, id", retiredAfter);
    }
}
