package no.samarbeidsportal.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The token service (token-protocol.md): its issuers, its signing key, and what it trusts. */
@ConfigMapping(prefix = "portal.token")
public interface TokenConfig {

    /** The Maskinporten profile's issuer, byte for byte, with a trailing slash as Maskinporten's. */
    @WithDefault("http://localhost:8080/")
    String issuer();

    /** The Skyporten profile (token-protocol.md 13). */
    Sky sky();

    /**
     * The secret the signing key's private part is encrypted with in the database (at least 32 characters, e.g.
     * {@code openssl rand -base64 32}). Every instance on one database needs the same one. Without it, a secret is
     * made on first start and kept in {@link #keySecretFile()} (one instance only).
     */
    Optional<String> keySecret();

    /** Where a generated key secret is kept when {@link #keySecret()} is not set. */
    @WithDefault("data/token-signing-key.secret")
    String keySecretFile();

    /** A PKCS#12 keystore holding the signing key instead of the database (the operator rotates it). */
    Optional<String> keystore();

    /** The keystore's password. */
    Optional<String> keystorePassword();

    /** The key's alias in the keystore; the first key entry when not set. */
    Optional<String> keystoreAlias();

    /** How long a database signing key signs before the next one takes over. */
    @WithDefault("90d")
    Duration keyRotation();

    /** How long the next key is published in /jwk before it signs (token-protocol.md 10: at least 24 h). */
    @WithDefault("24h")
    Duration keyPublishAhead();

    /** PEM files of the CA certificates that enterprise certificates in x5c grants must chain to (token-protocol.md 11). */
    Optional<List<String>> trustAnchors();

    /** Refuse grant claims outside token-protocol.md 4's list (Digdir's current behaviour). */
    @WithDefault("true")
    boolean strictClaims();

    /** Sign with the native Amazon Corretto Crypto Provider when it loads on this machine (about 4x the JDK's RSA). */
    @WithDefault("true")
    boolean nativeCrypto();

    /** Cache the token service's decisions; every instance drops its cache on each change (PostgreSQL NOTIFY). */
    @WithDefault("true")
    boolean cache();

    /** The operator's organisation, which owns the admin API's scopes under prefix idporten ({@link AdminScopes}). */
    Optional<String> adminScopesOwner();

    interface Sky {

        /** Serve the Skyporten profile. */
        @WithDefault("true")
        boolean enabled();

        /** Its issuer, without a trailing slash; its endpoints are under the issuer's path. */
        @WithDefault("http://localhost:8080/sky")
        String issuer();
    }
}
