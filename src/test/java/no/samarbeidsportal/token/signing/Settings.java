package no.samarbeidsportal.token.signing;

import java.time.Duration;
import java.util.Optional;

/** Signing settings as a test chooses them, without the app's configuration. */
record Settings(Optional<String> keySecret, String keySecretFile, Optional<String> keystore,
        Optional<String> keystorePassword, Optional<String> keystoreAlias, Duration keyRotation,
        Duration keyPublishAhead, boolean nativeCrypto) implements SigningConfig {

    static Settings secret(String secret, String file) {
        return new Settings(Optional.ofNullable(secret), file, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofDays(90), Duration.ofHours(24), false);
    }

    static Settings keystore(String path, String password, String alias) {
        return new Settings(Optional.empty(), "unused", Optional.of(path), Optional.ofNullable(password),
                Optional.ofNullable(alias), Duration.ofDays(90), Duration.ofHours(24), false);
    }
}
