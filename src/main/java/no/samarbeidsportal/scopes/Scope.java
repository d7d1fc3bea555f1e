package no.samarbeidsportal.scopes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A scope ({@code prefix:subscope}) that its owner shares with the organisations on its access list. */
@Entity
@Table(name = "scope")
public class Scope extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(nullable = false, updatable = false, length = 63)
    public String prefix;

    @Column(nullable = false, updatable = false, length = 128)
    public String subscope;

    @Column(name = "owner_orgno", nullable = false, updatable = false, length = 9)
    public String ownerOrgno;

    @Column(nullable = false, length = 4000)
    public String description;

    @Column(name = "long_description", length = 20000)
    public String longDescription;

    @Column(name = "description_en", length = 4000)
    public String descriptionEn;

    @Column(name = "description_nn", length = 4000)
    public String descriptionNn;

    @Column(name = "long_description_en", length = 20000)
    public String longDescriptionEn;

    @Column(name = "long_description_nn", length = 20000)
    public String longDescriptionNn;

    @Column(nullable = false)
    public boolean active;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Visibility visibility;

    @Column(name = "accessible_for_all", nullable = false)
    public boolean accessibleForAll;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_integration_types", nullable = false)
    public List<String> allowedIntegrationTypes = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "token_type", nullable = false, length = 16)
    public TokenType tokenType;

    @Column(name = "at_max_age", nullable = false)
    public int atMaxAge;

    @Column(name = "authorization_max_lifetime", nullable = false)
    public int authorizationMaxLifetime;

    @Column(name = "requires_user_consent", nullable = false)
    public boolean requiresUserConsent;

    @Column(name = "requires_user_authentication", nullable = false)
    public boolean requiresUserAuthentication;

    @Column(name = "requires_pseudonymous_tokens", nullable = false)
    public boolean requiresPseudonymousTokens;

    @Column(name = "delegation_source")
    public String delegationSource;

    @Column(name = "enforced_aud_for_access_token")
    public String enforcedAudForAccessToken;

    @Column(name = "enforced_aud_for_introspection")
    public String enforcedAudForIntrospection;

    @Column(name = "supports_european_businesses", nullable = false)
    public boolean supportsEuropeanBusinesses;

    /** Whether entries of organisations the register has as deleted leave the access list by themselves (issue 15). */
    @Column(name = "remove_deleted_consumers", nullable = false)
    public boolean removeDeletedConsumers;

    /** Whether the owner takes access requests from the catalogue (issue 16); our extension, not Digdir's. */
    @Column(name = "takes_requests", nullable = false)
    public boolean takesRequests;

    /** Enhetsregisteret's organisational forms whose requests are approved at once; only with takesRequests. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "auto_approve_org_forms", nullable = false)
    public List<String> autoApproveOrgForms = new ArrayList<>();

    /** A token for this scope needs a DPoP proof and is bound to its key (issue 18); our extension, not Digdir's. */
    @Column(name = "requires_dpop", nullable = false)
    public boolean requiresDpop;

    @Column(nullable = false)
    public Instant created;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    /** Optimistic lock: the second of two concurrent saves gets a conflict instead of overwriting the first. */
    @Version
    public int version;

    /** A scope by its full name, whoever owns it. */
    public static Optional<Scope> named(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The organisation's scopes by name; deactivated ones only when asked for. */
    public static List<Scope> ofOwner(String orgno, boolean inactive) {
        return list("ownerOrgno = ?1" + (inactive ? "" : " and active") + " order by name", orgno);
    }

    /** The organisational forms approved at once, as people read them ("KOMM, STAT"). */
    public String autoApproveText() {
        return String.join(", ", autoApproveOrgForms);
    }

    /** What the audit log keeps of a scope: every attribute a person or client can change. */
    public Map<String, Object> auditValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("description", description);
        v.put("long_description", longDescription);
        v.put("description#en", descriptionEn);
        v.put("description#nn", descriptionNn);
        v.put("long_description#en", longDescriptionEn);
        v.put("long_description#nn", longDescriptionNn);
        v.put("active", active);
        v.put("visibility", visibility.name());
        v.put("accessible_for_all", accessibleForAll);
        v.put("allowed_integration_types", List.copyOf(allowedIntegrationTypes));
        v.put("token_type", tokenType.name());
        v.put("at_max_age", atMaxAge);
        v.put("authorization_max_lifetime", authorizationMaxLifetime);
        v.put("requires_user_consent", requiresUserConsent);
        v.put("requires_user_authentication", requiresUserAuthentication);
        v.put("requires_pseudonymous_tokens", requiresPseudonymousTokens);
        v.put("delegation_source", delegationSource);
        v.put("enforced_aud_for_access_token", enforcedAudForAccessToken);
        v.put("enforced_aud_for_introspection", enforcedAudForIntrospection);
        v.put("supports_european_businesses", supportsEuropeanBusinesses);
        // our extension (issue 16): kept out of lines of scopes that never used it
        if (takesRequests || !autoApproveOrgForms.isEmpty()) {
            v.put("takes_requests", takesRequests);
            v.put("auto_approve_org_forms", List.copyOf(autoApproveOrgForms));
        }
        // our extension (issue 18): always written, so turning it off shows as true -> false
        v.put("requires_dpop", requiresDpop);
        v.values().removeIf(java.util.Objects::isNull);
        return v;
    }
}
