package no.samarbeidsportal.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.samarbeidsportal.identity.Person;

/**
 * The demo login's provider side: one-time authorization codes and signed ID tokens for a chosen person. Keys live in
 * memory only: a restart ends every demo session, which is what a demo login should do.
 */
@ApplicationScoped
public class DevLogin {

    record Grant(String subject, String name, String nonce, String redirectUri, Instant expires) {
    }

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final RSAKey key;
    private final Clock clock;

    DevLogin(Clock clock) throws JOSEException {
        this.clock = clock;
        this.key = new RSAKeyGenerator(2048).keyID("dev-login").generate();
    }

    /** The people the demo login offers to log in as. */
    List<Person> people() {
        return Person.list("order by subject");
    }

    Map<String, Object> publicKeys() {
        return Map.of("keys", java.util.List.of(key.toPublicJWK().toJSONObject()));
    }

    /** A one-time code for the person with this login subject. */
    String issueCode(String subject, String nonce, String redirectUri) {
        String name = Person.bySubject(subject).map(p -> p.name).orElse(null);
        String code = randomToken();
        codes.put(code, new Grant(subject, name, nonce, redirectUri, clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** Redeems a code once, for ID and access tokens issued by {@code issuer} to {@code clientId}. */
    Optional<Map<String, Object>> redeem(String code, String redirectUri, String issuer, String clientId) {
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || grant.expires().isBefore(clock.instant())
                || (redirectUri != null && !redirectUri.equals(grant.redirectUri()))) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(clientId).subject(grant.subject())
                .claim("preferred_username", grant.subject())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(randomToken());
        if (grant.name() != null) {
            claims.claim("name", grant.name());
        }
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        String idToken = sign(claims.build());
        String accessToken = sign(claims.claim("scope", "openid profile").build());
        return Optional.of(Map.of("access_token", accessToken, "id_token", idToken, "token_type", "Bearer",
                "expires_in", TOKEN_LIFETIME.toSeconds()));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a demo login token", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
