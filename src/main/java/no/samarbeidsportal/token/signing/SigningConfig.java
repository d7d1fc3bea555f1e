package no.samarbeidsportal.token.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The token service's signing key (token-protocol.md 7, 10): where it is kept, how it rotates, what signs with it. */
@ConfigMapping(prefix = "portal.token")
public interface SigningConfig {

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

    /** Sign with the native Amazon Corretto Crypto Provider when it loads on this machine (about 4x the JDK's RSA). */
    @WithDefault("true")
    boolean nativeCrypto();
}
