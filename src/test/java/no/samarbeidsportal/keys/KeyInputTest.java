package no.samarbeidsportal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestCertificates.Issued;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.system.FieldError;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Violations;
import org.junit.jupiter.api.Test;

/**
 * What a person pastes or an API client posts as keys (admin-api.md 3.7, 6.2), read without the app: a JWK, a JWKS,
 * PEM keys and certificates, DER. Each refusal is the exact field error the page and the API show.
 */
class KeyInputTest {

    private static final String ORGNO = "310000019";
    private static final String OTHER_ORGNO = "310000027";
    private static final Instant NOW = Instant.now();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair RSA = TestCertificates.rsa(2048);
    private static final KeyPair OTHER_RSA = TestCertificates.rsa(2048);

    /** The keys read from {@code body}; the test fails on any field error. */
    private static List<SubmittedKey> read(String body) {
        return read(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SubmittedKey> read(byte[] body) {
        Violations violations = Violations.of("JWKS");
        List<SubmittedKey> keys = KeyInput.read(body, ORGNO, NOW, violations);
        assertEquals(List.of(), errors(violations));
        return keys;
    }

    /**
     * The field errors for {@code body}, each as "field messageKey [args]". Any error refuses the whole set (the
     * service throws them), whichever keys were read.
     */
    private static List<String> refused(String body) {
        return refused(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> refused(byte[] body) {
        Violations violations = Violations.of("JWKS");
        KeyInput.read(body, ORGNO, NOW, violations);
        return errors(violations);
    }

    private static List<String> errors(Violations violations) {
        try {
            violations.throwIfAny();
            return List.of();
        } catch (InvalidInput e) {
            return e.errors().stream().map(KeyInputTest::describe).toList();
        }
    }

    private static String describe(FieldError e) {
        return e.field() + " " + e.messageKey() + (e.args().length == 0 ? "" : " " + Arrays.toString(e.args()));
    }

    /** The public JWK of {@code keys} with kid and use sig, as members that a test can change. */
    private static Map<String, Object> jwk(KeyPair keys, String kid) {
        return new LinkedHashMap<>(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid)
                .keyUse(KeyUse.SIGNATURE).build().toJSONObject());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAnRsaPublicJwkAndDefaultsItsAlgorithmToRs256() throws Exception {
        List<SubmittedKey> keys = read(json(jwk(RSA, "key-1")));
        assertEquals(1, keys.size());
        SubmittedKey key = keys.get(0);
        assertEquals("keys[0]", key.field());
        assertEquals("key-1", key.kid());
        assertEquals("RS256", key.jwk().getAlgorithm().getName());
        assertEquals(RSA.getPublic(), key.jwk().toRSAPublicKey());
        assertNull(key.exp());
        assertNull(key.certificate());
    }

    @Test
    void readsEveryKeyOfAJwksAndOfAJwkArray() {
        String a = json(jwk(RSA, "a"));
        String b = json(jwk(OTHER_RSA, "b"));
        for (String body : List.of("{\"keys\":[" + a + "," + b + "]}", "[" + a + "," + b + "]")) {
            List<SubmittedKey> keys = read(body);
            assertEquals(List.of("keys[0]", "keys[1]"), keys.stream().map(SubmittedKey::field).toList());
            assertEquals(List.of("a", "b"), keys.stream().map(SubmittedKey::kid).toList());
        }
    }

    @Test
    void leavesATwiceUsedKidToTheKeySetsRules() {
        // key.kid.duplicate is the key set's rule (KeyService), checked against the set as a whole
        List<SubmittedKey> keys = read(json(List.of(jwk(RSA, "same"), jwk(OTHER_RSA, "same"))));
        assertEquals(List.of("same", "same"), keys.stream().map(SubmittedKey::kid).toList());
    }

    @Test
    void refusesAPrivateKey() {
        Map<String, Object> withPrivatePart = jwk(RSA, "key-1");
        withPrivatePart.put("d", "AQAB");
        assertEquals(List.of("keys[0] key.private"), refused(json(withPrivatePart)));
        assertEquals(List.of("keys[1] key.private"), refused(json(List.of(jwk(RSA, "a"), withPrivatePart))));
    }

    @Test
    void refusesAPrivateKeyInPemOrPuttyFormatWithoutReadingIt() {
        String pem = TestCertificates.pem(RSA.getPrivate());
        assertEquals(List.of("keys key.private"), refused(pem));
        assertEquals(List.of("keys key.private"),
                refused("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----\n"));
        assertEquals(List.of("keys key.private"), refused("PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n"));
        // a private key next to a public one: neither is read
        assertEquals(List.of("keys key.private"), refused(TestCertificates.pem(RSA.getPublic()) + pem));
    }

    @Test
    void refusesAKeyShorterThan2048Bits() {
        assertEquals(List.of("keys[0].n key.size.too-small [1024]"),
                refused(json(jwk(TestCertificates.rsa(1024), "short"))));
    }

    @Test
    void refusesAKeyOtherThanRsa() {
        Map<String, Object> ec = new LinkedHashMap<>(Map.of("kty", "EC", "crv", "P-256", "x", "AQAB", "y", "AQAB",
                "kid", "ec", "use", "sig"));
        assertEquals(List.of("keys[0].kty key.kty.rsa-only [EC]"), refused(json(ec)));
        Map<String, Object> noKty = jwk(RSA, "key-1");
        noKty.remove("kty");
        assertEquals(List.of("keys[0].kty key.kty.rsa-only []"), refused(json(noKty)));
    }

    @Test
    void refusesAnRsaKeyWithoutNOrE() {
        Map<String, Object> noN = jwk(RSA, "key-1");
        noN.remove("n");
        assertEquals(List.of("keys[0] key.n-e.required"), refused(json(noN)));
        Map<String, Object> numericE = jwk(RSA, "key-1");
        numericE.put("e", 65537);
        assertEquals(List.of("keys[0] key.n-e.required"), refused(json(numericE)));
    }

    @Test
    void refusesAKeyWithoutKidAndSaysWhatElseIsWrong() {
        Map<String, Object> key = jwk(RSA, "key-1");
        key.remove("kid");
        key.remove("use");
        key.put("exp", "tomorrow");
        assertEquals(List.of("keys[0].kid key.kid.required", "keys[0].use key.use.required",
                "keys[0].exp key.exp.number"), refused(json(key)));
        key.put("kid", " ");
        key.put("use", "sig");
        key.remove("exp");
        assertEquals(List.of("keys[0].kid key.kid.required"), refused(json(key)));
    }

    @Test
    void refusesAKidOfOtherCharactersOrOver255() {
        assertEquals(List.of("keys[0].kid key.kid.format"), refused(json(jwk(RSA, "my key"))));
        assertEquals(List.of("keys[0].kid key.kid.format"), refused(json(jwk(RSA, "k".repeat(256)))));
        assertEquals("k".repeat(255), read(json(jwk(RSA, "k".repeat(255)))).get(0).kid());
    }

    @Test
    void refusesAKeyForEncryption() {
        Map<String, Object> key = jwk(RSA, "key-1");
        key.put("use", "enc");
        assertEquals(List.of("keys[0].use key.use.sig"), refused(json(key)));
    }

    @Test
    void refusesAnAlgorithmOtherThanRs256Rs384OrRs512() {
        Map<String, Object> key = jwk(RSA, "key-1");
        key.put("alg", "PS256");
        assertEquals(List.of("keys[0].alg key.alg.unknown [PS256]"), refused(json(key)));
        key.put("alg", "RS512");
        assertEquals("RS512", read(json(key)).get(0).jwk().getAlgorithm().getName());
    }

    @Test
    void refusesAWeakPublicExponent() {
        for (String e : List.of("AQ", "Ag", "AAE")) {
            Map<String, Object> key = jwk(RSA, "key-1");
            key.put("e", e);
            assertEquals(List.of("keys[0].e key.e.weak"), refused(json(key)), e);
        }
    }

    @Test
    void keepsTheExpiryAskedForCappedAtTheYear9999() {
        Map<String, Object> key = jwk(RSA, "key-1");
        key.put("exp", 1_900_000_000L);
        assertEquals(Instant.ofEpochSecond(1_900_000_000L), read(json(key)).get(0).exp());
        key.put("exp", Long.MAX_VALUE);
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), read(json(key)).get(0).exp());
        key.put("exp", null);
        assertNull(read(json(key)).get(0).exp());
        key.put("exp", -1);
        assertEquals(List.of("keys[0].exp key.exp.number"), refused(json(key)));
        key.put("exp", "2030-01-01");
        assertEquals(List.of("keys[0].exp key.exp.number"), refused(json(key)));
        // RFC 7519 2: a NumericDate may have a fraction; whole seconds are kept
        key.put("exp", 1_900_000_000.5);
        assertEquals(Instant.ofEpochSecond(1_900_000_000L), read(json(key)).get(0).exp());
    }

    @Test
    void refusesAJwkNimbusCannotRead() {
        Map<String, Object> key = jwk(RSA, "key-1");
        key.put("alg", 5);
        assertEquals(List.of("keys[0] key.jwk.malformed"), refused(json(key)));
    }

    @Test
    void refusesJsonThatIsNoKey() {
        assertEquals(List.of("keys key.json.malformed"), refused("{\"kty\": "));
        assertEquals(List.of("keys key.json.not-keys"), refused("{\"keys\": 5}"));
        assertEquals(List.of("keys[0] key.json.not-object", "keys[1] key.json.not-object"), refused("[1, \"a\"]"));
        assertEquals(List.of("keys key.input.empty-set"), refused("{\"keys\": []}"));
    }

    @Test
    void refusesEmptyAndUnknownInput() {
        assertEquals(List.of("keys key.input.empty"), refused(" \n\t"));
        Violations violations = Violations.of("JWKS");
        assertEquals(List.of(), KeyInput.read(null, ORGNO, NOW, violations));
        assertEquals(List.of("keys key.input.empty"), errors(violations));
        assertEquals(List.of("keys key.input.unknown"), refused("ssh-rsa AAAAB3NzaC1yc2E user@host"));
    }

    @Test
    void readsAJwkWithItsEnterpriseCertificate() {
        Issued leaf = TestCertificates.seid2(ORGNO);
        Map<String, Object> key = jwk(leaf.keys(), "cert-key");
        key.put("x5c", List.of(Base64.getEncoder().encodeToString(leaf.der())));
        SubmittedKey read = read(json(key)).get(0);
        assertEquals("cert-key", read.kid());
        assertEquals(1, read.jwk().getX509CertChain().size());
        assertNotNull(read.jwk().getX509CertSHA256Thumbprint());
        assertEquals(ORGNO, read.certificate().orgno());
    }

    @Test
    void refusesAnX5cOfBadBase64OrNoCertificates() {
        for (Object x5c : List.of(List.of("!!not base64!!"), List.of("AQID"), List.of(), "MIIB")) {
            Map<String, Object> key = jwk(RSA, "key-1");
            key.put("x5c", x5c);
            assertEquals(List.of("keys[0].x5c key.certificate.malformed"), refused(json(key)), String.valueOf(x5c));
        }
    }

    @Test
    void refusesAnX5cForAnotherKey() {
        Map<String, Object> key = jwk(RSA, "key-1");
        key.put("x5c", List.of(Base64.getEncoder().encodeToString(TestCertificates.seid2(ORGNO).der())));
        assertEquals(List.of("keys[0].x5c key.x5c.mismatch"), refused(json(key)));
    }

    @Test
    void readsAPemPublicKeyWithItsThumbprintAsKid() throws Exception {
        SubmittedKey key = read(TestCertificates.pem(RSA.getPublic())).get(0);
        assertEquals("keys[0]", key.field());
        assertEquals(new RSAKey.Builder((RSAPublicKey) RSA.getPublic()).keyIDFromThumbprint().build().getKeyID(),
                key.kid());
        assertEquals("sig", key.jwk().getKeyUse().identifier());
    }

    @Test
    void refusesAPemEcKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        assertEquals(List.of("keys[0].kty key.kty.rsa-only [EC]"),
                refused(TestCertificates.pem(generator.generateKeyPair().getPublic())));
    }

    @Test
    void readsAPemCertificateChainLeafFirstWithTheSerialAsKid() {
        Issued leaf = TestCertificates.seid2(ORGNO);
        SubmittedKey key = read(leaf.pem() + TestCertificates.ca().pem()).get(0);
        assertEquals("keys[0]", key.field());
        assertEquals(leaf.serial(), key.kid());
        assertEquals(2, key.jwk().getX509CertChain().size());
        assertEquals(ORGNO, key.certificate().orgno());
    }

    @Test
    void refusesACertificateChainInTheWrongOrder() {
        // the CA first: it is then the "leaf", which is out of order and names no organisation
        assertEquals(List.of("keys[0].x5c key.x5c.order", "keys[0].x5c key.certificate.no-orgno"),
                refused(TestCertificates.ca().pem() + TestCertificates.seid2(ORGNO).pem()));
    }

    @Test
    void refusesAnotherOrganisationsOrAnOrganisationlessCertificate() {
        assertEquals(List.of("keys[0].x5c key.certificate.other-orgno [" + OTHER_ORGNO + ", " + ORGNO + "]"),
                refused(TestCertificates.seid1(OTHER_ORGNO).pem()));
        assertEquals(List.of("keys[0].x5c key.certificate.no-orgno"),
                refused(TestCertificates.withoutOrgno().pem()));
    }

    @Test
    void refusesACertificateOutsideItsValidity() {
        Issued expired = TestCertificates.seid2(ORGNO, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        assertEquals(List.of("keys[0].x5c key.certificate.expired ["
                + expired.certificate().getNotAfter().toInstant() + "]"), refused(expired.pem()));
        Issued future = TestCertificates.seid2(ORGNO, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        assertEquals(List.of("keys[0].x5c key.certificate.not-yet-valid ["
                + future.certificate().getNotBefore().toInstant() + "]"), refused(future.pem()));
    }

    @Test
    void refusesACertificateWithAShortKey() {
        assertEquals(List.of("keys[0].n key.size.too-small [1024]"),
                refused(TestCertificates.seid2WithKeySize(ORGNO, 1024).pem()));
    }

    @Test
    void refusesPemThatIsNotDer() {
        assertEquals(List.of("keys key.pem.malformed"),
                refused("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n"));
        assertEquals(List.of("keys key.pem.malformed"),
                refused("-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n"));
        assertEquals(List.of("keys key.pem.none"), refused("-----BEGIN nothing after this"));
    }

    @Test
    void readsADerCertificate() {
        Issued leaf = TestCertificates.seid1(ORGNO);
        SubmittedKey key = read(leaf.der()).get(0);
        assertEquals("keys[0]", key.field());
        assertEquals(leaf.serial(), key.kid());
        assertEquals(ORGNO, key.certificate().orgno());
    }

    @Test
    void refusesBinaryThatIsNoCertificate() {
        assertEquals(List.of("keys key.der.malformed"), refused(new byte[] {(byte) 0xff, (byte) 0xfe, 0x30, 0x00}));
        // text with a NUL is binary too
        assertEquals(List.of("keys key.der.malformed"), refused("{\"kty\":\"RSA\"}\u0000"));
    }

    @Test
    void checksAJwksCertificateAsAnUploadedOne() {
        Issued leaf = TestCertificates.seid2(OTHER_ORGNO);
        Map<String, Object> key = jwk(leaf.keys(), "k");
        key.put("x5c", List.of(Base64.getEncoder().encodeToString(leaf.der())));
        key.put("exp", 1_900_000_000L);
        assertEquals(List.of("keys[0].x5c key.certificate.other-orgno [" + OTHER_ORGNO + ", " + ORGNO + "]"),
                refused(json(key)));
    }
}
