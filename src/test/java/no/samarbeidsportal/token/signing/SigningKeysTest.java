package no.samarbeidsportal.token.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.token.Grants;
import org.junit.jupiter.api.Test;

/**
 * The token service's own key (token-protocol.md 10): kept encrypted, published in /jwk a day before it signs, and
 * still published after the next key took over. Time passing is simulated by moving the keys' dates back.
 */
@QuarkusTest
class SigningKeysTest {

    @Inject
    SigningKeys keys;

    @Inject
    Signer signer;

    @Inject
    EntityManager em;

    private static List<String> published() throws Exception {
        return JWKSet.parse(given().get("/jwk").then().statusCode(200).extract().asString()).getKeys().stream()
                .map(k -> k.getKeyID()).toList();
    }

    private static String signingKid(Grants.Registered client, String scope) throws Exception {
        String token = Grants.request(Grants.grant(client, scope)).statusCode(200).extract().path("access_token");
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void theNextKeyIsPublishedADayBeforeItSignsAndTheOldOneStaysPublished() throws Exception {
        TestData.ensure();
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        Grants.Registered client = Grants.client(TestData.ORG_B, scope);
        keys.refresh();
        String current = signer.currentKid();
        assertEquals(current, signingKid(client, scope));
        byte[] stored = QuarkusTransaction.requiringNew().call(() -> (byte[]) em.createNativeQuery(
                "select private_key_encrypted from signing_key where kid = ?1").setParameter(1, current)
                .getSingleResult());
        assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains("PRIVATE"),
                "only ciphertext is stored");

        // the current key has signed for 89 days and 1 hour: the next one is made, published, and does not sign yet
        move(current, Instant.now().minus(Duration.ofDays(89)).minus(Duration.ofHours(1)));
        keys.refresh();
        List<String> afterPublish = published();
        assertEquals(2, afterPublish.stream().filter(k -> !k.equals(current)).count() + 1);
        String next = afterPublish.stream().filter(k -> !k.equals(current)).findFirst().orElseThrow();
        assertEquals(current, signer.currentKid());
        assertEquals(current, signingKid(client, scope));
        Instant signsFrom = QuarkusTransaction.requiringNew().call(() -> (Instant) em.createNativeQuery(
                "select signs_from from signing_key where kid = ?1").setParameter(1, next).getSingleResult());
        assertTrue(signsFrom.isAfter(Instant.now().plus(Duration.ofHours(23))), "published at least 24 h ahead");

        // a day later: the next key signs, the old one is retired but still in /jwk for tokens it signed
        move(next, Instant.now().minusSeconds(1));
        keys.refresh();
        assertEquals(next, signer.currentKid());
        assertEquals(next, signingKid(client, scope));
        assertTrue(published().containsAll(List.of(current, next)));
        assertNotNull(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select retired from signing_key where kid = ?1").setParameter(1, current).getSingleResult()));
        assertNotEquals(current, next);
    }

    @Test
    void signingGoesOnAfterTheKeysAreReloadedAndTheOldOnesCollected() throws Exception {
        signer.sign(new java.util.LinkedHashMap<>(java.util.Map.of("before", true)));
        for (int i = 0; i < 3; i++) {
            keys.refresh();
            System.gc();
            Thread.sleep(50);
            String token = signer.sign(new java.util.LinkedHashMap<>(java.util.Map.of("after", i)));
            assertEquals(signer.currentKid(), SignedJWT.parse(token).getHeader().getKeyID());
        }
    }

    @Test
    void tokensSignedByManyThreadsAtOnceAllVerify() throws Exception {
        keys.refresh();
        JWKSet published = JWKSet.parse(given().get("/jwk").then().statusCode(200).extract().asString());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> tokens = new java.util.ArrayList<>();
            for (int i = 0; i < 800; i++) {
                int n = i;
                tokens.add(pool.submit(() -> signer.sign(new java.util.LinkedHashMap<>(java.util.Map.of("n", n)))));
            }
            for (var token : tokens) {
                SignedJWT jwt = SignedJWT.parse(token.get());
                var key = (com.nimbusds.jose.jwk.RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
                assertTrue(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key)), "verifies with the JDK");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void move(String kid, Instant signsFrom) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update signing_key set signs_from = ?1 where kid = ?2").setParameter(1, signsFrom)
                .setParameter(2, kid).executeUpdate());
    }
}
