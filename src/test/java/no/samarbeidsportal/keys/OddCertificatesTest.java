package no.samarbeidsportal.keys;

import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Certificates an attacker or a broken tool makes (issue 11, finding 5): each is refused with a field message, as DER,
 * as PEM and inside a JWK's x5c, and never answered with a 500.
 */
@QuarkusTest
class OddCertificatesTest {

    private static final String WRITE = "idporten:dcr.write";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void deeplyNestedDerIsNotACertificate() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        byte[] nested = new byte[200_000];
        for (int i = 0; i < nested.length; i += 2) {
            nested[i] = 0x30;
            nested[i + 1] = (byte) 0x80;
        }
        refusedEveryWay(id, new Made(nested, null), "keys");
        // definite lengths nested just as deep
        refusedEveryWay(id, new Made(definiteNesting(20_000), null), "keys");
    }

    @Test
    void aSubjectThatIsNotUtf8IsRefused() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        Made made = certificate(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NO")
                .addRDN(BCStyle.CN, "QQQQQQQQ").addRDN(new ASN1ObjectIdentifier("2.5.4.97"), "NTRNO-" + TestData.ORG_A)
                .build(), BigInteger.valueOf(4711), false);
        byte[] marker = "QQQQQQQQ".getBytes(StandardCharsets.US_ASCII);
        byte[] der = made.der();
        int at = indexOf(der, marker);
        byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28, (byte) 0xa0, (byte) 0xa1, (byte) 0xed,
            (byte) 0xa0};
        System.arraycopy(bad, 0, der, at, bad.length);
        refusedEveryWay(id, made, "keys[0].x5c");
        // valid UTF-8, but nothing a name can hold or the database can store
        refusedEveryWay(id, certificate(orgA("Nul\u0000byte"), BigInteger.valueOf(4715), false), "keys[0].x5c");
        refusedEveryWay(id, certificate(orgA("x".repeat(2000)), BigInteger.valueOf(4716), false), "keys[0].x5c");
    }

    private static X500Name orgA(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NO").addRDN(BCStyle.CN, cn)
                .addRDN(new ASN1ObjectIdentifier("2.5.4.97"), "NTRNO-" + TestData.ORG_A).build();
    }

    @Test
    void oddCertificatesAreRefusedWithAMessage() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        X500Name orgA = orgA("Org A");
        // no subject at all
        refusedEveryWay(id, certificate(new X500Name(new RDN[0]), BigInteger.valueOf(4712), false), "keys[0].x5c");
        // RFC 5280 4.1.2.2: a positive serial of at most 20 octets
        refusedEveryWay(id, certificate(orgA, BigInteger.TWO.pow(4000).add(BigInteger.ONE), false), "keys[0].x5c");
        refusedEveryWay(id, certificate(orgA, BigInteger.valueOf(-4713), false), "keys[0].x5c");
        refusedEveryWay(id, certificate(orgA, BigInteger.ZERO, false), "keys[0].x5c");
        // an extension marked critical that nobody knows: no relying party may accept the certificate
        refusedEveryWay(id, certificate(orgA, BigInteger.valueOf(4714), true), "keys[0].x5c");
    }

    /** DER, PEM and x5c each get a 400 naming {@code field} (x5c: always keys[0].x5c or keys[0]). */
    private static void refusedEveryWay(String clientId, Made made, String field) {
        byte[] der = made.der();
        String path = "/api/v1/clients/" + clientId + "/jwks";
        as(TestData.ORG_A, WRITE).contentType("application/pkix-cert").body(der).post(path).then()
                .statusCode(400).body("error", equalTo("invalid_client_metadata"))
                .body("errors.fieldIdentifier", hasItem(field));
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        as(TestData.ORG_A, WRITE).contentType("application/x-pem-file").body(pem.getBytes(StandardCharsets.UTF_8))
                .post(path).then().statusCode(400).body("error", equalTo("invalid_client_metadata"));
        // the JWK's own n and e match the certificate, so only the certificate can be wrong
        Map<String, Object> jwk = made.keys() == null ? KeyApiTest.jwk("odd") : KeyApiTest.jwk("odd", made.keys());
        jwk.put("x5c", List.of(Base64.getEncoder().encodeToString(der)));
        as(TestData.ORG_A, WRITE).body(KeyApiTest.jwks(jwk)).post(path).then().statusCode(400)
                .body("error", equalTo("invalid_client_metadata"));
    }

    private static byte[] definiteNesting(int depth) {
        byte[] inner = new byte[0];
        for (int i = 0; i < depth; i++) {
            int length = inner.length;
            byte[] len = length < 128 ? new byte[] {(byte) length}
                    : length < 256 ? new byte[] {(byte) 0x81, (byte) length}
                    : length < 65536 ? new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length}
                    : new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
            byte[] next = new byte[1 + len.length + length];
            next[0] = 0x30;
            System.arraycopy(len, 0, next, 1, len.length);
            System.arraycopy(inner, 0, next, 1 + len.length, length);
            inner = next;
        }
        return inner;
    }

    record Made(byte[] der, KeyPair keys) {
    }

    static Made certificate(X500Name subject, BigInteger serial, boolean unknownCriticalExtension) {
        try {
            KeyPair keys = TestCertificates.rsa(2048);
            X500Name issuer = X500Name.getInstance(
                    TestCertificates.ca().certificate().getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(
                            Duration.ofDays(300))), subject, keys.getPublic());
            if (unknownCriticalExtension) {
                builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true,
                        new DEROctetString(new byte[] {1, 2, 3}));
            }
            return new Made(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                    .build(TestCertificates.ca().keys().getPrivate())).getEncoded(), keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalStateException("marker not found");
    }
}
