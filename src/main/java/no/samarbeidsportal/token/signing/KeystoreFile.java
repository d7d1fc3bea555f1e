package no.samarbeidsportal.token.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The signing key in a PKCS#12 keystore the operator configured ({@code portal.token.keystore}) instead of the
 * database; the operator rotates it, so it is the only key and signs from the start.
 */
final class KeystoreFile {

    private KeystoreFile() {
    }

    /** The key under the configured alias, or the keystore's first key entry. */
    static LoadedKey read(SigningConfig config) {
        Path path = Path.of(config.keystore().orElseThrow());
        char[] password = config.keystorePassword().orElse("").toCharArray();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = config.keystoreAlias().orElseGet(() -> firstKeyEntry(store, path));
            if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)) {
                throw new IllegalStateException("No private key " + alias + " in " + path);
            }
            Certificate certificate = store.getCertificate(alias);
            if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
                throw new IllegalStateException("The key " + alias + " in " + path + " is not an RSA key");
            }
            RSAKey jwk = new RSAKey.Builder(publicKey).keyIDFromThumbprint().keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).build();
            return LoadedKey.of(jwk.getKeyID(), jwk, privateKey, Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing keystore " + path, e);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot read the token signing keystore " + path, e);
        }
    }

    private static String firstKeyEntry(KeyStore store, Path path) {
        return Collections.list(aliases(store)).stream().filter(a -> isKey(store, a)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No key entry in " + path));
    }

    private static Enumeration<String> aliases(KeyStore store) {
        try {
            return store.aliases();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
