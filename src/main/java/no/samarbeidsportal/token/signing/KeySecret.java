package no.samarbeidsportal.token.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The secret the database signing keys' private parts are encrypted with at rest: AES-256-GCM under SHA-256 of
 * {@code portal.token.key-secret}, or of a secret made on first start and kept in a file only the owner reads. The kid
 * is the associated data, so a stored key cannot be passed off as another.
 */
final class KeySecret {

    private static final Logger LOG = Logger.getLogger(KeySecret.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] aesKey;

    private KeySecret(byte[] aesKey) {
        this.aesKey = aesKey;
    }

    /** The configured secret, or the one in the secret file, made there when there is none yet. */
    static KeySecret of(SigningConfig config) {
        Optional<String> configured = config.keySecret().filter(s -> !s.isBlank());
        String secret = configured.isPresent() ? configured.get() : fromFile(Path.of(config.keySecretFile()));
        if (secret.length() < 32) {
            throw new IllegalStateException("portal.token.key-secret must be at least 32 characters");
        }
        try {
            return new KeySecret(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                make(file);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the token key secret in " + file.toAbsolutePath(), e);
        }
    }

    private static void make(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(random));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.debug("No POSIX permissions here", e);
        }
        LOG.warnf("No portal.token.key-secret (PORTAL_TOKEN_KEY_SECRET) set: made one in %s. Set the "
                + "same secret on every instance that shares the database.", file.toAbsolutePath());
    }

    /** The 12-byte nonce, then {@code plain} encrypted with {@code kid} as associated data. */
    byte[] encrypt(String kid, byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return out;
    }

    /** What {@link #encrypt} sealed for {@code kid}; GeneralSecurityException when another secret or kid sealed it. */
    byte[] decrypt(String kid, byte[] stored) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }
}
