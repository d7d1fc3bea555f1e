package no.samarbeidsportal.token.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret the database signing keys' private parts are encrypted with (token-protocol.md 10). */
class KeySecretTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final byte[] PRIVATE_KEY = "the PKCS#8 bytes of a private key".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private KeySecret configured(String secret) {
        return KeySecret.of(Settings.secret(secret, dir.resolve("unused").toString()));
    }

    @Test
    void opensWhatItSealedForTheSameKid() throws Exception {
        KeySecret secret = configured(SECRET);
        byte[] sealed = secret.encrypt("kid-1", PRIVATE_KEY);
        assertEquals(12 + PRIVATE_KEY.length + 16, sealed.length, "nonce, ciphertext and tag");
        assertArrayEquals(PRIVATE_KEY, secret.decrypt("kid-1", sealed));
        assertArrayEquals(PRIVATE_KEY, configured(SECRET).decrypt("kid-1", sealed), "on another instance too");
    }

    @Test
    void doesNotOpenAKeyStoredUnderAnotherKidOrWithAnotherSecret() throws Exception {
        byte[] sealed = configured(SECRET).encrypt("kid-1", PRIVATE_KEY);
        assertThrows(GeneralSecurityException.class, () -> configured(SECRET).decrypt("kid-2", sealed));
        assertThrows(GeneralSecurityException.class, () -> configured(SECRET + "!").decrypt("kid-1", sealed));
    }

    @Test
    void refusesASecretShorterThan32Characters() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured("x".repeat(31)));
        assertEquals("portal.token.key-secret must be at least 32 characters", e.getMessage());
    }

    @Test
    void makesASecretOnlyTheOwnerReadsWhenNoneIsConfigured() throws Exception {
        Path file = dir.resolve("data").resolve("token-signing-key.secret");
        byte[] sealed = KeySecret.of(Settings.secret(" ", file.toString())).encrypt("kid-1", PRIVATE_KEY);
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file)).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // the next start reads the same file
        assertArrayEquals(PRIVATE_KEY, KeySecret.of(Settings.secret(null, file.toString())).decrypt("kid-1", sealed));
    }
}
