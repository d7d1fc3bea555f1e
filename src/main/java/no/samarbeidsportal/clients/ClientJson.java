package no.samarbeidsportal.clients;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A client on the wire (admin-api.md 6.1), in the property order of Digdir's example. Read-only members are typed
 * loosely so that whatever a client echoes back is ignored, never refused (1.4), and their {@code @Schema} says what the
 * API writes there; legacy members are unknown and ignored. {@code client_secret} is only set in the answers of create
 * and of a new secret; {@code onbehalfof} (ID-porten clients) is managed through its own resource and ignored here on
 * input.
 */
@JsonPropertyOrder({"client_name", "description", "scopes", "authorization_lifetime", "access_token_lifetime",
    "refresh_token_lifetime", "refresh_token_usage", "frontchannel_logout_session_required",
    "token_endpoint_auth_method", "grant_types", "integration_type", "application_type", "client_uri",
    "redirect_uris", "post_logout_redirect_uris", "frontchannel_logout_uri", "sso_disabled", "code_challenge_method",
    "last_updated", "created", "client_id", "client_orgno", "supplier_orgno", "active", "jwks_uri", "onbehalfof",
    "client_secret", "client_secret_expires_at"})
public record ClientJson(
        String clientName,
        String description,
        List<String> scopes,
        Integer authorizationLifetime,
        Integer accessTokenLifetime,
        Integer refreshTokenLifetime,
        String refreshTokenUsage,
        Boolean frontchannelLogoutSessionRequired,
        String tokenEndpointAuthMethod,
        List<String> grantTypes,
        String integrationType,
        String applicationType,
        String clientUri,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        String frontchannelLogoutUri,
        Boolean ssoDisabled,
        String codeChallengeMethod,
        @Schema(type = SchemaType.STRING, format = "date-time", readOnly = true) Object lastUpdated,
        @Schema(type = SchemaType.STRING, format = "date-time", readOnly = true) Object created,
        @Schema(type = SchemaType.STRING, readOnly = true) Object clientId,
        String clientOrgno,
        @Schema(type = SchemaType.STRING, readOnly = true) Object supplierOrgno,
        @Schema(type = SchemaType.BOOLEAN, readOnly = true) Object active,
        @Schema(type = SchemaType.STRING, readOnly = true) Object jwksUri,
        @Schema(type = SchemaType.ARRAY, implementation = OnBehalfOfJson.class, readOnly = true,
                description = "ID-porten clients only; managed through /clients/{client_id}/onbehalfof")
        Object onbehalfof,
        @Schema(type = SchemaType.STRING, readOnly = true) Object clientSecret,
        @Schema(type = SchemaType.INTEGER, format = "int64", readOnly = true) Object clientSecretExpiresAt) {

    static ClientJson of(Client c) {
        return of(c, null);
    }

    static ClientJson of(Client c, String clientSecret) {
        boolean user = !c.isMaskinporten() && !"krr".equals(c.integrationType);
        return new ClientJson(c.clientName, c.description, List.copyOf(c.scopes), c.authorizationLifetime,
                c.accessTokenLifetime, c.refreshTokenLifetime, c.refreshTokenUsage,
                c.frontchannelLogoutSessionRequired, c.tokenEndpointAuthMethod, List.copyOf(c.grantTypes),
                c.integrationType, c.applicationType, c.clientUri, user ? List.copyOf(c.redirectUris) : null,
                user ? List.copyOf(c.postLogoutRedirectUris) : null, c.frontchannelLogoutUri,
                c.ssoDisabled, c.codeChallengeMethod, c.lastUpdated, c.created, c.clientId, c.clientOrgno,
                c.supplierOrgno, c.active, user ? "/clients/" + c.clientId + "/jwks" : null, onBehalfOf(c),
                clientSecret,
                c.clientSecretExpiresAt == null ? null : c.clientSecretExpiresAt.getEpochSecond());
    }

    /** admin-api.md 3.8: an ID-porten client's entries, read-only here; none at all on other clients. */
    private static List<OnBehalfOfJson> onBehalfOf(Client c) {
        return c.allowsOnBehalfOf() ? OnBehalfOf.of(c).stream().map(OnBehalfOfJson::of).toList() : null;
    }

    ClientAttributes attributes() {
        return new ClientAttributes(clientName, description, clientUri, applicationType, tokenEndpointAuthMethod,
                grantTypes, scopes, redirectUris, postLogoutRedirectUris, frontchannelLogoutUri,
                frontchannelLogoutSessionRequired, ssoDisabled, authorizationLifetime, accessTokenLifetime,
                refreshTokenLifetime, refreshTokenUsage, codeChallengeMethod);
    }

    NewClient toNewClient() {
        return new NewClient(integrationType, clientOrgno, attributes());
    }

    ClientChange toChange(Integer version) {
        return new ClientChange(integrationType, clientOrgno, attributes(), version);
    }
}
