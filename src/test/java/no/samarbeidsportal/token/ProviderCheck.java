package no.samarbeidsportal.token;

import io.quarkus.oidc.BearerTokenAuthentication;
import io.quarkus.oidc.Tenant;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An API provider's endpoint as the scope page's quarkus-oidc example sets it up (tests only): quarkus-oidc tenant
 * "provider-check" discovers this token service from its metadata and validates our tokens with its JWKS.
 */
@Path("/test/provider-check")
@Tenant("provider-check")
@BearerTokenAuthentication
@Authenticated
public class ProviderCheck {

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> check() {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        Object consumer = token.getClaim("consumer");
        String id = consumer instanceof jakarta.json.JsonObject json ? json.getString("ID")
                : consumer instanceof Map<?, ?> map ? String.valueOf(map.get("ID")) : "none in " + token.getClaimNames();
        return Map.of("consumer", id, "scope", String.valueOf((Object) token.getClaim("scope")),
                "issuer", token.getIssuer());
    }
}
