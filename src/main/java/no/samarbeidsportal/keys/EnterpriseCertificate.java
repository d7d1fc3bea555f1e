package no.samarbeidsportal.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * What the portal shows and checks of a certificate: subject, issuer, serial, SHA-256 fingerprint, validity, and the
 * organisation number of a Norwegian enterprise certificate ("virksomhetssertifikat"): SEID 1 puts it in
 * {@code serialNumber}, SEID 2 in {@code organizationIdentifier} as {@code NTRNO-<orgno>}.
 */
public record EnterpriseCertificate(String subject, String issuer, String serial, String fingerprint,
        Instant notBefore, Instant notAfter, String orgno) {

    private static final ASN1ObjectIdentifier ORGANIZATION_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.97");
    private static final Pattern SEID1 = Pattern.compile("^(\\d{9})$");
    private static final Pattern SEID2 = Pattern.compile("^NTRNO-(\\d{9})$");

    static EnterpriseCertificate of(X509Certificate cert) {
        return new EnterpriseCertificate(readable(cert.getSubjectX500Principal()),
                readable(cert.getIssuerX500Principal()), cert.getSerialNumber().toString(16), fingerprint(cert),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), orgno(cert));
    }

    /** The longest subject or issuer kept, as stored (ClientKey.certificateSubject). */
    static final int MAX_NAME = 1000;

    /**
     * The facts of a certificate someone sent, or null when its subject or issuer cannot be kept as text: not valid
     * UTF-8 (or another string type that does not decode), a NUL or other control character, or longer than
     * {@link #MAX_NAME}.
     */
    static EnterpriseCertificate readable(X509Certificate cert) {
        try {
            EnterpriseCertificate facts = of(cert);
            return text(facts.subject()) && text(facts.issuer()) ? facts : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean text(String name) {
        return name.length() <= MAX_NAME && name.codePoints().noneMatch(c -> Character.isISOControl(c)
                || c == 0xFFFD || Character.getType(c) == Character.SURROGATE);
    }

    /** A name as people read it, with organizationIdentifier by name rather than as an OID and hex. */
    private static String readable(javax.security.auth.x500.X500Principal name) {
        return X500Name.getInstance(BCStyle.INSTANCE, name.getEncoded()).toString();
    }

    /** The organisation number in the subject, SEID 2 before SEID 1; null when there is none. */
    public static String orgno(X509Certificate cert) {
        X500Name subject;
        try {
            subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        } catch (RuntimeException e) {
            return null; // a subject that does not decode names no organisation
        }
        String seid2 = first(subject, ORGANIZATION_IDENTIFIER, SEID2);
        return seid2 != null ? seid2 : first(subject, BCStyle.SERIALNUMBER, SEID1);
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type, Pattern pattern) {
        for (RDN rdn : name.getRDNs(type)) {
            String value;
            try {
                value = IETFUtils.valueToString(rdn.getFirst().getValue()).trim();
            } catch (RuntimeException e) {
                continue;
            }
            Matcher m = pattern.matcher(value);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate", e);
        }
    }
}
