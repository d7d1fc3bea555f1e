package no.samarbeidsportal.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The token service as consumers see it (token-protocol.md): its issuer, and the token endpoint under it. */
@ConfigMapping(prefix = "portal.token")
public interface TokenConfig {

    /** The issuer, with a trailing slash as Maskinporten's ({@code https://maskinporten.no/}). */
    @WithDefault("http://localhost:8080/")
    String issuer();

    default String tokenEndpoint() {
        return issuer() + (issuer().endsWith("/") ? "" : "/") + "token";
    }
}
