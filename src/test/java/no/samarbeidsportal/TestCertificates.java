package no.samarbeidsportal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for the tests, made when the tests run (no checked-in keys): it issues Norwegian
 * enterprise certificates in the SEID 1 style ({@code serialNumber=<orgno>}) and the SEID 2 style
 * ({@code organizationIdentifier=NTRNO-<orgno>}).
 */
public final class TestCertificates {

    /** A certificate with its key pair; the private key stays in the test. */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        public String pem() {
            return TestCertificates.pem(certificate);
        }

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public String serial() {
            return certificate.getSerialNumber().toString(10);
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    /** The CA's certificate, which the app under test trusts for x5c grants ({@code portal.token.trust-anchors}). */
    public static final Path CA_FILE = Path.of("target", "test-ca", "ca.pem");
    private static final Path CA_KEY_FILE = Path.of("target", "test-ca", "ca-key.der");
    private static final Issued CA = ca(false);

    private TestCertificates() {
    }

    public static Issued ca() {
        return CA;
    }

    /** A CA nobody trusts, issuing an SEID 2 certificate. */
    public static Issued seid2FromUntrustedCa(String orgno) {
        Issued other = ca(true);
        return issue(name(orgno, new ASN1ObjectIdentifier("2.5.4.97"), "NTRNO-" + orgno), other,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(730)), false, 2048);
    }

    /**
     * The test CA, made once per build in target/test-ca and read back by every class loader that asks (the app
     * under test reads the same certificate as its trust anchor).
     */
    private static synchronized Issued ca(boolean throwaway) {
        if (!throwaway && Files.exists(CA_FILE) && Files.exists(CA_KEY_FILE)) {
            try {
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(Files.newInputStream(CA_FILE));
                PrivateKey key = KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(CA_KEY_FILE)));
                if (cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)))) {
                    return new Issued(cert, new KeyPair(cert.getPublicKey(), key));
                }
            } catch (IOException | GeneralSecurityException e) {
                // made again below
            }
        }
        Issued made = issue(new X500Name("CN=Test CA " + (throwaway ? "untrusted" : "trusted")
                + ", O=Samarbeidsportal test, C=NO"), null, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(3650)), true, 2048);
        if (!throwaway) {
            try {
                Files.createDirectories(CA_FILE.getParent());
                Path key = Files.createTempFile(CA_FILE.getParent(), "ca-key", ".tmp");
                Files.write(key, made.keys().getPrivate().getEncoded());
                Path cert = Files.createTempFile(CA_FILE.getParent(), "ca", ".tmp");
                Files.writeString(cert, made.pem());
                Files.move(key, CA_KEY_FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(cert, CA_FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return made;
    }

    /** SEID 1: the organisation number is the subject's serialNumber. */
    public static Issued seid1(String orgno) {
        return issue(name(orgno, BCStyle.SERIALNUMBER, orgno), CA, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(730)), false, 2048);
    }

    /** SEID 2: the organisation number is the subject's organizationIdentifier, NTRNO-orgno. */
    public static Issued seid2(String orgno) {
        return seid2(orgno, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(730)));
    }

    public static Issued seid2(String orgno, Instant notBefore, Instant notAfter) {
        return issue(name(orgno, new ASN1ObjectIdentifier("2.5.4.97"), "NTRNO-" + orgno), CA, notBefore, notAfter,
                false, 2048);
    }

    /** An SEID 2 certificate with a key of {@code bits}. */
    public static Issued seid2WithKeySize(String orgno, int bits) {
        return issue(name(orgno, new ASN1ObjectIdentifier("2.5.4.97"), "NTRNO-" + orgno), CA,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(730)), false, bits);
    }

    /** A certificate with no organisation number at all. */
    public static Issued withoutOrgno() {
        return issue(new X500Name("CN=Ikke en virksomhet, C=NO"), CA, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(730)), false, 2048);
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name name(String orgno, ASN1ObjectIdentifier idType, String id) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NO").addRDN(BCStyle.O, "Test " + orgno)
                .addRDN(idType, id).addRDN(BCStyle.CN, "Test " + orgno).build();
    }

    private static Issued issue(X500Name subject, Issued issuer, Instant notBefore, Instant notAfter, boolean ca,
            int bits) {
        try {
            KeyPair keys = rsa(bits);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            var signer = new JcaContentSignerBuilder("SHA256withRSA")
                    .build(issuer == null ? keys.getPrivate() : issuer.keys().getPrivate());
            return new Issued(new JcaX509CertificateConverter().getCertificate(builder.build(signer)), keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
