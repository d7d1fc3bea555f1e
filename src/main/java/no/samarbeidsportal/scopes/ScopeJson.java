package no.samarbeidsportal.scopes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A scope on the wire (admin-api.md 6.3), in Digdir's property order (4.2). Read-only members ({@code name},
 * {@code owner_orgno}, {@code created}, {@code last_updated}, {@code protected}) are typed loosely so that whatever a
 * client echoes back is ignored, never refused (1.4); their {@code @Schema} says what the API writes there.
 * {@code requires_dpop} is our extension (issue 18), last; absent on a PUT keeps it.
 */
@JsonPropertyOrder({"prefix", "description", "subscope", "long_description", "description#en", "description#nn",
    "long_description#en", "long_description#nn", "active", "created", "last_updated", "allowed_integration_types",
    "owner_orgno", "token_type", "visibility", "requires_user_consent", "requires_user_authentication",
    "requires_pseudonymous_tokens", "delegation_source", "at_max_age", "authorization_max_lifetime",
    "accessible_for_all", "name", "protected", "supports_european_businesses", "enforced_aud_for_access_token",
    "enforced_aud_for_introspection", "requires_dpop"})
public record ScopeJson(
        String prefix,
        String description,
        String subscope,
        String longDescription,
        @JsonProperty("description#en") String descriptionEn,
        @JsonProperty("description#nn") String descriptionNn,
        @JsonProperty("long_description#en") String longDescriptionEn,
        @JsonProperty("long_description#nn") String longDescriptionNn,
        Boolean active,
        @Schema(type = SchemaType.STRING, format = "date-time", readOnly = true) Object created,
        @Schema(type = SchemaType.STRING, format = "date-time", readOnly = true) Object lastUpdated,
        List<String> allowedIntegrationTypes,
        @Schema(type = SchemaType.STRING, readOnly = true) Object ownerOrgno,
        String tokenType,
        String visibility,
        Boolean requiresUserConsent,
        Boolean requiresUserAuthentication,
        Boolean requiresPseudonymousTokens,
        String delegationSource,
        Integer atMaxAge,
        Integer authorizationMaxLifetime,
        Boolean accessibleForAll,
        @Schema(type = SchemaType.STRING, readOnly = true) Object name,
        @JsonProperty("protected") @Schema(type = SchemaType.BOOLEAN, readOnly = true) Object isProtected,
        Boolean supportsEuropeanBusinesses,
        String enforcedAudForAccessToken,
        String enforcedAudForIntrospection,
        @Schema(description = "Our extension (not Digdir's): a token for this scope is issued only with a valid DPoP "
                + "proof (RFC 9449) and is bound to the proof's key (cnf.jkt, token_type DPoP). Absent on create: "
                + "false; absent on update: unchanged.") Boolean requiresDpop) {

    static ScopeJson of(Scope s) {
        return new ScopeJson(s.prefix, s.description, s.subscope, s.longDescription, s.descriptionEn, s.descriptionNn,
                s.longDescriptionEn, s.longDescriptionNn, s.active, s.created, s.lastUpdated,
                List.copyOf(s.allowedIntegrationTypes), s.ownerOrgno, s.tokenType.name(), s.visibility.name(),
                s.requiresUserConsent, s.requiresUserAuthentication, s.requiresPseudonymousTokens,
                s.delegationSource, s.atMaxAge, s.authorizationMaxLifetime, s.accessibleForAll, s.name,
                // admin-api.md 6.3 Decision: protected is always false
                false, s.supportsEuropeanBusinesses, s.enforcedAudForAccessToken, s.enforcedAudForIntrospection,
                s.requiresDpop);
    }

    ScopeAttributes attributes() {
        return new ScopeAttributes(description, longDescription, descriptionEn, descriptionNn, longDescriptionEn,
                longDescriptionNn, active, visibility, accessibleForAll, allowedIntegrationTypes, tokenType, atMaxAge,
                authorizationMaxLifetime, requiresUserConsent, requiresUserAuthentication, requiresPseudonymousTokens,
                delegationSource, enforcedAudForAccessToken, enforcedAudForIntrospection, supportsEuropeanBusinesses,
                Set.of(), requiresDpop);
    }

    NewScope toNewScope() {
        return new NewScope(prefix, subscope, attributes());
    }

    /** admin-api.md 1.4: clients PUT back what they GET, so prefix, subscope and name are ignored, never compared. */
    ScopeChange toChange(Integer version) {
        return new ScopeChange(attributes(), version);
    }
}
