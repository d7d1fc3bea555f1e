package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The JWT-bearer grant as the token endpoint reads it (token-protocol.md 3, 4), without the app: each fault is
 * refused with Maskinporten's code, its OAuth error and Digdir's text.
 */
class GrantTest {

    private static final String ISSUER = "https://maskinporten.test/";
    private static final String CLIENT = "client-1";
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final RSAKey KEY = generate("k1");
    private static final RSAKey OTHER_KEY = generate("k2");
    private static final String INVALID = "Invalid assertion. Invalid parameter value";

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A grant's claims as a client sends them: one scope, now, two minutes at most. */
    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(CLIENT).audience(ISSUER).issueTime(at(0)).expirationTime(at(60))
                .jwtID("jti-1").claim("scope", "test:read");
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(JWTClaimsSet claims) {
        return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
    }

    private static Grant grant(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder builder = claims();
        change.accept(builder);
        return Grant.parse(signed(builder.build()));
    }

    /** header.payload.signature from raw JSON, for headers no JOSE library would write. */
    private static String raw(String headerJson, String payloadJson) {
        return b64(headerJson) + "." + b64(payloadJson) + ".c2lnbmF0dXJl";
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(ErrorCode code, String description, Executable action) {
        TokenRefused e = assertThrows(TokenRefused.class, action);
        assertEquals(code, e.code());
        assertEquals(code.error(), e.error());
        assertEquals(description, e.getMessage());
    }

    @Test
    void readsTheKidClientAndScopesOfAGrant() {
        Grant grant = grant(c -> c.claim("scope", "test:read  test:write test:read"));
        assertEquals("k1", grant.kid);
        assertNull(grant.x5c);
        assertEquals(CLIENT, grant.clientId());
        assertEquals(List.of("test:read", "test:write"), grant.scopes());
        assertEquals("jti-1", grant.jti());
        assertEquals(NOW.plusSeconds(60), grant.expires());
    }

    @Test
    void readsAnEnterpriseCertificateGrantWithoutKid() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertChain(List.of(Base64.encode("leaf"), Base64.encode("ca"))).build();
        Grant grant = Grant.parse(signed(header, claims().build()));
        assertNull(grant.kid);
        assertEquals(List.of(Base64.encode("leaf").toString(), Base64.encode("ca").toString()), grant.x5c);
    }

    @Test
    void refusesAlgNone() {
        String payload = "{\"iss\":\"client-1\",\"aud\":\"" + ISSUER + "\",\"scope\":\"test:read\"}";
        refused(ErrorCode.MP_011, INVALID, () -> Grant.parse(b64("{\"alg\":\"none\"}") + "." + b64(payload) + "."));
        refused(ErrorCode.MP_011, INVALID, () -> Grant.parse(raw("{\"alg\":\"none\",\"kid\":\"k1\"}", payload)));
    }

    @Test
    void refusesAnAlgorithmOtherThanRs256Rs384OrRs512() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        refused(ErrorCode.MP_011, INVALID, () -> Grant.parse(hmac.serialize()));
        refused(ErrorCode.MP_011, INVALID, () -> Grant.parse(raw("{\"alg\":\"PS256\",\"kid\":\"k1\"}", "{}")));
    }

    @Test
    void refusesAGrantWithNeitherKidNorX5c() {
        refused(ErrorCode.MP_011, INVALID,
                () -> Grant.parse(signed(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims().build())));
    }

    @Test
    void refusesWhatIsNoJws() {
        for (String assertion : List.of("", "not a jwt", "a.b", "a.b.c.d", "!!!.???.***",
                raw("{\"alg\":\"RS256\",\"kid\":\"k1\"}", "not json"), raw("[]", "{}"))) {
            refused(ErrorCode.MP_011, INVALID, () -> Grant.parse(assertion));
        }
    }

    @Test
    void tellsAMalformedX5cFromOtherHeaderFaults() {
        refused(ErrorCode.MP_123, "Invalid JWT header x5c",
                () -> Grant.parse(raw("{\"alg\":\"RS256\",\"x5c\":\"MIIB\"}", "{}")));
        refused(ErrorCode.MP_123, "Invalid JWT header x5c",
                () -> Grant.parse(raw("{\"alg\":\"RS256\",\"x5c\":[5]}", "{}")));
        // the x5c is not the first fault: an unknown alg or a kid that is no string
        refused(ErrorCode.MP_011, INVALID, () -> Grant.parse(raw("{\"alg\":\"none\",\"x5c\":\"MIIB\"}", "{}")));
        refused(ErrorCode.MP_011, INVALID,
                () -> Grant.parse(raw("{\"alg\":\"RS256\",\"kid\":5,\"x5c\":\"MIIB\"}", "{}")));
    }

    @Test
    void refusesANulAnywhereInTheClaims() {
        refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.issuer("client\u0000-1")));
        refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.jwtID("a\u0000")));
        refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.claim("resource", List.of("https://a", "b\u0000"))));
        refused(ErrorCode.MP_011, INVALID,
                () -> grant(c -> c.claim("authorization_details", List.of(Map.of("type", Map.of("x\u0000", 1))))));
    }

    @Test
    void refusesClaimsOfTheWrongType() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"k1\"}";
        for (String payload : List.of("{\"iss\":42}", "{\"aud\":{\"a\":1}}", "{\"exp\":\"soon\"}",
                "{\"iat\":\"now\"}", "{\"jti\":5}", "{\"sub\":[1]}")) {
            refused(ErrorCode.MP_011, INVALID, () -> Grant.parse(raw(header, payload)));
        }
    }

    @Test
    void aGrantWithoutIssNamesNoClient() {
        assertNull(grant(c -> c.issuer(null)).clientId());
    }

    @Test
    void acceptsTheIssuerAsAudienceAloneOrInAOneElementArray() {
        grant(c -> c.audience(ISSUER)).checkAudience(ISSUER);
        grant(c -> c.claim("aud", List.of(ISSUER))).checkAudience(ISSUER);
    }

    @Test
    void refusesAnyOtherAudience() {
        String text = "Invalid assertion. Client authentication failed. Invalid JWT claim aud.";
        for (Object aud : List.of("https://maskinporten.test", ISSUER + "token", List.of(ISSUER, ISSUER),
                List.of())) {
            refused(ErrorCode.MP_110, text, () -> grant(c -> c.claim("aud", aud)).checkAudience(ISSUER));
        }
        refused(ErrorCode.MP_110, text, () -> grant(c -> c.audience((String) null)).checkAudience(ISSUER));
    }

    @Test
    void verifiesTheSignatureWithTheGrantsOwnAlgorithm() throws Exception {
        grant(c -> { }).checkSignature(KEY.toPublicKey(), null);
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512)) {
            Grant.parse(signed(new JWSHeader.Builder(alg).keyID("k1").build(), claims().build()))
                    .checkSignature(KEY.toPublicKey(), null);
        }
    }

    @Test
    void refusesASignatureByAnotherKeyOrAlteredOnTheWay() throws Exception {
        String text = "Invalid assertion. Client authentication failed. Invalid JWT signature.";
        refused(ErrorCode.MP_124, text, () -> grant(c -> { }).checkSignature(OTHER_KEY.toPublicKey(), null));
        String[] parts = signed(claims().build()).split("\\.");
        String otherPayload = signed(claims().claim("scope", "test:admin").build()).split("\\.")[1];
        refused(ErrorCode.MP_124, text, () -> Grant.parse(parts[0] + "." + otherPayload + "." + parts[2])
                .checkSignature(KEY.toPublicKey(), null));
        refused(ErrorCode.MP_124, text, () -> Grant.parse(parts[0] + "." + parts[1] + ".AAAA")
                .checkSignature(KEY.toPublicKey(), null));
    }

    @Test
    void acceptsAGrantWithinTenSecondsOfLeeway() {
        grant(c -> c.issueTime(at(10)).expirationTime(at(130))).checkTime(NOW);
        grant(c -> c.issueTime(at(-10)).expirationTime(at(110))).checkTime(NOW);
        grant(c -> c.issueTime(at(-5)).expirationTime(at(115)).notBeforeTime(at(10))).checkTime(NOW);
    }

    @Test
    void refusesAGrantWithoutIatOrExp() {
        refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.issueTime(null)).checkTime(NOW));
        refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.expirationTime(null)).checkTime(NOW));
    }

    @Test
    void refusesAGrantOutOfTime() {
        refused(ErrorCode.MP_130, "JWT is expired",
                () -> grant(c -> c.issueTime(at(-100)).expirationTime(at(-11))).checkTime(NOW));
        refused(ErrorCode.MP_130, "Issue time is after now",
                () -> grant(c -> c.issueTime(at(11)).expirationTime(at(60))).checkTime(NOW));
        refused(ErrorCode.MP_130, "Issue time is too old",
                () -> grant(c -> c.issueTime(at(-11)).expirationTime(at(60))).checkTime(NOW));
        refused(ErrorCode.MP_130, "JWT lifetime exceeds 120 seconds",
                () -> grant(c -> c.issueTime(at(0)).expirationTime(at(121))).checkTime(NOW));
        refused(ErrorCode.MP_130, "JWT lifetime exceeds 120 seconds",
                () -> grant(c -> c.issueTime(at(0)).expirationTime(at(0))).checkTime(NOW));
        refused(ErrorCode.MP_130, "Issue time is after now",
                () -> grant(c -> c.notBeforeTime(at(11))).checkTime(NOW));
    }

    @Test
    void refusesAClaimOutsideTheListOnlyWhenStrict() {
        refused(ErrorCode.MP_011, "Invalid assertion. Unsupported claim: client_amr",
                () -> grant(c -> c.claim("client_amr", "private_key_jwt")).checkClaims(true, false));
        grant(c -> c.claim("client_amr", "private_key_jwt")).checkClaims(false, false);
    }

    @Test
    void refusesAuthorizationDetails() {
        refused(ErrorCode.MP_301, "Invalid assertion. Unsupported authorization_details type",
                () -> grant(c -> c.claim("authorization_details", List.of(Map.of("type", "x"))))
                        .checkClaims(true, false));
    }

    @Test
    void refusesActingOnBehalfOfAnotherOrAnotherSubject() {
        refused(ErrorCode.MP_011, INVALID,
                () -> grant(c -> c.claim("iss_onbehalfof", "someone")).checkClaims(true, false));
        refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.subject("client-2")).checkClaims(true, false));
        grant(c -> c.subject(CLIENT)).checkClaims(true, false);
    }

    @Test
    void refusesAGrantWithoutScope() {
        for (Object scope : new Object[] {null, "  ", List.of("test:read"), 5}) {
            refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.claim("scope", scope)).checkClaims(true, false));
        }
    }

    @Test
    void checksPidAndConsumerOrgSyntax() {
        for (Object pid : new Object[] {"01010110014", "0101011001", "0101011001x", 1010110013L}) {
            refused(ErrorCode.MP_011, INVALID, () -> grant(c -> c.claim("pid", pid)).checkClaims(true, false));
        }
        for (Object orgno : new Object[] {"310000018", "31000001", 310000019}) {
            refused(ErrorCode.MP_011, INVALID,
                    () -> grant(c -> c.claim("consumer_org", orgno)).checkClaims(true, false));
        }
        Grant grant = grant(c -> c.claim("pid", "01010110013").claim("consumer_org", "310000019"));
        grant.checkClaims(true, false);
        assertEquals("01010110013", grant.pid());
        assertEquals("310000019", grant.consumerOrg());
    }

    @Test
    void readsResourceAsOneOrManyAbsoluteUris() {
        assertEquals(List.of("https://api.test/a"), grant(c -> c.claim("resource", "https://api.test/a")).resources());
        assertEquals(List.of("https://api.test/a", "urn:test:b"),
                grant(c -> c.claim("resource", List.of("https://api.test/a", "urn:test:b"))).resources());
        assertEquals(List.of(), grant(c -> { }).resources());
    }

    @Test
    void refusesAResourceThatIsNoAbsoluteUri() {
        for (Object resource : List.of("relative/path", "not a uri", 5, List.of("https://api.test/a", 5))) {
            refused(ErrorCode.MP_011, INVALID,
                    () -> grant(c -> c.claim("resource", resource)).checkClaims(true, false));
        }
    }

    @Test
    void skyportenTakesExactlyOneScopeAndOneResource() {
        String text = "Invalid assertion. Skyporten requires exactly one scope and one resource";
        grant(c -> c.claim("resource", "https://api.test/a")).checkClaims(true, true);
        refused(ErrorCode.MP_011, text, () -> grant(c -> { }).checkClaims(true, true));
        refused(ErrorCode.MP_011, text, () -> grant(c -> c.claim("scope", "test:read test:write")
                .claim("resource", "https://api.test/a")).checkClaims(true, true));
        refused(ErrorCode.MP_011, text, () -> grant(c -> c.claim("resource",
                List.of("https://api.test/a", "https://api.test/b"))).checkClaims(true, true));
    }
}
