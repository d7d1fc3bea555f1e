package no.samarbeidsportal.token.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import org.jboss.logging.Logger;

/**
 * The token service's signing keys (token-protocol.md 7, 10). A key is made on first start and kept in the database,
 * its private part encrypted with the configured secret ({@link KeySecret}); or it comes from a configured PKCS#12
 * keystore ({@link KeystoreFile}). Database keys rotate: the next key is published in /jwk {@code key-publish-ahead}
 * before it signs, and a retired key stays published as long again plus a day. Every instance picks the signing key
 * by time from the same rows, so they switch together; the {@link Signer} signs with what is loaded here.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    /** Any instance making or rotating keys holds this advisory lock, so two first starts make one key. */
    private static final long LOCK = 0x5349474e4b4559L;

    private final SigningConfig config;
    private final Clock clock;
    private final Signer signer;
    private ScheduledExecutorService timer;

    SigningKeys(SigningConfig config, Clock clock, Signer signer) {
        this.config = config;
        this.clock = clock;
        this.signer = signer;
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
            signer.use(List.of(KeystoreFile.read(config)));
            return;
        }
        KeySecret secret = KeySecret.of(config);
        QuarkusTransaction.requiringNew().run(() -> rotate(secret));
        List<LoadedKey> loaded = new ArrayList<>();
        Instant retiredAfter = clock.instant().minus(config.keyPublishAhead()).minus(Duration.ofDays(1));
        for (SigningKey k : QuarkusTransaction.requiringNew().call(() -> SigningKey.published(retiredAfter))) {
            loaded.add(load(k, secret));
        }
        signer.use(Collections.unmodifiableList(loaded));
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
        return new JWKSet(signer.loaded().stream().map(k -> (JWK) k.publicJwk()).toList());
    }

    private void rotate(KeySecret secret) {
        SigningKey.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + LOCK + ")").getSingleResult();
        Instant now = clock.instant();
        List<SigningKey> live = SigningKey.list("retired is null order by signsFrom, id");
        if (live.isEmpty()) {
            create(secret, now);
            return;
        }
        SigningKey signing = retireTakenOver(live, now);
        boolean pending = live.stream().anyMatch(k -> k.signsFrom.isAfter(now));
        if (signing != null && !pending
                && !signing.signsFrom.plus(config.keyRotation()).minus(config.keyPublishAhead()).isAfter(now)) {
            Instant next = signing.signsFrom.plus(config.keyRotation());
            Instant earliest = now.plus(config.keyPublishAhead());
            create(secret, next.isBefore(earliest) ? earliest : next);
        }
    }

    /** Retires each live key a later one has taken over from by {@code now}; returns the key that signs now. */
    private static SigningKey retireTakenOver(List<SigningKey> live, Instant now) {
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
        return signing;
    }

    private void create(KeySecret secret, Instant signsFrom) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyIDFromThumbprint()
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            SigningKey key = new SigningKey();
            key.kid = jwk.getKeyID();
            key.publicJwk = jwk.toJSONObject();
            key.privateKeyEncrypted = secret.encrypt(key.kid, pair.getPrivate().getEncoded());
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

    private static LoadedKey load(SigningKey k, KeySecret secret) {
        try {
            RSAKey jwk = RSAKey.parse(k.publicJwk);
            byte[] pkcs8 = secret.decrypt(k.kid, k.privateKeyEncrypted);
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return LoadedKey.of(k.kid, jwk, privateKey, k.signsFrom);
        } catch (ParseException | GeneralSecurityException e) {
            throw new IllegalStateException("Token signing key " + k.kid + " cannot be read with the configured "
                    + "secret (portal.token.key-secret): it was made with another one", e);
        }
    }
}
