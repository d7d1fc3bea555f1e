package no.samarbeidsportal.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import no.samarbeidsportal.keys.EnterpriseCertificate;
import no.samarbeidsportal.system.Profile;
import no.samarbeidsportal.token.TokenData.TokenClient;
import no.samarbeidsportal.token.TokenData.TokenKey;
import no.samarbeidsportal.token.TokenData.TokenScope;
import no.samarbeidsportal.token.signing.Signer;

/**
 * Issues Maskinporten tokens (token-protocol.md 5): a grant is checked in the spec's order, and a token is issued only
 * when every requested scope is on the client, allows its integration type, and is open to the consumer through
 * ownership, the access list, accessible_for_all or a delegation. All or nothing.
 */
@ApplicationScoped
public class TokenService {

    static final String PRIVATE_KEY_JWT = "private_key_jwt";
    static final String ENTERPRISE_CERTIFICATE = "virksomhetssertifikat";
    private static final String AUTHORITY = "iso6523-actorid-upis";
    private static final int DEFAULT_LIFETIME = 120;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScopeRules rules;
    private final GrantUses grantUses;
    private final TrustAnchors trustAnchors;
    private final Signer signer;
    private final TokenConfig config;
    private final Clock clock;
    private final OpaqueTokens opaqueTokens;
    private final DpopProofs dpopProofs;

    /** A token issued, the response's {@code expires_in}, and its {@code token_type} (Bearer, or DPoP when bound). */
    public record Issued(String accessToken, long expiresIn, String scope, String tokenType) {
    }

    TokenService(ScopeRules rules, GrantUses grantUses, TrustAnchors trustAnchors, Signer signer,
            TokenConfig config, Clock clock, OpaqueTokens opaqueTokens, DpopProofs dpopProofs) {
        this.rules = rules;
        this.grantUses = grantUses;
        this.trustAnchors = trustAnchors;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
        this.opaqueTokens = opaqueTokens;
        this.dpopProofs = dpopProofs;
    }

    /**
     * Checks the grant and issues a token for the profile, with the request's {@code DPoP} header values (RFC 9449).
     * Throws {@link TokenRefused} with the first failure found before the replay store is asked; the answer completes
     * once the replay store has durably marked the grant used (the token is signed meanwhile), or fails with the
     * first failure, MP-012 for a replay.
     */
    public CompletableFuture<Issued> issue(Profile profile, TokenRequest request, List<String> dpop) {
        return issue(profile, request, dpop, false);
    }

    /**
     * {@link #issue} for a request without a DPoP header, on a thread that must not wait (the request's event loop):
     * every lookup from the decision cache. Throws {@link DecisionCache.NotCached}, before the grant is marked used or
     * anything else is written, when a lookup is not cached or the token needs a write of its own (a DPoP proof's,
     * an opaque token's); the caller then hands the request to a thread that may wait.
     */
    CompletableFuture<Issued> issueFromCache(Profile profile, TokenRequest request) {
        return DecisionCache.cachedOnly(() -> issue(profile, request, List.of(), true));
    }

    private CompletableFuture<Issued> issue(Profile profile, TokenRequest request, List<String> dpop,
            boolean cachedOnly) {
        Instant now = clock.instant();
        Grant grant = Grant.parse(request.assertion());
        String clientId = grant.clientId();
        TokenClient client = rules.usableClient(clientId);
        Optional<Boolean> appointment = rules.appointment(client);
        if (cachedOnly && (client.keys().isEmpty() || !rules.plainTokens(grant.scopes(), profile.sky()))) {
            // an enterprise certificate's chain check, a DPoP proof or an opaque token: on a token thread, before any
            // signature is verified here for nothing
            throw DecisionCache.NotCached.INSTANCE;
        }
        grant.checkAudience(profile.issuer());
        boolean certificate = authenticate(grant, client, now);
        grant.checkTime(now);
        grant.checkClaims(config.strictClaims(), profile.sky());
        // step 10 looked up now (cached data), its refusal raised after the replay check: nothing waits after the mark
        ScopeRules.Decision decision = rules.decide(client, appointment, grant.scopes(), grant.consumerOrg());
        if (cachedOnly && decision.scopesRefused() == null
                && (requiringDpop(decision.scopes()) != null || opaque(profile, decision.scopes()))) {
            throw DecisionCache.NotCached.INSTANCE;
        }
        // step 9, the replay store: its durable write is under way while the rest is checked and the token signed,
        // and nothing leaves before it says this is the grant's first use
        CompletableFuture<Boolean> firstUse = grantUses.mark(grantHash(grant, clientId),
                grant.usedUntil());
        Issued issued;
        try {
            List<TokenScope> allowed = decision.allowed();
            String jkt = dpopProofs.check(profile, dpop, requiringDpop(allowed), now);
            String consumer = grant.consumerOrg() != null ? grant.consumerOrg() : client.orgno();
            String delegationSource = decision.delegationSource();
            OpaqueTokens.checkKind(allowed);
            String supplier = grant.consumerOrg() != null ? client.orgno() : client.supplierOrgno();
            if ((firstUse.isDone() || opaque(profile, allowed)) && !GrantUses.firstUse(firstUse)) {
                // a replay already known is not signed for; an opaque token is a row: none is stored for a replay
                throw new TokenRefused(ErrorCode.MP_012);
            }
            issued = token(profile, grant, client, certificate, allowed, consumer, supplier, delegationSource, now,
                    jkt);
        } catch (RuntimeException e) {
            // a replayed grant is refused as a replay (MP-012), whatever a later step would have said
            return GrantUses.answer(firstUse).thenApply(first -> {
                throw first ? e : new TokenRefused(ErrorCode.MP_012);
            });
        }
        return GrantUses.answer(firstUse).thenApply(first -> {
            if (!first) {
                throw new TokenRefused(ErrorCode.MP_012);
            }
            return issued;
        });
    }

    /** At introspection: whether the client would still be given the scopes for the consumer ({@link ScopeRules}). */
    boolean stillAllowed(String clientId, List<String> scopes, String consumerOrg) {
        return rules.stillAllowed(clientId, scopes, consumerOrg);
    }

    /** The first requested scope that requires DPoP (issue 18), or null. */
    private static String requiringDpop(List<TokenScope> scopes) {
        for (TokenScope scope : scopes) {
            if (scope.requiresDpop()) {
                return scope.name();
            }
        }
        return null;
    }

    /** Step 5 and 6: the key (registered kid, or an enterprise certificate) and the signature; true for x5c. */
    boolean authenticate(Grant grant, TokenClient client, Instant now) {
        if (!client.keys().isEmpty()) {
            if (grant.kid == null) {
                throw new TokenRefused(ErrorCode.MP_126);
            }
            TokenKey key = client.keys().get(grant.kid);
            if (key == null) {
                throw new TokenRefused(ErrorCode.MP_125);
            }
            if (key.expires().isBefore(now)) {
                throw new TokenRefused(ErrorCode.MP_121);
            }
            if (key.certificateNotAfter() != null && key.certificateNotAfter().isBefore(now)) {
                throw new TokenRefused(ErrorCode.MP_120);
            }
            grant.checkSignature(key.publicKey(), signer.provider());
            return false;
        }
        if (grant.x5c == null) {
            throw new TokenRefused(ErrorCode.MP_125);
        }
        X509Certificate leaf = trustAnchors.leaf(grant.x5c);
        if (!client.orgno().equals(EnterpriseCertificate.orgno(leaf))) {
            throw new TokenRefused(ErrorCode.MP_122);
        }
        if (!(leaf.getPublicKey() instanceof RSAPublicKey key) || key.getModulus().bitLength() < 2048) {
            throw new TokenRefused(ErrorCode.MP_120);
        }
        grant.checkSignature(key, signer.provider());
        return true;
    }

    private Issued token(Profile profile, Grant grant, TokenClient client, boolean certificate,
            List<TokenScope> scopes, String consumer, String supplier, String delegationSource, Instant now,
            String jkt) {
        int lifetime = client.accessTokenLifetime() > 0 ? client.accessTokenLifetime() : DEFAULT_LIFETIME;
        for (TokenScope scope : scopes) {
            if (scope.atMaxAge() > 0) {
                lifetime = Math.min(lifetime, scope.atMaxAge());
            }
        }
        String scope = String.join(" ", grant.scopes());
        long iat = now.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("scope", scope);
        claims.put("iss", profile.issuer());
        claims.put("client_amr", certificate ? ENTERPRISE_CERTIFICATE : PRIVATE_KEY_JWT);
        String tokenType = jkt == null ? "Bearer" : "DPoP";
        claims.put("token_type", tokenType);
        claims.put("exp", iat + lifetime);
        claims.put("iat", iat);
        claims.put("client_id", client.clientId());
        claims.put("jti", jti());
        claims.put("consumer", organisation(consumer));
        List<String> resources = grant.resources();
        if (!resources.isEmpty()) {
            claims.put("aud", resources.size() == 1 ? resources.get(0) : resources);
        }
        if (grant.pid() != null) {
            claims.put("pid", grant.pid());
        }
        if (supplier != null) {
            claims.put("supplier", organisation(supplier));
        }
        if (delegationSource != null) {
            claims.put("delegation_source", delegationSource);
        }
        if (profile.sky()) {
            claims.put("sub", "0192:" + consumer + ";" + scope);
        }
        if (jkt != null) {
            // RFC 9449 6.1: bound to the proof's key
            claims.put("cnf", Map.of("jkt", jkt));
        }
        String token = opaque(profile, scopes) ? opaqueTokens.issue(claims, scopes.get(0).ownerOrgno(), consumer) : signer.sign(claims);
        return new Issued(token, lifetime, scope, tokenType);
    }

    /** Whether the token is a reference token; Skyporten's are for cloud federation, which only takes JWTs. */
    private static boolean opaque(Profile profile, List<TokenScope> scopes) {
        return scopes.get(0).opaque() && !profile.sky();
    }

    private static Map<String, String> organisation(String orgno) {
        Map<String, String> org = new LinkedHashMap<>();
        org.put("authority", AUTHORITY);
        org.put("ID", "0192:" + orgno);
        return org;
    }

    private static String jti() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** token-protocol.md 9: (client_id, jti), or the whole assertion when there is no jti. */
    static byte[] grantHash(Grant grant, String clientId) {
        String key = grant.jti() != null ? "jti\n" + clientId + "\n" + grant.jti() : "assertion\n" + grant.assertion;
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
