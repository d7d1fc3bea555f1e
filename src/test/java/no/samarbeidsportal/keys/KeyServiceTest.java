package no.samarbeidsportal.keys;

import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.keys.KeyApiTest.clientOf;
import static no.samarbeidsportal.keys.KeyApiTest.jwk;
import static no.samarbeidsportal.keys.KeyApiTest.jwks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.clients.Client;
import no.samarbeidsportal.clients.ClientKey;
import no.samarbeidsportal.clients.ClientService;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's keys (admin-api.md 3.7, 6.2), as ivar, the integration administrator of A. */
@QuarkusTest
class KeyServiceTest {

    @Inject
    KeyService keys;

    @Inject
    ClientService clients;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static byte[] body(Object... jwks) {
        return jwks(jwks).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> kids(KeyService.KeySet set) {
        return set.keys().stream().map(k -> k.kid).toList();
    }

    private static List<String> stored(String clientId) {
        return QuarkusTransaction.requiringNew().call(() ->
                ClientKey.of(Client.byClientId(clientId).orElseThrow()).stream().map(k -> k.kid).toList());
    }

    private static List<String> actions(String clientId) {
        return AuditEvent.ofSubject("Client", clientId).stream().map(e -> e.action).filter(a -> a.startsWith("key"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> auditedKids(Map<String, Object> values) {
        return ((List<Map<String, Object>>) values.get("keys")).stream().map(k -> k.get("kid")).toList();
    }

    @Test
    @TestSecurity(user = "ivar")
    void replacingTheSetKeepsOnlyThePostedKeysEachForAtMostAYear() {
        String id = clientOf(TestData.ORG_A);
        Map<String, Object> b = jwk("b");

        KeyService.KeySet first = keys.replace(id, body(jwk("a"), b));
        assertEquals(List.of("a", "b"), kids(first));
        Instant yearFromNow = Instant.now().plus(Duration.ofDays(365));
        assertTrue(first.keys().stream().allMatch(k -> !k.expires.isAfter(yearFromNow)
                && k.expires.isAfter(yearFromNow.minus(Duration.ofHours(1)))), "a year from now");

        KeyService.KeySet second = keys.replace(id, body(b, jwk("c")));

        assertEquals(List.of("b", "c"), kids(second));
        assertEquals(List.of("b", "c"), stored(id));
        AuditEvent line = AuditEvent.ofSubject("Client", id).get(0);
        assertEquals("keys.replaced", line.action);
        assertEquals("ivar", line.actor);
        assertEquals(TestData.ORG_A, line.orgno);
        assertEquals(List.of("a", "b"), auditedKids(line.before));
        assertEquals(List.of("b", "c"), auditedKids(line.after));
        assertFalse(String.valueOf(line.after).contains((String) b.get("n")), "no key material in the log");
        assertEquals(List.of("keys.replaced", "keys.replaced"), actions(id));
    }

    @Test
    @TestSecurity(user = "ivar")
    void addingKeepsTheOtherKeysAndPostingTheSameKeyAgainRenewsIt() {
        String id = clientOf(TestData.ORG_A);
        Map<String, Object> a = jwk("a");
        ClientKey original = keys.replace(id, body(a)).keys().get(0);

        assertEquals(List.of("a", "b"), kids(keys.add(id, body(jwk("b")))));
        KeyService.KeySet renewed = keys.add(id, body(a));

        assertEquals(List.of("a", "b"), kids(renewed));
        ClientKey again = renewed.keys().stream().filter(k -> k.kid.equals("a")).findFirst().orElseThrow();
        assertEquals(original.thumbprint, again.thumbprint);
        assertFalse(again.lastUpdated.isBefore(original.lastUpdated));
        assertEquals(List.of("keys.added", "keys.added", "keys.replaced"), actions(id));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aKidTakenByAnotherKeyAndASixthKeyAreRefusedAndTheSetStaysAsItWas() {
        String id = clientOf(TestData.ORG_A);
        keys.replace(id, body(jwk("k1"), jwk("k2"), jwk("k3"), jwk("k4"), jwk("k5")));

        InvalidInput taken = assertThrows(InvalidInput.class, () -> keys.add(id, body(jwk("k1"))));
        assertEquals("JWKS", taken.objectName());
        assertEquals("key.kid.taken", taken.of("keys[0].kid"));
        InvalidInput sixth = assertThrows(InvalidInput.class, () -> keys.add(id, body(jwk("k6"))));
        assertEquals("key.count.max", sixth.of("keys"));
        InvalidInput sixInOne = assertThrows(InvalidInput.class, () -> keys.replace(id, body(jwk("n1"), jwk("n2"),
                jwk("n3"), jwk("n4"), jwk("n5"), jwk("n6"))));
        assertEquals("key.count.max", sixInOne.of("keys"));

        assertEquals(List.of("k1", "k2", "k3", "k4", "k5"), stored(id));
        assertEquals(List.of("keys.replaced"), actions(id));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aPrivateKeyIsRefusedAndNothingIsStored() {
        String id = clientOf(TestData.ORG_A);
        KeyPair pair = TestCertificates.rsa(2048);
        Map<String, Object> secret = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate()).keyID("hemmelig").keyUse(KeyUse.SIGNATURE).build()
                .toJSONObject();

        InvalidInput e = assertThrows(InvalidInput.class, () -> keys.replace(id, body(secret)));

        assertEquals("key.private", e.of("keys[0]"));
        assertEquals(List.of(), stored(id));
        assertEquals(List.of(), actions(id));
    }

    @Test
    @TestSecurity(user = "ivar")
    void removingOneKeyAndClearingTheSetAreEachOneAuditLine() {
        String id = clientOf(TestData.ORG_A);
        keys.replace(id, body(jwk("a"), jwk("b")));

        assertEquals(List.of("b"), kids(keys.remove(id, "a")));
        assertThrows(NotFound.class, () -> keys.remove(id, "a"));
        AuditEvent removed = AuditEvent.ofSubject("Client", id).get(0);
        assertEquals("key.removed", removed.action);
        assertEquals(List.of("a", "b"), auditedKids(removed.before));
        assertEquals(List.of("b"), auditedKids(removed.after));

        assertEquals(List.of(), kids(keys.clear(id)));
        assertEquals(List.of(), stored(id));
        assertEquals(List.of("keys.cleared", "key.removed", "keys.replaced"), actions(id));
    }

    @Test
    @TestSecurity(user = "ivar")
    void anotherOrganisationsKeysAreNotFoundAndStayAsTheyWere() {
        String theirs = clientOf(TestData.ORG_B);
        as(TestData.ORG_B, "idporten:dcr.write").body(jwks(jwk("deres"))).post("/api/v1/clients/" + theirs + "/jwks")
                .then().statusCode(201);

        assertThrows(NotFound.class, () -> keys.keys(theirs));
        assertThrows(NotFound.class, () -> keys.replace(theirs, body(jwk("vaar"))));
        assertThrows(NotFound.class, () -> keys.add(theirs, body(jwk("vaar"))));
        assertThrows(NotFound.class, () -> keys.remove(theirs, "deres"));
        assertThrows(NotFound.class, () -> keys.clear(theirs));
        assertTrue(keys.expiring(KeyService.MAX_EXPIRING_DAYS).stream()
                .noneMatch(k -> k.client.clientId.equals(theirs)));

        assertEquals(List.of("deres"), stored(theirs));
        assertTrue(AuditEvent.ofSubject("Client", theirs).stream().noneMatch(e -> e.actor.equals("ivar")));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aDeactivatedClientsKeysNoLongerChange() {
        String id = clientOf(TestData.ORG_A);
        keys.replace(id, body(jwk("a")));
        clients.deactivate(id);

        assertThrows(NotFound.class, () -> keys.add(id, body(jwk("b"))));
        assertThrows(NotFound.class, () -> keys.clear(id));
        assertEquals(List.of("a"), stored(id));
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonWithoutTheIntegrationRoleCannotReadOrChangeKeys() {
        String id = clientOf(TestData.ORG_A);
        assertThrows(Forbidden.class, () -> keys.keys(id));
        assertThrows(Forbidden.class, () -> keys.replace(id, body(jwk("a"))));
        assertThrows(Forbidden.class, () -> keys.expiring(30));
        assertEquals(List.of(), stored(id));
    }

    @Test
    @TestSecurity(user = "ivar")
    void expiringListsTheKeysThatStopWorkingWithinTheAskedDays() {
        String id = clientOf(TestData.ORG_A);
        keys.replace(id, body(jwk("snart")));

        assertTrue(keys.expiring(366).stream().anyMatch(k -> k.client.clientId.equals(id) && k.kid.equals("snart")));
        assertTrue(keys.expiring(364).stream().noneMatch(k -> k.client.clientId.equals(id)));
        assertEquals("key.expiring.days", assertThrows(InvalidInput.class, () -> keys.expiring(-1)).of("days"));
        assertEquals("key.expiring.days", assertThrows(InvalidInput.class,
                () -> keys.expiring(KeyService.MAX_EXPIRING_DAYS + 1)).of("days"));
    }
}
