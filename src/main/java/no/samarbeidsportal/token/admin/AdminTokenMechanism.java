package no.samarbeidsportal.token.admin;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import no.samarbeidsportal.system.Paths;

/**
 * Bearer tokens on the admin API (admin-api.md 2.1). Pages use the login session instead (quarkus-oidc), so this
 * mechanism leaves page requests alone and, for the API, answers a missing login with 401 rather than a redirect.
 */
@ApplicationScoped
public class AdminTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (!Paths.isApi(context.normalizedPath()) || header == null
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        AdminTokenRequest request = new AdminTokenRequest(header.substring(BEARER.length()).trim());
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!Paths.isApi(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AdminTokenRequest.class);
    }

    @Override
    public int getPriority() {
        // before quarkus-oidc, whose challenge for the pages is a redirect to the login provider
        return DEFAULT_PRIORITY + 1000;
    }
}
