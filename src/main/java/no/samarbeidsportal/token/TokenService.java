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
import java.util.ArrayList;
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
    /** The admin API's own scopes (admin-api.md 2.3), never for a supplier's client. */
    private static final String ADMIN_PREFIX = "idporten:";

    private final TokenData data;
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

    TokenService(TokenData data, GrantUses grantUses, TrustAnchors trustAnchors, Signer signer,
            TokenConfig config, Clock clock, OpaqueTokens opaqueTokens, DpopProofs dpopProofs) {
        this.data = data;
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
        Instant now = clock.instant();
        Grant grant = Grant.parse(request.assertion());
        String clientId = grant.clientId();
        TokenClient client = usableClient(clientId);
        Optional<Boolean> appointment = appointment(client);
        grant.checkAudience(profile.issuer());
        boolean certificate = authenticate(grant, client, now);
        grant.checkTime(now);
        grant.checkClaims(config.strictClaims(), profile.sky());
        // step 9, the replay store: its durable write is under way while the rest is checked and the token signed,
        // and nothing leaves before it says this is the grant's first use
        CompletableFuture<Boolean> firstUse = grantUses.mark(grantHash(grant, clientId),
                grant.expires().plusSeconds(Grant.LEEWAY_SECONDS));
        Issued issued;
        try {
            List<TokenScope> allowed = allowedScopes(client, grant.scopes());
            String jkt = dpopProofs.check(profile, dpop, requiringDpop(allowed), now);
            String consumer = grant.consumerOrg() != null ? grant.consumerOrg() : client.orgno();
            String delegationSource = openScopes(client, appointment, allowed, grant.consumerOrg());
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

    /**
     * At introspection (issue 18): whether an opaque token issued to the client for the scopes, to the consumer
     * ({@code consumerOrg} when it came through a delegation, else null) would still be issued: the same client, scope
     * and consumer checks as the token endpoint, on the same cached data. The grant's own checks (key, time, DPoP proof)
     * were made at issue time and are not repeated.
     */
    boolean stillAllowed(String clientId, List<String> scopes, String consumerOrg) {
        try {
            TokenClient client = usableClient(clientId);
            openScopes(client, appointment(client), allowedScopes(client, scopes), consumerOrg);
            return true;
        } catch (TokenRefused e) {
            return false;
        }
    }

    /** A known, active Maskinporten (or KRR) client, or MP-100. */
    private TokenClient usableClient(String clientId) {
        TokenClient client = clientId == null ? null : data.client(clientId).orElse(null);
        if (client == null || !client.active() || !("maskinporten".equals(client.integrationType())
                || "krr".equals(client.integrationType()))) {
            throw new TokenRefused(ErrorCode.MP_100);
        }
        return client;
    }

    /**
     * admin-api.md 2.5: a supplier's client works only while its customer's appointment of the supplier is active
     * (MP-100 otherwise); the appointment says whether the customer's own scopes may be used.
     */
    private Optional<Boolean> appointment(TokenClient client) {
        Optional<Boolean> appointment = client.supplierOrgno() == null ? Optional.empty()
                : data.appointment(client.orgno(), client.supplierOrgno());
        if (client.supplierOrgno() != null && appointment.isEmpty()) {
            throw new TokenRefused(ErrorCode.MP_100);
        }
        return appointment;
    }

    /**
     * Step 10's second part: every scope is open to the consumer (MP-250), and when the grant names a consumer
     * ({@code consumerOrg}) it is a delegation of a delegable scope to this client's organisation (MP-251, MP-252).
     * Returns the delegation source, or null.
     */
    private String openScopes(TokenClient client, Optional<Boolean> appointment, List<TokenScope> allowed,
            String consumerOrg) {
        String consumer = consumerOrg != null ? consumerOrg : client.orgno();
        String delegationSource = null;
        for (TokenScope scope : allowed) {
            if (consumerOrg != null) {
                // a supplier's client for a customer is not a delegation client (admin-api.md 2.5)
                if (scope.delegationSource() == null || consumerOrg.equals(client.orgno())
                        || client.supplierOrgno() != null) {
                    throw new TokenRefused(ErrorCode.MP_252);
                }
                delegationSource = scope.delegationSource();
            }
            boolean opened = client.supplierOrgno() == null ? open(scope, consumer)
                    : openToSupplied(scope, consumer, appointment.orElse(false));
            if (!opened) {
                throw new TokenRefused(ErrorCode.MP_250, scope.name());
            }
            if (consumerOrg != null && !data.delegated(scope.name(), consumer, client.orgno())) {
                throw new TokenRefused(ErrorCode.MP_251, consumer, scope.name(), client.orgno());
            }
        }
        return delegationSource;
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

    /** Step 10's first part: each scope exists, is active and on the client (MP-200), and allows its type (MP-201). */
    private List<TokenScope> allowedScopes(TokenClient client, List<String> names) {
        List<TokenScope> scopes = new ArrayList<>();
        for (String name : names) {
            TokenScope scope = data.scope(name).orElse(null);
            if (scope == null || !scope.active() || !client.scopes().contains(name)) {
                throw new TokenRefused(ErrorCode.MP_200, name);
            }
            scopes.add(scope);
        }
        for (TokenScope scope : scopes) {
            if (!scope.allows(client.integrationType())) {
                throw new TokenRefused(ErrorCode.MP_201, client.integrationType());
            }
        }
        return scopes;
    }

    private boolean open(TokenScope scope, String consumer) {
        return scope.ownerOrgno().equals(consumer) || scope.accessibleForAll() || data.granted(scope.name(), consumer);
    }

    /**
     * The supplier's client rule again at token time (defence in depth, admin-api.md 2.5): never the admin API's own
     * scopes, and the customer's own scopes only where the appointment allows them.
     */
    private boolean openToSupplied(TokenScope scope, String customer, boolean ownScopes) {
        if (scope.name().startsWith(ADMIN_PREFIX)) {
            return false;
        }
        return scope.ownerOrgno().equals(customer) && ownScopes || scope.accessibleForAll()
                || data.granted(scope.name(), customer);
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
