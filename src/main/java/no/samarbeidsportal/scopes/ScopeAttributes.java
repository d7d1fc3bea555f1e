package no.samarbeidsportal.scopes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;

/**
 * What a scope's owner may set and change (admin-api.md 6.3), the same from the page and the API. {@code null} means
 * absent: the default on create; on update the default too, except {@code active}, which then keeps its value (4.5).
 * Limits from admin-api.md 10.1. {@code notWholeNumbers} names the number fields whose typed text was no whole number:
 * the page passes them on so the service reports them with every other field error; JSON never has any, as binding
 * refuses such a number first. {@code requiresDpop} is our extension (issue 18): absent keeps it on update (Digdir's
 * clients PUT back what they GET, without it) and means false on create.
 */
public record ScopeAttributes(
        @NotBlank(message = "scope.description.required") @Size(max = 4000, message = "field.too-long")
        String description,
        @Size(max = 20000, message = "field.too-long") String longDescription,
        @Size(max = 4000, message = "field.too-long") String descriptionEn,
        @Size(max = 4000, message = "field.too-long") String descriptionNn,
        @Size(max = 20000, message = "field.too-long") String longDescriptionEn,
        @Size(max = 20000, message = "field.too-long") String longDescriptionNn,
        Boolean active,
        @Pattern(regexp = "PUBLIC|PRIVATE|INTERNAL", message = "scope.visibility.unknown") String visibility,
        Boolean accessibleForAll,
        List<String> allowedIntegrationTypes,
        @Pattern(regexp = "SELF_CONTAINED|OPAQUE", message = "scope.token-type.unknown") String tokenType,
        @PositiveOrZero(message = "field.not-negative") Integer atMaxAge,
        @PositiveOrZero(message = "field.not-negative") Integer authorizationMaxLifetime,
        Boolean requiresUserConsent,
        Boolean requiresUserAuthentication,
        Boolean requiresPseudonymousTokens,
        @Size(max = 255, message = "field.too-long") String delegationSource,
        @Size(max = 255, message = "field.too-long") String enforcedAudForAccessToken,
        @Size(max = 255, message = "field.too-long") String enforcedAudForIntrospection,
        Boolean supportsEuropeanBusinesses,
        Set<String> notWholeNumbers,
        Boolean requiresDpop) {

    /** Digdir's attributes only: {@code requires_dpop} absent. */
    public ScopeAttributes(String description, String longDescription, String descriptionEn, String descriptionNn,
            String longDescriptionEn, String longDescriptionNn, Boolean active, String visibility,
            Boolean accessibleForAll, List<String> allowedIntegrationTypes, String tokenType, Integer atMaxAge,
            Integer authorizationMaxLifetime, Boolean requiresUserConsent, Boolean requiresUserAuthentication,
            Boolean requiresPseudonymousTokens, String delegationSource, String enforcedAudForAccessToken,
            String enforcedAudForIntrospection, Boolean supportsEuropeanBusinesses, Set<String> notWholeNumbers) {
        this(description, longDescription, descriptionEn, descriptionNn, longDescriptionEn, longDescriptionNn, active,
                visibility, accessibleForAll, allowedIntegrationTypes, tokenType, atMaxAge, authorizationMaxLifetime,
                requiresUserConsent, requiresUserAuthentication, requiresPseudonymousTokens, delegationSource,
                enforcedAudForAccessToken, enforcedAudForIntrospection, supportsEuropeanBusinesses, notWholeNumbers,
                null);
    }

    public ScopeAttributes {
        notWholeNumbers = notWholeNumbers == null ? Set.of() : Set.copyOf(notWholeNumbers);
        description = trimmed(description);
        longDescription = blankIsAbsent(longDescription);
        descriptionEn = blankIsAbsent(descriptionEn);
        descriptionNn = blankIsAbsent(descriptionNn);
        longDescriptionEn = blankIsAbsent(longDescriptionEn);
        longDescriptionNn = blankIsAbsent(longDescriptionNn);
        visibility = blankIsAbsent(visibility);
        tokenType = blankIsAbsent(tokenType);
        // automation sends "" for "no delegation source" (admin-api.md 4.4)
        delegationSource = blankIsAbsent(delegationSource);
        enforcedAudForAccessToken = blankIsAbsent(enforcedAudForAccessToken);
        enforcedAudForIntrospection = blankIsAbsent(enforcedAudForIntrospection);
        allowedIntegrationTypes = allowedIntegrationTypes == null ? List.of()
                : allowedIntegrationTypes.stream().map(t -> t == null ? "" : t.trim()).distinct().toList();
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static String blankIsAbsent(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
