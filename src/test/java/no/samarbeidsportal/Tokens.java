package no.samarbeidsportal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Maskinporten-shaped admin tokens for the tests, signed by the {@link TestIssuer}'s key (or on purpose by another). */
public final class Tokens {

    private Tokens() {
    }

    /** A token of organisation {@code orgno} holding the given space-separated scopes. */
    public static String of(String orgno, String scopes) {
        return sign(claims(TestIssuer.ISSUER, orgno, scopes, Duration.ofMinutes(2)).build(), trustedKey());
    }

    public static String expired(String orgno, String scopes) {
        return sign(claims(TestIssuer.ISSUER, orgno, scopes, Duration.ofMinutes(-5)).build(), trustedKey());
    }

    public static String fromUntrustedIssuer(String orgno, String scopes) {
        return sign(claims("https://impostor.test/", orgno, scopes, Duration.ofMinutes(2)).build(), trustedKey());
    }

    /** Claims our trusted issuer but is signed by a key it never published. */
    public static String signedByUnknownKey(String orgno, String scopes) {
        try {
            RSAKey other = new RSAKeyGenerator(2048).keyID("test-issuer-1").generate();
            return sign(claims(TestIssuer.ISSUER, orgno, scopes, Duration.ofMinutes(2)).build(), other);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A supplier's token obtained through consumer→supplier delegation (admin-api.md 2.2). */
    public static String delegated(String orgno, String scopes) {
        return sign(claims(TestIssuer.ISSUER, orgno, scopes, Duration.ofMinutes(2))
                .claim("delegation_source", "https://tt02.altinn.no/").build(), trustedKey());
    }

    /** A token of a client that supplier {@code supplier} registered for customer {@code orgno} (admin-api.md 2.5). */
    public static String supplied(String orgno, String supplier, String scopes) {
        return sign(claims(TestIssuer.ISSUER, orgno, scopes, Duration.ofMinutes(2))
                .claim("supplier", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + supplier)).build(),
                trustedKey());
    }

    /** A person's Ansattporten user token representing {@code orgno} (admin-api.md 2.4): no consumer, no client scopes. */
    public static String userToken(String orgno) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(TestIssuer.ISSUER).subject("person-" + orgno)
                .claim("scope", "openid idporten:dcr.datasharing")
                .claim("authorization_details", java.util.List.of(Map.of("type", "ansattporten:altinn:service",
                        "resource", "urn:altinn:resource:2480:40",
                        "reportees", java.util.List.of(Map.of("Authority", "iso6523-actorid-upis",
                                "ID", "0192:" + orgno, "Name", "Test")))))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build(), trustedKey());
    }

    private static JWTClaimsSet.Builder claims(String issuer, String orgno, String scopes, Duration validFor) {
        Instant now = Instant.now();
        Instant exp = now.plus(validFor);
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .claim("scope", scopes)
                .claim("client_amr", "private_key_jwt")
                .claim("token_type", "Bearer")
                .claim("client_id", "test-admin-client-" + orgno)
                .claim("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + orgno))
                .issueTime(Date.from(exp.isBefore(now) ? exp.minusSeconds(120) : now))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey trustedKey() {
        try {
            return RSAKey.parse(ConfigProvider.getConfig().getValue("portal.test.issuer-key", String.class));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
