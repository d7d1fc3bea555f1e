package no.samarbeidsportal.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** People's login sessions, kept on the server: logging out ends one at once, and so do these limits. */
@ConfigMapping(prefix = "portal.session")
public interface SessionConfig {

    /** A session without a request for this long has ended (PORTAL_SESSION_IDLE_TIMEOUT, e.g. 30m). */
    @WithDefault("30m")
    Duration idleTimeout();

    /** A session ends this long after its login, however active (PORTAL_SESSION_MAX_AGE, e.g. 8h). */
    @WithDefault("8h")
    Duration maxAge();
}
