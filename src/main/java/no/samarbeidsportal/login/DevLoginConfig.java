package no.samarbeidsportal.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import no.samarbeidsportal.system.Paths;

/** The built-in demo login: a minimal OpenID Connect provider for dev, demo and browser tests, never production. */
@ConfigMapping(prefix = "portal.dev-login")
public interface DevLoginConfig {

    /** Serve the demo login at /dev-login; anyone can log in as anyone, so keep it off in production. */
    @WithDefault("false")
    boolean enabled();

    /** The only client allowed to use it (quarkus.oidc.client-id). */
    @WithDefault("samarbeidsportal")
    String clientId();

    /** That client's secret (quarkus.oidc.credentials.secret). */
    @WithDefault("dev-login-secret")
    String clientSecret();

    /** The portal's registered redirect path (quarkus.oidc.authentication.redirect-path): the only code receiver. */
    @WithDefault(Paths.PORTAL + "/callback")
    String redirectPath();

    /** The portal's registered page after logging out (quarkus.oidc.logout.post-logout-path). */
    @WithDefault(Paths.PORTAL)
    String postLogoutPath();
}
