package no.samarbeidsportal.keys;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Reads X.509 certificates from bytes someone else sent (a key upload, a JWK's x5c, a grant's x5c). The bytes must be
 * DER: one element with definite lengths, nested no deeper than a certificate ever is, and of a certificate's size.
 * This is checked without recursion before any parser sees them, since the JDK's and BouncyCastle's ASN.1 readers
 * recurse once per level, and a few kilobytes of {@code 30 80 30 80 ...} (indefinite-length nesting) overflow the
 * stack.
 */
public final class Certificates {

    /** Far more than any certificate: enterprise certificates are 1-3 KiB. */
    static final int MAX_BYTES = 64 * 1024;
    /** A certificate's structures nest about 8 deep; extensions carry their own DER inside OCTET STRINGs. */
    static final int MAX_DEPTH = 32;

    private Certificates() {
    }

    /** The certificate in {@code der}; CertificateException when it is not one. */
    public static X509Certificate parse(byte[] der) throws CertificateException {
        if (!isDer(der)) {
            throw new CertificateException("not a DER certificate");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (RuntimeException e) {
            throw new CertificateException("not a certificate", e);
        }
    }

    /**
     * True when {@code der} is exactly one ASN.1 element, every length definite and in bounds, constructed types
     * nested at most {@link #MAX_DEPTH} deep, and the whole at most {@link #MAX_BYTES}. The walk keeps its own stack.
     */
    static boolean isDer(byte[] der) {
        if (der == null || der.length < 2 || der.length > MAX_BYTES) {
            return false;
        }
        int[] ends = new int[MAX_DEPTH + 1];
        ends[0] = der.length;
        int depth = 0;
        int pos = 0;
        while (pos < der.length) {
            int tag = der[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                // high tag number: base-128 digits, the last without the top bit
                int digits = 0;
                do {
                    if (pos >= ends[depth] || ++digits > 4) {
                        return false;
                    }
                } while ((der[pos++] & 0x80) != 0);
            }
            if (pos >= ends[depth]) {
                return false;
            }
            int first = der[pos++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7f;
                // 0x80 is BER's indefinite length, which DER does not allow
                if (octets == 0 || octets > 3 || pos + octets > ends[depth]) {
                    return false;
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = length << 8 | der[pos++] & 0xff;
                }
            }
            long end = pos + length;
            if (end > ends[depth] || depth == 0 && end != der.length) {
                return false;
            }
            if ((tag & 0x20) != 0) {
                if (depth == MAX_DEPTH) {
                    return false;
                }
                ends[++depth] = (int) end;
            } else {
                pos = (int) end;
            }
            while (depth > 0 && pos == ends[depth]) {
                depth--;
            }
        }
        return true;
    }
}
