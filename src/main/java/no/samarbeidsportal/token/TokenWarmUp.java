package no.samarbeidsportal.token;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import no.samarbeidsportal.token.signing.Signer;
import org.jboss.logging.Logger;

/**
 * Runs the token path's own code hot at start, before the instance reports ready ({@link TokenHealth}): a freshly
 * started JVM interprets it and spends a core compiling it during its first seconds of traffic, which right after a
 * deploy cost a third of the throughput for twenty seconds. Grants of a throwaway client, signed with a throwaway key
 * made here, are read, checked and verified as the endpoint does, marked used in the replay store (under a client_id
 * no real grant can have; the rows go with the store's other expired ones), and a token is signed for each with
 * another throwaway key. Nothing else touches the database or the decision cache, and no token made here leaves this
 * class. The HTTP layer is warmed by the requests the readiness probe and the first clients make.
 */
@ApplicationScoped
public class TokenWarmUp {

    private static final Logger LOG = Logger.getLogger(TokenWarmUp.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String ISSUER = "https://warm-up.invalid/";
    /** Distinct grants: parsing and verifying them again costs no RSA signature of the grant's. */
    private static final int GRANTS = 64;
    /** Grants older than this are made afresh: the endpoint's iat check allows 10 seconds. */
    private static final long FRESH_SECONDS = 5;

    /**
     * The replay store is keyed by client_id and jti: a client_id with a NUL can never be a real grant's (the
     * endpoint refuses those), so the warm-up's marks cannot stand in a real grant's way.
     */
    private static final String CLIENT = "warm-up\u0000";

    private final Signer signer;
    private final GrantUses grantUses;
    private final TokenConfig config;
    private volatile String state = "not started";

    TokenWarmUp(Signer signer, GrantUses grantUses, TokenConfig config) {
        this.signer = signer;
        this.grantUses = grantUses;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.warmUp() <= 0) {
            state = "off";
            return;
        }
        state = "running";
        Thread t = new Thread(this::run, "token-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** {@code off}, {@code running}, {@code done} or {@code failed}: the instance is ready only when not running. */
    String state() {
        return state;
    }

    private void run() {
        long t0 = System.nanoTime();
        try {
            int rounds = warmUp(config.warmUp(), Clock.systemUTC());
            state = "done";
            LOG.infof("Token path warmed up: %d grants checked and tokens signed in %d ms", rounds,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (Throwable e) {
            // never worth keeping an instance out of service: it is only slower for its first seconds
            state = "failed";
            LOG.warnf(e, "Token path warm-up failed; the instance serves cold");
        }
    }

    /**
     * Reads, checks and verifies {@code rounds} grants, marks each used in the replay store (under a client_id no grant
     * can have) and signs a token for each; returns how many.
     */
    int warmUp(int rounds, Clock clock) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair client = generator.generateKeyPair();
        KeyPair tokens = generator.generateKeyPair();
        Instant made = clock.instant();
        byte[][] bodies = grants(client, made);
        List<CompletableFuture<Boolean>> marks = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            Instant now = clock.instant();
            if (now.isAfter(made.plusSeconds(FRESH_SECONDS))) {
                // a long warm-up (or a slow machine) outlives the grants' iat leeway: fresh ones
                made = now;
                bodies = grants(client, made);
            }
            TokenRequest request = TokenRequest.parse(bodies[i % GRANTS], "application/x-www-form-urlencoded", null);
            Grant grant = Grant.parse(request.assertion());
            grant.checkAudience(ISSUER);
            grant.checkSignature(client.getPublic(), signer.provider());
            grant.checkTime(now);
            grant.checkClaims(true, false);
            // the replay store's writers and the database driver run hot too: each round marks a grant of its own
            marks.add(grantUses.mark(TokenService.grantHash(grant, CLIENT + i), now.plusSeconds(130)));
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("scope", String.join(" ", grant.scopes()));
            claims.put("iss", ISSUER);
            claims.put("client_amr", TokenService.PRIVATE_KEY_JWT);
            claims.put("token_type", "Bearer");
            claims.put("exp", now.getEpochSecond() + 120);
            claims.put("iat", now.getEpochSecond());
            claims.put("client_id", grant.clientId());
            claims.put("jti", UUID.randomUUID().toString());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", signer.signForWarmUp(claims, tokens.getPrivate()));
            answer.put("token_type", "Bearer");
            answer.put("expires_in", 120);
            answer.put("scope", claims.get("scope"));
            new JsonObject(answer).encode();
        }
        for (CompletableFuture<Boolean> mark : marks) {
            GrantUses.firstUse(mark);
        }
        return rounds;
    }

    private byte[][] grants(KeyPair client, Instant iat) throws GeneralSecurityException {
        byte[][] bodies = new byte[GRANTS][];
        for (int i = 0; i < GRANTS; i++) {
            bodies[i] = grant(client, iat).getBytes(StandardCharsets.US_ASCII);
        }
        return bodies;
    }

    /** A JWT-bearer grant of the throwaway client, as a form body. */
    private String grant(KeyPair client, Instant iat) throws GeneralSecurityException {
        String header = B64URL.encodeToString("{\"alg\":\"RS256\",\"kid\":\"warm-up\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"aud\":\"" + ISSUER + "\",\"iss\":\"warm-up\",\"scope\":\"warm:up\",\"iat\":"
                + iat.getEpochSecond() + ",\"exp\":" + (iat.getEpochSecond() + 120) + ",\"jti\":\""
                + UUID.randomUUID() + "\"}";
        String input = header + "." + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = signer.provider() == null ? Signature.getInstance("SHA256withRSA")
                : Signature.getInstance("SHA256withRSA", signer.provider());
        signature.initSign(client.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return "grant_type=" + TokenRequest.JWT_BEARER.replace(":", "%3A") + "&assertion=" + input + "."
                + B64URL.encodeToString(signature.sign());
    }
}
