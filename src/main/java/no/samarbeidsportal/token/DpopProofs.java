package no.samarbeidsportal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.samarbeidsportal.system.Profile;

/**
 * DPoP proofs at the token endpoint (RFC 9449 4.3, issue 18): one {@code DPoP} header, a JWT of type
 * {@code dpop+jwt}, signed with an asymmetric algorithm by the public key in its own {@code jwk} header, for
 * {@code POST} to this profile's token endpoint, issued within the configured window, and with a {@code jti} not seen
 * before on any instance (the grant replay store in PostgreSQL, in its own namespace). A token request without a
 * proof costs nothing here unless one of its scopes requires DPoP.
 */
@ApplicationScoped
class DpopProofs {

    /** What the metadata advertises ({@code dpop_signing_alg_values_supported}); EdDSA would need Tink in Nimbus. */
    static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final int MAX_JTI = 512;

    private final GrantUses uses;
    private final DpopConfig config;

    DpopProofs(GrantUses uses, DpopConfig config) {
        this.uses = uses;
        this.config = config;
    }

    /**
     * Checks the request's DPoP headers; returns the proof key's RFC 7638 SHA-256 thumbprint ({@code cnf.jkt}), or
     * null when there is no proof and {@code requiringScope} (the first requested scope that requires DPoP) is null.
     */
    String check(Profile profile, List<String> headers, String requiringScope, Instant now) {
        if (headers == null || headers.isEmpty()) {
            if (requiringScope != null) {
                throw new DpopRefused("The scope " + requiringScope + " requires a DPoP proof (RFC 9449) in the "
                        + "DPoP header");
            }
            return null;
        }
        if (headers.size() > 1) {
            throw new DpopRefused("Send exactly one DPoP header");
        }
        SignedJWT proof = parse(headers.get(0));
        JWK key = proof.getHeader().getJWK();
        verify(proof, key);
        JWTClaimsSet claims = claims(proof);
        if (!"POST".equals(claims.getClaim("htm"))) {
            throw new DpopRefused("The DPoP proof's htm must be POST");
        }
        if (!(claims.getClaim("htu") instanceof String htu) || !sameUri(htu, profile.tokenEndpoint())) {
            throw new DpopRefused("The DPoP proof's htu must be the token endpoint " + profile.tokenEndpoint());
        }
        Instant iat = claims.getClaim("iat") instanceof Date date ? date.toInstant() : null;
        Duration window = config.iatWindow();
        if (iat == null) {
            throw new DpopRefused("The DPoP proof has no iat");
        }
        if (iat.isBefore(now.minus(window)) || iat.isAfter(now.plus(window))) {
            throw new DpopRefused("The DPoP proof's iat is more than " + window.toSeconds()
                    + " seconds from the server's time");
        }
        if (!(claims.getClaim("jti") instanceof String jti) || jti.isBlank() || jti.length() > MAX_JTI) {
            throw new DpopRefused("The DPoP proof has no jti (a unique identifier, at most " + MAX_JTI
                    + " characters)");
        }
        String thumbprint = thumbprint(key);
        if (!uses.firstUse(useKey(thumbprint, jti), usedUntil(iat, window))) {
            throw new DpopRefused("The DPoP proof's jti was used before; make a new proof for each request");
        }
        return thumbprint;
    }

    /** What the replay store keeps for a proof: its key's thumbprint and jti, hashed, in their own namespace. */
    static byte[] useKey(String thumbprint, String jti) {
        return hash("dpop\n" + thumbprint + "\n" + jti);
    }

    /**
     * How long a proof's use is kept: past the last moment any instance would accept it (iat + window, to the end of
     * that second) by the same margin as a grant's ({@link Grant#usedUntil}), for other instances' clocks and the
     * forgetting, which runs every few seconds with this instance's clock.
     */
    static Instant usedUntil(Instant iat, Duration window) {
        return iat.plus(window).plusSeconds(1 + Grant.USE_MARGIN_SECONDS);
    }

    /** The header's form, read before Nimbus parses it so that each fault gets its own clear description. */
    private static SignedJWT parse(String value) {
        String[] parts = value.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new DpopRefused("The DPoP proof is not a signed JWT");
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
        } catch (ParseException | RuntimeException e) {
            throw new DpopRefused("The DPoP proof is not a signed JWT");
        }
        if (!(header.get("typ") instanceof String typ) || !typ.equalsIgnoreCase("dpop+jwt")) {
            throw new DpopRefused("The DPoP proof's typ must be dpop+jwt");
        }
        if (!(header.get("alg") instanceof String alg) || !ALGORITHMS.contains(alg)) {
            throw new DpopRefused("The DPoP proof's alg must be one of " + String.join(", ", ALGORITHMS)
                    + " (never none or a symmetric algorithm)");
        }
        if (!(header.get("jwk") instanceof Map<?, ?> jwk)) {
            throw new DpopRefused("The DPoP proof must carry its public key in the jwk header");
        }
        if (jwk.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw new DpopRefused("The DPoP proof's jwk holds a private or symmetric key; send only the public key");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(value.trim());
            if (jwt.getHeader().getJWK() == null || jwt.getHeader().getJWK().isPrivate()) {
                throw new DpopRefused("The DPoP proof must carry its public key in the jwk header");
            }
            return jwt;
        } catch (ParseException e) {
            throw new DpopRefused("The DPoP proof cannot be read: " + e.getMessage());
        }
    }

    /** The signature, with the proof's own key, whose type and size must fit the algorithm. */
    private static void verify(SignedJWT proof, JWK key) {
        JWSAlgorithm alg = proof.getHeader().getAlgorithm();
        JWSVerifier verifier;
        try {
            if (key instanceof RSAKey rsa && alg.getName().matches("(RS|PS)\\d+")) {
                if (rsa.size() < 2048) {
                    throw new DpopRefused("The DPoP proof's RSA key must have at least 2048 bits");
                }
                verifier = new RSASSAVerifier(rsa);
            } else if (key instanceof ECKey ec && alg.getName().startsWith("ES")
                    && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                verifier = new ECDSAVerifier(ec);
            } else {
                throw new DpopRefused("The DPoP proof's jwk does not fit its alg " + alg.getName());
            }
            if (!proof.verify(verifier)) {
                throw new DpopRefused("The DPoP proof's signature does not match its jwk");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw new DpopRefused("The DPoP proof's signature does not match its jwk");
        }
    }

    private static JWTClaimsSet claims(SignedJWT proof) {
        try {
            return proof.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new DpopRefused("The DPoP proof's claims cannot be read");
        }
    }

    private static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new DpopRefused("The DPoP proof's jwk has no thumbprint");
        }
    }

    /**
     * RFC 9449 4.3 (9): the URIs compared without query and fragment, after RFC 3986 6.2.2 and 6.2.3 normalisation:
     * scheme and host in lower case, the default port dropped, an empty path as {@code /}, dot segments removed,
     * percent-encodings in upper case.
     */
    static boolean sameUri(String htu, String endpoint) {
        String a = normalised(htu);
        return a != null && a.equals(normalised(endpoint));
    }

    private static String normalised(String value) {
        try {
            URI uri = new URI(value).normalize();
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == 443 && scheme.equals("https") || port == 80
                    && scheme.equals("http");
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringBuilder upper = new StringBuilder(path.length());
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                boolean hex = i > 0 && path.charAt(i - 1) == '%' || i > 1 && path.charAt(i - 2) == '%';
                upper.append(hex ? Character.toUpperCase(c) : c);
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + upper;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
