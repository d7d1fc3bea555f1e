package no.samarbeidsportal.token;

import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.samarbeidsportal.identity.OrgNumberValidator;

/**
 * A JWT-bearer grant as the token endpoint reads it (token-protocol.md 3, 4): the header and claims, checked in the
 * spec's order by the token service. Each check throws {@link TokenRefused} with Maskinporten's code.
 */
final class Grant {

    static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512");
    private static final ThreadLocal<Map<String, Signature>> VERIFIERS = ThreadLocal.withInitial(java.util.HashMap::new);
    static final long LEEWAY_SECONDS = 10;
    static final long MAX_LIFETIME_SECONDS = 120;
    static final long USE_MARGIN_SECONDS = 60;
    private static final Set<String> CLAIMS = Set.of("aud", "iss", "iat", "exp", "jti", "scope", "resource", "pid",
            "consumer_org", "iss_onbehalfof", "authorization_details", "nbf", "sub");

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    final String assertion;
    final String kid;
    private List<String> scopes;
    final List<?> x5c;
    private final SignedJWT jwt;
    final JWTClaimsSet claims;

    private Grant(String assertion, String kid, List<?> x5c, SignedJWT jwt, JWTClaimsSet claims) {
        this.assertion = assertion;
        this.kid = kid;
        this.x5c = x5c;
        this.jwt = jwt;
        this.claims = claims;
    }

    /**
     * Steps 1 and 2: a compact JWS whose header has an allowed alg and a kid or an x5c array. The header is parsed
     * once, by Nimbus; only a grant Nimbus refuses is looked at again, to tell a malformed x5c (MP-123) from the rest.
     */
    static Grant parse(String assertion) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw refusedHeader(assertion);
        }
        if (unstorable(claims.getClaims().values())) {
            // PostgreSQL cannot hold a NUL: such an iss or jti would fail the client lookup or the replay store
            throw new TokenRefused(ErrorCode.MP_011);
        }
        var header = jwt.getHeader();
        List<String> x5c = header.getX509CertChain() == null ? null
                : header.getX509CertChain().stream().map(Base64::toString).toList();
        if (!ALGORITHMS.contains(header.getAlgorithm().getName()) || header.getKeyID() == null && x5c == null) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        return new Grant(assertion, header.getKeyID(), x5c, jwt, claims);
    }

    /** True when a string anywhere in {@code values}, however deep, holds a NUL character. */
    private static boolean unstorable(java.util.Collection<?> values) {
        java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>(values.stream()
                .filter(java.util.Objects::nonNull).toList());
        while (!todo.isEmpty()) {
            Object value = todo.pop();
            if (value instanceof String s && s.indexOf('\u0000') >= 0) {
                return true;
            } else if (value instanceof java.util.Collection<?> list) {
                list.stream().filter(java.util.Objects::nonNull).forEach(todo::push);
            } else if (value instanceof Map<?, ?> map) {
                map.entrySet().forEach(e -> {
                    todo.push(String.valueOf(e.getKey()));
                    if (e.getValue() != null) {
                        todo.push(e.getValue());
                    }
                });
            }
        }
        return false;
    }

    /** Why a grant Nimbus could not read is refused: MP-123 when it has an x5c that is not a usable array. */
    private static TokenRefused refusedHeader(String assertion) {
        String[] parts = assertion.split("\\.", -1);
        Map<String, Object> header;
        try {
            header = parts.length == 3 ? JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString()) : null;
        } catch (ParseException | RuntimeException e) {
            header = null;
        }
        if (header == null || !(header.get("alg") instanceof String alg) || !ALGORITHMS.contains(alg)
                || header.get("kid") != null && !(header.get("kid") instanceof String)) {
            return new TokenRefused(ErrorCode.MP_011);
        }
        return new TokenRefused(header.get("x5c") != null ? ErrorCode.MP_123 : ErrorCode.MP_011);
    }

    /** The {@code iss} claim, which names the client; null when it is not a string. */
    String clientId() {
        return claims.getClaim("iss") instanceof String iss ? iss : null;
    }

    /** Step 4: {@code aud} is exactly the issuer, as a string or a one-element array (MP-110). */
    void checkAudience(String issuer) {
        Object aud = claims.getClaim("aud");
        boolean ok = issuer.equals(aud) || aud instanceof List<?> list && list.size() == 1 && issuer.equals(list.get(0));
        if (!ok) {
            throw new TokenRefused(ErrorCode.MP_110);
        }
    }

    /**
     * Step 6 (MP-124): the JWS signature over header.payload with the grant's own RS algorithm. Plain JCA with one
     * Signature per thread and algorithm: this runs on every token request.
     */
    void checkSignature(PublicKey key, Provider provider) {
        String jca = switch (jwt.getHeader().getAlgorithm().getName()) {
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            default -> "SHA256withRSA";
        };
        try {
            Signature verifier = VERIFIERS.get().computeIfAbsent(jca + (provider == null ? "" : "@native"), k -> {
                try {
                    return provider == null ? Signature.getInstance(jca) : Signature.getInstance(jca, provider);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
            verifier.initVerify(key);
            verifier.update(jwt.getSigningInput());
            if (!verifier.verify(jwt.getSignature().decode())) {
                throw new TokenRefused(ErrorCode.MP_124);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof TokenRefused refused) {
                throw refused;
            }
            throw new TokenRefused(ErrorCode.MP_124);
        }
    }

    /** Step 7: {@code iat} within the leeway, {@code 0 < exp - iat <= 120}, not expired (MP-130). */
    void checkTime(Instant now) {
        Date iatDate = claims.getIssueTime();
        Date expDate = claims.getExpirationTime();
        if (iatDate == null || expDate == null) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        long nowSeconds = now.getEpochSecond();
        long iat = iatDate.toInstant().getEpochSecond();
        long exp = expDate.toInstant().getEpochSecond();
        if (exp < nowSeconds - LEEWAY_SECONDS) {
            throw TokenRefused.withText(ErrorCode.MP_130, "JWT is expired");
        }
        if (iat > nowSeconds + LEEWAY_SECONDS) {
            throw TokenRefused.withText(ErrorCode.MP_130, "Issue time is after now");
        }
        if (iat < nowSeconds - LEEWAY_SECONDS) {
            throw TokenRefused.withText(ErrorCode.MP_130, "Issue time is too old");
        }
        if (exp - iat <= 0 || exp - iat > MAX_LIFETIME_SECONDS) {
            throw TokenRefused.withText(ErrorCode.MP_130, "JWT lifetime exceeds 120 seconds");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().getEpochSecond() > nowSeconds + LEEWAY_SECONDS) {
            throw TokenRefused.withText(ErrorCode.MP_130, "Issue time is after now");
        }
    }

    /** Step 8: the claim allow-list and the syntax of scope, resource, pid, consumer_org and jti. */
    void checkClaims(boolean strict, boolean sky) {
        if (strict) {
            for (String name : claims.getClaims().keySet()) {
                if (!CLAIMS.contains(name)) {
                    throw TokenRefused.withText(ErrorCode.MP_011, "Invalid assertion. Unsupported claim: " + name);
                }
            }
        }
        if (claims.getClaim("authorization_details") != null) {
            throw new TokenRefused(ErrorCode.MP_301);
        }
        Object sub = claims.getClaim("sub");
        if (claims.getClaim("iss_onbehalfof") != null || sub != null && !sub.equals(clientId())
                || claims.getClaim("jti") != null && !(claims.getClaim("jti") instanceof String)) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        List<String> scopes = scopes();
        List<String> resources = resources();
        if (scopes.isEmpty()) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        Object pid = claims.getClaim("pid");
        if (pid != null && !(pid instanceof String p && validPid(p))) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        Object consumerOrg = claims.getClaim("consumer_org");
        if (consumerOrg != null && !(consumerOrg instanceof String c && OrgNumberValidator.isValid(c))) {
            throw new TokenRefused(ErrorCode.MP_011);
        }
        if (sky && (scopes.size() != 1 || resources.size() != 1)) {
            throw TokenRefused.withText(ErrorCode.MP_011,
                    "Invalid assertion. Skyporten requires exactly one scope and one resource");
        }
    }

    /** The requested scopes, each once, in order (read once: every step asks for them). */
    List<String> scopes() {
        List<String> read = scopes;
        if (read == null) {
            read = claims.getClaim("scope") instanceof String scope ? WHITESPACE.splitAsStream(scope.trim())
                    .filter(s -> !s.isEmpty()).distinct().toList() : List.of();
            scopes = read;
        }
        return read;
    }

    /** {@code resource} as a list: a string or an array of absolute URIs (MP-011 otherwise). */
    List<String> resources() {
        Object resource = claims.getClaim("resource");
        List<?> values = resource == null ? List.of() : resource instanceof List<?> list ? list : List.of(resource);
        List<String> resources = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String s) || !absoluteUri(s)) {
                throw new TokenRefused(ErrorCode.MP_011);
            }
            resources.add(s);
        }
        return resources;
    }

    String consumerOrg() {
        return (String) claims.getClaim("consumer_org");
    }

    String pid() {
        return (String) claims.getClaim("pid");
    }

    String jti() {
        return (String) claims.getClaim("jti");
    }

    Instant expires() {
        return claims.getExpirationTime().toInstant();
    }

    /**
     * How long the replay store keeps the grant's use: past the last moment {@link #checkTime} accepts it (exp plus the
     * leeway, to the end of that second), with a minute's margin for other instances' clocks and for the forgetting,
     * which compares with a database timestamp.
     */
    Instant usedUntil() {
        return expires().plusSeconds(LEEWAY_SECONDS + USE_MARGIN_SECONDS);
    }

    private static boolean absoluteUri(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** 11 digits with valid national identity number check digits; the date part is not checked (D-numbers, synthetic IDs). */
    static boolean validPid(String pid) {
        if (!pid.matches("\\d{11}")) {
            return false;
        }
        int[] d = pid.chars().map(c -> c - '0').toArray();
        int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += d[i] * w1[i];
        }
        int k1 = (11 - sum % 11) % 11;
        sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i] * w2[i];
        }
        int k2 = (11 - sum % 11) % 11;
        return k1 != 10 && k2 != 10 && k1 == d[9] && k2 == d[10];
    }
}
