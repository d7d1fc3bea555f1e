package no.samarbeidsportal.setup;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.samarbeidsportal.clients.Client;
import no.samarbeidsportal.clients.ClientAttributes;
import no.samarbeidsportal.clients.ClientKey;

/**
 * A Maskinporten client in the set-up document: the client JSON's members (admin-api.md 6.1) that such a client has,
 * under the same names, and its public keys as JWKs with {@code exp} (3.7). No secret: a Maskinporten client has none.
 * Without {@code client_id} it is a new client.
 */
@JsonPropertyOrder({"client_id", "client_name", "description", "integration_type", "application_type",
    "token_endpoint_auth_method", "grant_types", "scopes", "client_uri", "access_token_lifetime", "jwks"})
public record SetupClient(
        String clientId,
        String clientName,
        String description,
        String integrationType,
        String applicationType,
        String tokenEndpointAuthMethod,
        List<String> grantTypes,
        List<String> scopes,
        String clientUri,
        Integer accessTokenLifetime,
        List<Object> jwks) {

    static final String MASKINPORTEN = "maskinporten";
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    static SetupClient of(Client c, List<ClientKey> keys) {
        return new SetupClient(c.clientId, c.clientName, c.description, c.integrationType, c.applicationType,
                c.tokenEndpointAuthMethod, List.copyOf(c.grantTypes), c.scopes.stream().sorted().toList(),
                c.clientUri, c.accessTokenLifetime, keys.stream().sorted(java.util.Comparator.comparing(k -> k.kid))
                        .map(SetupClient::jwk).toList());
    }

    /** The public JWK as registered, members sorted, with its expiry as {@code exp} (admin-api.md 3.7). */
    private static Object jwk(ClientKey key) {
        Map<String, Object> jwk = new TreeMap<>(key.jwk);
        jwk.put("exp", key.expires.getEpochSecond());
        return jwk;
    }

    /** The attributes as the client service takes them; what the document has no member for is kept from {@code now}. */
    ClientAttributes attributes(Client now) {
        return new ClientAttributes(clientName, description, clientUri, applicationType, tokenEndpointAuthMethod,
                grantTypes, scopes, List.of(), List.of(), null, now != null && now.frontchannelLogoutSessionRequired,
                now != null && now.ssoDisabled, now == null ? null : now.authorizationLifetime, accessTokenLifetime,
                now == null ? null : now.refreshTokenLifetime, now == null ? null : now.refreshTokenUsage, null);
    }

    List<Object> keys() {
        return jwks == null ? List.of() : jwks;
    }

    /** The members with a Maskinporten client's defaults filled in, as a stored client has them: what a change compares. */
    Map<String, Object> compared() {
        ClientAttributes a = attributes(null);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("client_name", a.clientName());
        v.put("description", a.description());
        v.put("application_type", a.applicationType() == null ? "web" : a.applicationType());
        v.put("token_endpoint_auth_method", a.tokenEndpointAuthMethod() == null ? "private_key_jwt"
                : a.tokenEndpointAuthMethod());
        v.put("grant_types", List.of(JWT_BEARER));
        v.put("scopes", a.scopes().stream().sorted().toList());
        v.put("client_uri", a.clientUri());
        v.put("access_token_lifetime", a.accessTokenLifetime() == null ? 0 : a.accessTokenLifetime());
        return v;
    }
}
