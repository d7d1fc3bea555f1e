package no.samarbeidsportal.token.admin;

import com.nimbusds.jwt.JWTClaimsSet;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.samarbeidsportal.identity.MachineIdentity;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.system.ApiErrors;
import no.samarbeidsportal.system.database.DatabaseOutage;
import org.jboss.logging.Logger;

/** Turns a verified admin token into a machine identity: calling organisation, token scopes, client id. */
@ApplicationScoped
public class AdminTokenIdentityProvider implements IdentityProvider<AdminTokenRequest> {

    private static final Logger LOG = Logger.getLogger(AdminTokenIdentityProvider.class);

    private final AdminTokenVerifier verifier;
    private final FirstUse firstUse;

    AdminTokenIdentityProvider(AdminTokenVerifier verifier, FirstUse firstUse) {
        this.verifier = verifier;
        this.firstUse = firstUse;
    }

    @Override
    public Class<AdminTokenRequest> getRequestType() {
        return AdminTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(AdminTokenRequest request, AuthenticationRequestContext context) {
        // the first token of an issuer fetches its JWKS over HTTP: off the event loop
        return context.runBlocking(() -> {
            try {
                return identity(verifier.verify(request.token()));
            } catch (AuthenticationFailedException e) {
                RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
                if (http != null) {
                    http.put(ApiErrors.TOKEN_FAILURE, "error." + e.getMessage());
                }
                throw e;
            }
        });
    }

    private SecurityIdentity identity(JWTClaimsSet claims) {
        String clientId = stringClaim(claims, "client_id");
        Set<String> scopes = Arrays.stream(String.valueOf(claims.getClaim("scope")).split(" "))
                .filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
        String calling = callingOrganisation(claims);
        // a number that is no organisation is no organisation to act for: every administrative call is then 403
        String orgno = OrgNumberValidator.isValid(calling) ? calling : null;
        String represented = calling == null ? representedOrganisation(claims) : null;
        if (represented != null) {
            String subject = claims.getSubject() != null ? claims.getSubject() : stringClaim(claims, "pid");
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("user:" + (subject == null ? "unknown" : subject)))
                    .addAttribute(MachineIdentity.ORGNO, represented)
                    .addAttribute(MachineIdentity.SCOPES, scopes)
                    .addAttribute(MachineIdentity.USER_TOKEN, true)
                    .addAttribute(MachineIdentity.DELEGATED, false)
                    .build();
        }
        boolean delegated = claims.getClaim("delegation_source") != null;
        boolean supplied = claims.getClaim("supplier") != null;
        if (orgno != null && !delegated && !supplied
                && scopes.stream().anyMatch(s -> !Permission.ofTokenScope(s).isEmpty())) {
            registerOnFirstUse(orgno, claims.getIssuer());
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(clientId == null ? "unknown-client" : clientId))
                .addAttribute(MachineIdentity.ORGNO, orgno)
                .addAttribute(MachineIdentity.SCOPES, scopes)
                .addAttribute(MachineIdentity.DELEGATED, delegated)
                .addAttribute(MachineIdentity.SUPPLIED, supplied)
                .build();
    }

    /**
     * An organisation that administers with a trusted issuer's token is registered the first time, so its first write
     * has an organisation to belong to (issue 13). Only a token that may administer for itself counts: not a person's,
     * not one obtained by delegation or for a supplier's client, which the admin API refuses anyway.
     */
    private void registerOnFirstUse(String orgno, String issuer) {
        try {
            firstUse.register(orgno, issuer);
        } catch (RuntimeException e) {
            // the request's own use of the database reports an outage the usual way (503); this is not the place
            if (DatabaseOutage.causedBy(e)) {
                LOG.debugf("Could not register organisation %s on first use: %s", orgno, e.getMessage());
            } else {
                LOG.warnf(e, "Could not register organisation %s on first use", orgno);
            }
        }
    }

    /**
     * admin-api.md 2.4: the organisation a person's user token represents: Ansattporten's
     * {@code authorization_details[].reportees[].ID}, else {@code user_org.ID}; null when there is none.
     */
    static String representedOrganisation(JWTClaimsSet claims) {
        if (claims.getClaim("authorization_details") instanceof Iterable<?> details) {
            for (Object detail : details) {
                if (detail instanceof Map<?, ?> entry && entry.get("reportees") instanceof Iterable<?> reportees) {
                    for (Object reportee : reportees) {
                        if (reportee instanceof Map<?, ?> r && r.get("ID") instanceof String id
                                && id.startsWith("0192:")) {
                            return id.substring(5);
                        }
                    }
                }
            }
        }
        if (claims.getClaim("user_org") instanceof Map<?, ?> userOrg && userOrg.get("ID") instanceof String id) {
            return id.startsWith("0192:") ? id.substring(5) : id;
        }
        return null;
    }

    /** admin-api.md 2.2: consumer.ID without "0192:"; the legacy client_orgno only when consumer is missing. */
    static String callingOrganisation(JWTClaimsSet claims) {
        Object consumer = claims.getClaim("consumer");
        if (consumer instanceof Map<?, ?> map && map.get("ID") instanceof String id) {
            return id.startsWith("0192:") ? id.substring(5) : id;
        }
        return stringClaim(claims, "client_orgno");
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
