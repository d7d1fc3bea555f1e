package no.samarbeidsportal.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import org.jboss.logging.Logger;

/**
 * The token service's signing keys (token-protocol.md 7, 10). A key is made on first start and kept in the database,
 * its private part encrypted with the configured secret; or it comes from a configured PKCS#12 keystore. Database
 * keys rotate: the next key is published in /jwk {@code key-publish-ahead} before it signs, and a retired key stays
 * published as long again plus a day. Every instance picks the signing key by time from the same rows, so they switch
 * together.
 */
@ApplicationScoped
public class SigningKeyService {

    private static final Logger LOG = Logger.getLogger(SigningKeyService.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Any instance making or rotating keys holds this advisory lock, so two first starts make one key. */
    private static final long LOCK = 0x5349474e4b4559L;

    private final TokenConfig config;
    private final Clock clock;
    private final Provider provider;
    private volatile List<Loaded> keys = List.of();
    /** One Signature per thread: looking the algorithm up in the provider list on every token showed in profiles. */
    private final ThreadLocal<Signature> signatures = ThreadLocal.withInitial(this::newSignature);
    private ScheduledExecutorService timer;

    private record Loaded(String kid, RSAKey publicJwk, PrivateKey privateKey, Instant signsFrom, byte[] header) {
    }

    SigningKeyService(TokenConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.provider = NativeCrypto.provider(config.nativeCrypto());
    }

    void start(@Observes StartupEvent event) {
        refresh();
        if (config.keystore().isEmpty()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "signing-key-rotation");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::refreshQuietly, 1, 1, TimeUnit.MINUTES);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Makes or rotates database keys where due, and reloads what is published. */
    public synchronized void refresh() {
        if (config.keystore().isPresent()) {
            keys = List.of(fromKeystore());
            return;
        }
        byte[] secret = secret();
        QuarkusTransaction.requiringNew().run(() -> rotate(secret));
        List<Loaded> loaded = new ArrayList<>();
        Instant retiredAfter = clock.instant().minus(config.keyPublishAhead()).minus(Duration.ofDays(1));
        for (SigningKey k : QuarkusTransaction.requiringNew().call(() -> SigningKey.published(retiredAfter))) {
            loaded.add(load(k, secret));
        }
        keys = Collections.unmodifiableList(loaded);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh the token signing keys; signing on with the loaded ones", e);
        }
    }

    /** The public keys for /jwk, oldest first. */
    public JWKSet published() {
        return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.publicJwk()).toList());
    }

    /** The compact RS256 JWS of {@code claims} (an ordered map), header exactly {kid, alg} (token-protocol.md 7). */
    public String sign(Map<String, Object> claims) {
        Loaded key = current();
        try {
            String input = new String(key.header(), StandardCharsets.US_ASCII) + "."
                    + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = signatures.get();
            signature.initSign(key.privateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(signature.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private Signature newSignature() {
        try {
            return provider == null ? Signature.getInstance("SHA256withRSA")
                    : Signature.getInstance("SHA256withRSA", provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No SHA256withRSA", e);
        }
    }

    /** The kid tokens are signed with now. */
    public String currentKid() {
        return current().kid();
    }

    /** The native provider, or null for the JDK's: grants are verified with it too. */
    Provider provider() {
        return provider;
    }

    /** Which RSA implementation signs: the native provider's name, or the JDK's. */
    public String signingProvider() {
        return provider == null ? "JDK" : provider.getName();
    }

    private Loaded current() {
        Instant now = clock.instant();
        return keys.stream().filter(k -> !k.signsFrom().isAfter(now)).max(Comparator.comparing(Loaded::signsFrom))
                .orElseThrow(() -> new IllegalStateException("No signing key signs yet"));
    }

    private void rotate(byte[] secret) {
        SigningKey.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + LOCK + ")").getSingleResult();
        Instant now = clock.instant();
        List<SigningKey> live = SigningKey.list("retired is null order by signsFrom, id");
        if (live.isEmpty()) {
            create(secret, now);
            return;
        }
        SigningKey signing = null;
        for (SigningKey k : live) {
            if (!k.signsFrom.isAfter(now)) {
                if (signing != null) {
                    signing.retired = k.signsFrom;
                    LOG.infof("Token signing key %s retired; %s signs since %s", signing.kid, k.kid, k.signsFrom);
                }
                signing = k;
            }
        }
        boolean pending = live.stream().anyMatch(k -> k.signsFrom.isAfter(now));
        if (signing != null && !pending
                && !signing.signsFrom.plus(config.keyRotation()).minus(config.keyPublishAhead()).isAfter(now)) {
            Instant next = signing.signsFrom.plus(config.keyRotation());
            Instant earliest = now.plus(config.keyPublishAhead());
            create(secret, next.isBefore(earliest) ? earliest : next);
        }
    }

    private void create(byte[] secret, Instant signsFrom) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyIDFromThumbprint()
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            SigningKey key = new SigningKey();
            key.kid = jwk.getKeyID();
            key.publicJwk = jwk.toJSONObject();
            key.privateKeyEncrypted = encrypt(secret, key.kid, pair.getPrivate().getEncoded());
            key.signsFrom = signsFrom;
            key.created = clock.instant();
            key.persist();
            AuditEvent.bySystem(null, AuditAction.SIGNING_KEY_CREATED, AuditSubject.signingKey(key.kid),
                    Map.of("kid", key.kid, "signs_from", signsFrom.toString()));
            LOG.infof("Token signing key %s created; it signs from %s", key.kid, signsFrom);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Could not make a token signing key", e);
        }
    }

    private Loaded load(SigningKey k, byte[] secret) {
        try {
            RSAKey jwk = RSAKey.parse(k.publicJwk);
            byte[] pkcs8 = decrypt(secret, k.kid, k.privateKeyEncrypted);
            return loaded(k.kid, jwk, KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                    k.signsFrom);
        } catch (ParseException | GeneralSecurityException e) {
            throw new IllegalStateException("Token signing key " + k.kid + " cannot be read with the configured "
                    + "secret (portal.token.key-secret): it was made with another one", e);
        }
    }

    /**
     * Keeps the JDK's key object, not one translated to the native provider: the provider frees a translated key
     * when a Signature moves on to another key, and signing then failed ("Key has been destroyed") after key
     * refreshes. The provider converts a JDK key itself on initSign.
     */
    private static Loaded loaded(String kid, RSAKey jwk, PrivateKey privateKey, Instant signsFrom) {
        byte[] header = B64URL.encode(("{\"kid\":\"" + kid + "\",\"alg\":\"RS256\"}").getBytes(StandardCharsets.UTF_8));
        return new Loaded(kid, jwk, privateKey, signsFrom, header);
    }

    private Loaded fromKeystore() {
        Path path = Path.of(config.keystore().orElseThrow());
        char[] password = config.keystorePassword().orElse("").toCharArray();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = config.keystoreAlias().orElseGet(() -> Collections.list(aliases(store)).stream()
                    .filter(a -> isKey(store, a)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No key entry in " + path)));
            if (!(store.getKey(alias, password) instanceof PrivateKey privateKey)) {
                throw new IllegalStateException("No private key " + alias + " in " + path);
            }
            Certificate certificate = store.getCertificate(alias);
            if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
                throw new IllegalStateException("The key " + alias + " in " + path + " is not an RSA key");
            }
            RSAKey jwk = new RSAKey.Builder(publicKey).keyIDFromThumbprint().keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).build();
            return loaded(jwk.getKeyID(), jwk, privateKey, Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing keystore " + path, e);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot read the token signing keystore " + path, e);
        }
    }

    private static java.util.Enumeration<String> aliases(KeyStore store) {
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

    /** SHA-256 of the configured secret, or of one made on first start and kept in a file only the owner reads. */
    private byte[] secret() {
        Optional<String> configured = config.keySecret().filter(s -> !s.isBlank());
        String secret;
        if (configured.isPresent()) {
            secret = configured.get();
        } else {
            Path file = Path.of(config.keySecretFile());
            try {
                if (!Files.exists(file)) {
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
                secret = Files.readString(file).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot keep the token key secret in " + file.toAbsolutePath(), e);
            }
        }
        if (secret.length() < 32) {
            throw new IllegalStateException("portal.token.key-secret must be at least 32 characters");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encrypt(byte[] secret, String kid, byte[] plain) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return out;
    }

    private static byte[] decrypt(byte[] secret, String kid, byte[] stored) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, stored, 0, 12));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(stored, 12, stored.length - 12);
    }
}
