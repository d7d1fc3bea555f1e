package no.samarbeidsportal.setup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAttributes;

/**
 * A scope in the set-up document: the scope API's members (admin-api.md 6.3) an owner sets, under the same names, and
 * the consumers on its access list. A scope in the document is active; deactivated ones are left out.
 */
@JsonPropertyOrder({"name", "prefix", "subscope", "description", "long_description", "description#en",
    "description#nn", "long_description#en", "long_description#nn", "visibility", "accessible_for_all",
    "allowed_integration_types", "token_type", "at_max_age", "authorization_max_lifetime", "requires_user_consent",
    "requires_user_authentication", "requires_pseudonymous_tokens", "delegation_source",
    "enforced_aud_for_access_token", "enforced_aud_for_introspection", "supports_european_businesses", "requires_dpop", "access"})
public record SetupScope(
        String name,
        String prefix,
        String subscope,
        String description,
        String longDescription,
        @JsonProperty("description#en") String descriptionEn,
        @JsonProperty("description#nn") String descriptionNn,
        @JsonProperty("long_description#en") String longDescriptionEn,
        @JsonProperty("long_description#nn") String longDescriptionNn,
        String visibility,
        Boolean accessibleForAll,
        List<String> allowedIntegrationTypes,
        String tokenType,
        Integer atMaxAge,
        Integer authorizationMaxLifetime,
        Boolean requiresUserConsent,
        Boolean requiresUserAuthentication,
        Boolean requiresPseudonymousTokens,
        String delegationSource,
        String enforcedAudForAccessToken,
        String enforcedAudForIntrospection,
        Boolean supportsEuropeanBusinesses,
        Boolean requiresDpop,
        List<String> access) {

    static SetupScope of(Scope s, List<String> access) {
        return new SetupScope(s.name, s.prefix, s.subscope, s.description, s.longDescription, s.descriptionEn,
                s.descriptionNn, s.longDescriptionEn, s.longDescriptionNn, s.visibility.name(), s.accessibleForAll,
                s.allowedIntegrationTypes.stream().sorted().toList(), s.tokenType.name(), s.atMaxAge,
                s.authorizationMaxLifetime, s.requiresUserConsent, s.requiresUserAuthentication,
                s.requiresPseudonymousTokens, s.delegationSource, s.enforcedAudForAccessToken,
                s.enforcedAudForIntrospection, s.supportsEuropeanBusinesses, s.requiresDpop,
                access.stream().sorted().toList());
    }

    /** The name, from {@code name} or else from prefix and subscope. */
    @JsonIgnore
    String fullName() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        return prefix == null || subscope == null ? null : prefix.strip() + ":" + subscope.strip();
    }

    @JsonIgnore
    String prefixOfName() {
        if (prefix != null && !prefix.isBlank()) {
            return prefix.strip();
        }
        String n = fullName();
        return n == null || n.indexOf(':') < 0 ? null : n.substring(0, n.indexOf(':'));
    }

    @JsonIgnore
    String subscopeOfName() {
        if (subscope != null && !subscope.isBlank()) {
            return subscope.strip();
        }
        String n = fullName();
        return n == null || n.indexOf(':') < 0 ? null : n.substring(n.indexOf(':') + 1);
    }

    /**
     * The attributes as the scope service takes them; {@code active} as given (null keeps it). {@code requires_dpop}
     * absent is false, as every other attribute the document leaves out is its default: the document is the whole state.
     */
    ScopeAttributes attributes(Boolean active) {
        return new ScopeAttributes(description, longDescription, descriptionEn, descriptionNn, longDescriptionEn,
                longDescriptionNn, active, visibility, accessibleForAll, allowedIntegrationTypes, tokenType, atMaxAge,
                authorizationMaxLifetime, requiresUserConsent, requiresUserAuthentication, requiresPseudonymousTokens,
                delegationSource, enforcedAudForAccessToken, enforcedAudForIntrospection, supportsEuropeanBusinesses,
                null, Boolean.TRUE.equals(requiresDpop));
    }

    /** The consumers on the access list, as given, without blanks and repeats. */
    @JsonIgnore
    List<String> consumers() {
        return access == null ? List.of() : access.stream().filter(Objects::nonNull).map(String::strip).distinct()
                .toList();
    }

    /**
     * The attributes with the scope service's defaults filled in, as a stored scope has them: what a change compares
     * (absent is the default, as on a PUT of a scope, admin-api.md 4.5).
     */
    Map<String, Object> compared() {
        ScopeAttributes a = attributes(null);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("description", a.description());
        v.put("long_description", a.longDescription());
        v.put("description#en", a.descriptionEn());
        v.put("description#nn", a.descriptionNn());
        v.put("long_description#en", a.longDescriptionEn());
        v.put("long_description#nn", a.longDescriptionNn());
        v.put("visibility", a.visibility() == null ? "PUBLIC" : a.visibility());
        v.put("accessible_for_all", Boolean.TRUE.equals(a.accessibleForAll()));
        v.put("allowed_integration_types", a.allowedIntegrationTypes().stream().sorted().toList());
        v.put("token_type", a.tokenType() == null ? "SELF_CONTAINED" : a.tokenType());
        v.put("at_max_age", a.atMaxAge() == null ? 0 : a.atMaxAge());
        v.put("authorization_max_lifetime", a.authorizationMaxLifetime() == null ? 0 : a.authorizationMaxLifetime());
        v.put("requires_user_consent", Boolean.TRUE.equals(a.requiresUserConsent()));
        v.put("requires_user_authentication", Boolean.TRUE.equals(a.requiresUserAuthentication()));
        v.put("requires_pseudonymous_tokens", Boolean.TRUE.equals(a.requiresPseudonymousTokens()));
        v.put("delegation_source", a.delegationSource());
        v.put("enforced_aud_for_access_token", a.enforcedAudForAccessToken());
        v.put("enforced_aud_for_introspection", a.enforcedAudForIntrospection());
        v.put("supports_european_businesses", Boolean.TRUE.equals(a.supportsEuropeanBusinesses()));
        v.put("requires_dpop", Boolean.TRUE.equals(a.requiresDpop()));
        return v;
    }
}
