package no.samarbeidsportal.token.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import no.samarbeidsportal.TestCertificates.Issued;
import no.samarbeidsportal.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key from a PKCS#12 keystore the operator configured instead of the database. */
class KeystoreFileTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Issued FIRST = TestCertificates.seid2("310000019");
    private static final Issued SECOND = TestCertificates.seid2("310000027");

    @TempDir
    Path dir;

    private Path keystore(boolean withKeys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setCertificateEntry("ca", TestCertificates.ca().certificate());
        if (withKeys) {
            store.setKeyEntry("first", FIRST.keys().getPrivate(), PASSWORD, new Certificate[] {FIRST.certificate()});
            store.setKeyEntry("second", SECOND.keys().getPrivate(), PASSWORD, new Certificate[] {SECOND.certificate()});
        }
        Path file = dir.resolve("signing.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private static String thumbprint(Issued issued) throws Exception {
        return new RSAKey.Builder((RSAPublicKey) issued.keys().getPublic()).keyIDFromThumbprint().build().getKeyID();
    }

    @Test
    void readsTheKeyUnderTheConfiguredAliasAndSignsWithItFromTheStart() throws Exception {
        LoadedKey key = KeystoreFile.read(Settings.keystore(keystore(true).toString(), "changeit", "second"));
        assertEquals(thumbprint(SECOND), key.kid());
        assertEquals(SECOND.keys().getPublic(), key.publicJwk().toRSAPublicKey());
        assertEquals("sig", key.publicJwk().getKeyUse().identifier());
        assertEquals("RS256", key.publicJwk().getAlgorithm().getName());
        assertEquals(Instant.EPOCH, key.signsFrom());
        assertEquals("{\"kid\":\"" + key.kid() + "\",\"alg\":\"RS256\"}",
                new String(Base64.getUrlDecoder().decode(key.header()), StandardCharsets.UTF_8));
    }

    @Test
    void takesAKeyEntryWhenNoAliasIsConfigured() throws Exception {
        LoadedKey key = KeystoreFile.read(Settings.keystore(keystore(true).toString(), "changeit", null));
        assertTrue(key.kid().equals(thumbprint(FIRST)) || key.kid().equals(thumbprint(SECOND)),
                "a key entry, never the CA's certificate entry");
    }

    @Test
    void refusesAKeystoreWithoutAKey() throws Exception {
        Path file = keystore(false);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeystoreFile.read(Settings.keystore(file.toString(), "changeit", null)));
        assertEquals("No key entry in " + file, e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> KeystoreFile.read(Settings.keystore(file.toString(), "changeit", "ca")));
        assertEquals("No private key ca in " + file, e.getMessage());
    }

    @Test
    void refusesAWrongPasswordOrAMissingFile() throws Exception {
        Path file = keystore(true);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> KeystoreFile.read(Settings.keystore(file.toString(), "wrong", null)));
        assertEquals("Cannot read the token signing keystore " + file, e.getMessage());
        Path missing = dir.resolve("missing.p12");
        e = assertThrows(UncheckedIOException.class,
                () -> KeystoreFile.read(Settings.keystore(missing.toString(), "changeit", null)));
        assertEquals("Cannot read the token signing keystore " + missing, e.getMessage());
    }
}
