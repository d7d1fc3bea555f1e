package no.samarbeidsportal.system;

import java.net.URI;

/**
 * One issuer profile of the token service (token-protocol.md 1): Maskinporten (issuer with a trailing slash, metadata
 * at the host root) or Skyporten (no trailing slash, everything under the issuer's path). The issuer string is used
 * byte for byte.
 */
public record Profile(boolean sky, String issuer) {

    /** The issuer without its trailing slash: token endpoint, JWKS and error pages hang under it. */
    public String base() {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The issuer's path without a trailing slash: {@code ""} for {@code https://host/}, {@code /sky} for Skyporten. */
    public String path() {
        String path = URI.create(issuer).getRawPath();
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    public String tokenEndpoint() {
        return base() + "/token";
    }

    public String jwksUri() {
        return base() + "/jwk";
    }
}
