package no.samarbeidsportal.clients;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import no.samarbeidsportal.scopes.IntegrationType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A client ("integration") of a consumer organisation ({@code client_orgno}), perhaps registered and operated by a
 * supplier ({@code supplier_orgno}). Never deleted, only deactivated (admin-api.md 1.5).
 */
@Entity
@Table(name = "client")
public class Client extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;

    @Column(name = "client_orgno", nullable = false, length = 9)
    public String clientOrgno;

    @Column(name = "supplier_orgno", length = 9)
    public String supplierOrgno;

    @Column(name = "integration_type", nullable = false, updatable = false, length = 32)
    public String integrationType;

    @Column(name = "client_name", nullable = false)
    public String clientName;

    @Column(nullable = false, length = 4000)
    public String description;

    @Column(name = "client_uri")
    public String clientUri;

    @Column(name = "application_type", nullable = false, length = 16)
    public String applicationType;

    @Column(name = "token_endpoint_auth_method", nullable = false, length = 32)
    public String tokenEndpointAuthMethod;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "grant_types", nullable = false)
    public List<String> grantTypes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> scopes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "redirect_uris", nullable = false)
    public List<String> redirectUris = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "post_logout_redirect_uris", nullable = false)
    public List<String> postLogoutRedirectUris = new ArrayList<>();

    @Column(name = "frontchannel_logout_uri")
    public String frontchannelLogoutUri;

    @Column(name = "frontchannel_logout_session_required", nullable = false)
    public boolean frontchannelLogoutSessionRequired;

    @Column(name = "sso_disabled", nullable = false)
    public boolean ssoDisabled;

    @Column(name = "authorization_lifetime", nullable = false)
    public int authorizationLifetime;

    @Column(name = "access_token_lifetime", nullable = false)
    public int accessTokenLifetime;

    @Column(name = "refresh_token_lifetime", nullable = false)
    public int refreshTokenLifetime;

    @Column(name = "refresh_token_usage", length = 16)
    public String refreshTokenUsage;

    @Column(name = "code_challenge_method", length = 16)
    public String codeChallengeMethod;

    /** PBKDF2 hash of the client secret; the secret itself is shown once and never kept. */
    @Column(name = "client_secret_hash")
    public String clientSecretHash;

    @Column(name = "client_secret_expires_at")
    public Instant clientSecretExpiresAt;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    /** Optimistic lock: the second of two concurrent saves gets a conflict instead of overwriting the first. */
    @Version
    public int version;

    public static Optional<Client> byClientId(String clientId) {
        return find("clientId", clientId).firstResultOptional();
    }

    /**
     * The clients an organisation sees: its own, and with {@code supplied} also those it registered for customers
     * (admin-api.md 2.5); deactivated ones only when asked for. Newest last, as they were created.
     */
    public static List<Client> visibleTo(String orgno, boolean supplied, boolean inactive) {
        return list("from Client c where " + seenBy(supplied) + (inactive ? "" : " and c.active")
                + " order by c.created, c.id", Parameters.with("org", orgno));
    }

    /**
     * The one definition of which clients an organisation sees, as a JPQL condition on the client {@code c} with the
     * organisation number as {@code :org}: its own, and with {@code supplied} those it supplies (admin-api.md 2.5).
     */
    static String seenBy(boolean supplied) {
        // a supplier sees a customer's client only while the customer's appointment of it is active (admin-api.md 2.5)
        return supplied ? "(c.clientOrgno = :org or (c.supplierOrgno = :org and exists (select 1 from "
                + "SupplierAppointment a where a.customerOrgno = c.clientOrgno and a.supplierOrgno = :org "
                + "and a.ended is null)))" : "c.clientOrgno = :org";
    }

    public boolean isMaskinporten() {
        return IntegrationType.MASKINPORTEN.wireName().equals(integrationType);
    }

    /**
     * Whether the client may have onbehalfof entries (admin-api.md 3.8): ID-porten clients, through which people log
     * in (idporten, api_klient, and ansattporten, which follows idporten); never Maskinporten or krr.
     */
    public boolean allowsOnBehalfOf() {
        return !isMaskinporten() && !IntegrationType.KRR.wireName().equals(integrationType);
    }

    /** Whether the client authenticates with a client secret (ID-porten web clients). */
    public boolean usesSecret() {
        return ClientRules.usesSecret(tokenEndpointAuthMethod);
    }

    /** The access-token lifetime in effect: 0 means Digdir's default of 120 seconds (admin-api.md 3.2). */
    public int effectiveAccessTokenLifetime() {
        return accessTokenLifetime == 0 ? 120 : accessTokenLifetime;
    }

    /** What the audit log keeps of a client: everything a person or client can change, never secret material. */
    public Map<String, Object> auditValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("client_id", clientId);
        v.put("client_name", clientName);
        v.put("description", description);
        v.put("client_orgno", clientOrgno);
        v.put("supplier_orgno", supplierOrgno);
        v.put("integration_type", integrationType);
        v.put("application_type", applicationType);
        v.put("token_endpoint_auth_method", tokenEndpointAuthMethod);
        v.put("grant_types", List.copyOf(grantTypes));
        v.put("scopes", List.copyOf(scopes));
        v.put("client_uri", clientUri);
        v.put("redirect_uris", List.copyOf(redirectUris));
        v.put("post_logout_redirect_uris", List.copyOf(postLogoutRedirectUris));
        v.put("frontchannel_logout_uri", frontchannelLogoutUri);
        v.put("frontchannel_logout_session_required", frontchannelLogoutSessionRequired);
        v.put("sso_disabled", ssoDisabled);
        v.put("authorization_lifetime", authorizationLifetime);
        v.put("access_token_lifetime", accessTokenLifetime);
        v.put("refresh_token_lifetime", refreshTokenLifetime);
        v.put("refresh_token_usage", refreshTokenUsage);
        v.put("code_challenge_method", codeChallengeMethod);
        v.put("client_secret_expires_at", clientSecretExpiresAt);
        v.put("active", active);
        v.values().removeIf(Objects::isNull);
        return v;
    }
}
