package no.samarbeidsportal.keys;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;

/**
 * One public key as submitted: its public JWK (kid, use and alg filled in), the {@code exp} the client sent, if any,
 * and the enterprise certificate it came with, if any. {@code field} names it in errors ({@code keys[1]}).
 */
record SubmittedKey(String field, RSAKey jwk, Instant exp, EnterpriseCertificate certificate) {

    String kid() {
        return jwk.getKeyID();
    }
}
