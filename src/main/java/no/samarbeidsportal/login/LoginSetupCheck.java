package no.samarbeidsportal.login;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import no.samarbeidsportal.system.LoginSetup;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells whether the portal has a login provider: an operator's OpenID Connect provider, or the demo login switched
 * on. The packaged app's default provider is the demo login, which is off unless asked for; without either, the pages
 * that need a login answer 503 with what to set, and the start-up log says the same. The admin API and the token
 * service do not need it.
 */
@ApplicationScoped
class LoginSetupCheck implements LoginSetup {

    private static final Logger LOG = Logger.getLogger(LoginSetupCheck.class);

    private final boolean configured;
    private final boolean demo;

    // quarkus-oidc's own setting, read here rather than mapped again
    LoginSetupCheck(DevLoginConfig devLogin,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        boolean builtIn = authServerUrl.map(u -> u.replaceAll("/+$", "").endsWith("/dev-login")).orElse(true);
        this.demo = devLogin.enabled() && builtIn;
        this.configured = devLogin.enabled() || !builtIn;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    void report(@Observes StartupEvent started) {
        if (!configured) {
            LOG.warn("No login provider is configured, so nobody can log in to the portal's pages (they answer 503"
                    + " and say so). Set QUARKUS_OIDC_AUTH_SERVER_URL, QUARKUS_OIDC_CLIENT_ID and"
                    + " QUARKUS_OIDC_CREDENTIALS_SECRET for your OpenID Connect provider, or PORTAL_DEV_LOGIN_ENABLED=true"
                    + " for the built-in demo login (anyone can log in as anyone: never in production). The admin API"
                    + " and the token service work without a login provider.");
        } else if (demo && LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            // ./mvnw quarkus:dev is a demo by definition: there the warning would only be noise
            LOG.warn("The built-in demo login is on (PORTAL_DEV_LOGIN_ENABLED=true): anyone can log in as anyone."
                    + " Never use it in production.");
        }
    }
}
