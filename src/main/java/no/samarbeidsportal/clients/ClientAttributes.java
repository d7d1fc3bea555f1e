package no.samarbeidsportal.clients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;

/**
 * What a client's organisation may set and change (admin-api.md 6.1), the same from the page and the API. {@code null}
 * means absent (1.4): the type's default. Limits from admin-api.md 10.1.
 */
public record ClientAttributes(
        @NotBlank(message = "client.name.required") @Size(max = 255, message = "field.too-long") String clientName,
        @NotBlank(message = "client.description.required") @Size(max = 4000, message = "field.too-long")
        String description,
        @Size(max = 255, message = "field.too-long") String clientUri,
        @Pattern(regexp = "web|browser|native", message = "client.application-type.unknown") String applicationType,
        @Pattern(regexp = "client_secret_basic|client_secret_post|private_key_jwt|none",
                message = "client.auth-method.unknown") String tokenEndpointAuthMethod,
        List<String> grantTypes,
        List<String> scopes,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        @Size(max = 255, message = "field.too-long") String frontchannelLogoutUri,
        Boolean frontchannelLogoutSessionRequired,
        Boolean ssoDisabled,
        @PositiveOrZero(message = "field.not-negative") Integer authorizationLifetime,
        @PositiveOrZero(message = "field.not-negative") Integer accessTokenLifetime,
        @PositiveOrZero(message = "field.not-negative") Integer refreshTokenLifetime,
        @Pattern(regexp = "ONETIME|REUSE", message = "client.refresh-token-usage.unknown") String refreshTokenUsage,
        @Pattern(regexp = "S256", message = "client.code-challenge-method.unknown") String codeChallengeMethod) {

    public ClientAttributes {
        // client_name and description round-trip byte for byte: automation finds its clients by them (admin-api.md 3.1)
        clientUri = blankIsAbsent(clientUri);
        applicationType = blankIsAbsent(applicationType);
        tokenEndpointAuthMethod = blankIsAbsent(tokenEndpointAuthMethod);
        frontchannelLogoutUri = blankIsAbsent(frontchannelLogoutUri);
        refreshTokenUsage = blankIsAbsent(refreshTokenUsage);
        codeChallengeMethod = blankIsAbsent(codeChallengeMethod);
        grantTypes = cleaned(grantTypes);
        scopes = cleaned(scopes);
        redirectUris = cleaned(redirectUris);
        postLogoutRedirectUris = cleaned(postLogoutRedirectUris);
    }

    /** {@code null} arrays and blank members are absent (admin-api.md 9); order kept, duplicates dropped. */
    private static List<String> cleaned(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                        .toList();
    }

    private static String blankIsAbsent(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
