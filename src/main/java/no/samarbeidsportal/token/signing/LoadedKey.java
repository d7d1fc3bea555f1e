package no.samarbeidsportal.token.signing;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;

/**
 * A signing key ready to sign: its public JWK for /jwk, its private key, when it starts signing, and the JWS header
 * its tokens carry, encoded once.
 */
record LoadedKey(String kid, RSAKey publicJwk, PrivateKey privateKey, Instant signsFrom, byte[] header) {

    /**
     * Keeps the JDK's key object, not one translated to the native provider: the provider frees a translated key
     * when a Signature moves on to another key, and signing then failed ("Key has been destroyed") after key
     * refreshes. The provider converts a JDK key itself on initSign.
     */
    static LoadedKey of(String kid, RSAKey jwk, PrivateKey privateKey, Instant signsFrom) {
        byte[] header = Base64.getUrlEncoder().withoutPadding()
                .encode(("{\"kid\":\"" + kid + "\",\"alg\":\"RS256\"}").getBytes(StandardCharsets.UTF_8));
        return new LoadedKey(kid, jwk, privateKey, signsFrom, header);
    }
}
