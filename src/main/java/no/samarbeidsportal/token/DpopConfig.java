package no.samarbeidsportal.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** DPoP at the token endpoint (RFC 9449, issue 18): how far a proof's {@code iat} may be from the server's clock. */
@ConfigMapping(prefix = "portal.token.dpop")
public interface DpopConfig {

    /** A proof is accepted while its iat is at most this far in the past or the future; its jti is kept as long. */
    @WithDefault("60s")
    Duration iatWindow();
}
