package no.samarbeidsportal.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientListService.KeyStatus;
import no.samarbeidsportal.clients.ClientListService.Query;
import no.samarbeidsportal.clients.ClientListService.Row;
import no.samarbeidsportal.system.Forbidden;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Integrasjoner" as a list (issue 14): ivar administers A's integrations. Each test names its clients with its own
 * stamp and searches for it, as the database is shared.
 */
@QuarkusTest
class ClientListServiceTest {

    @Inject
    ClientListService listing;

    @Inject
    ClientService clients;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String clientOf(String orgno, String name, String scope) {
        Map<String, Object> body = ClientApiTest.maskinporten(scope);
        body.put("client_name", name);
        return ClientApiTest.create(orgno, body);
    }

    /** A key on the client expiring at {@code expires}, stored as the key service would store it. */
    private static void key(String clientId, Instant expires) {
        QuarkusTransaction.requiringNew().run(() -> {
            ClientKey key = new ClientKey();
            key.client = Client.byClientId(clientId).orElseThrow();
            key.kid = TestScopes.unique("kid");
            key.jwk = Map.of("kty", "RSA", "e", "AQAB", "n", "sXch");
            key.thumbprint = key.kid;
            key.expires = expires;
            key.created = Instant.now();
            key.lastUpdated = key.created;
            key.persist();
        });
    }

    private List<Row> list(String text, Query.Sort sort) {
        return listing.list(new Query(text, null, Query.Status.ACTIVE, sort));
    }

    private static List<String> names(List<Row> rows) {
        return rows.stream().map(r -> r.client().clientName).toList();
    }

    @Test
    @TestSecurity(user = "ivar")
    void eachClientHasItsKeyStatusAndNearestExpiryAndTheListSortsByIt() {
        String stamp = TestScopes.unique("liste");
        String scope = TestScopes.ofA();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String none = clientOf(TestData.ORG_A, stamp + "-d-ingen", scope);
        String expiring = clientOf(TestData.ORG_A, stamp + "-c-snart", scope);
        key(expiring, now.plus(Duration.ofDays(10)));
        key(expiring, now.plus(Duration.ofDays(300)));
        String expired = clientOf(TestData.ORG_A, stamp + "-b-utlopt", scope);
        key(expired, now.minus(Duration.ofDays(3)));
        key(expired, now.minus(Duration.ofDays(1)));
        String valid = clientOf(TestData.ORG_A, stamp + "-a-gyldig", scope);
        key(valid, now.minus(Duration.ofDays(5)));
        key(valid, now.plus(Duration.ofDays(200)));

        List<Row> rows = list(stamp, Query.Sort.EXPIRY);
        Function<String, Row> row = id -> rows.stream().filter(r -> r.client().clientId.equals(id)).findFirst()
                .orElseThrow();
        assertEquals(KeyStatus.NONE, row.apply(none).keyStatus());
        assertNull(row.apply(none).nearestExpiry());
        assertEquals(KeyStatus.EXPIRING, row.apply(expiring).keyStatus());
        assertEquals(now.plus(Duration.ofDays(10)), row.apply(expiring).nearestExpiry());
        assertEquals(2, row.apply(expiring).keys());
        assertEquals(KeyStatus.EXPIRED, row.apply(expired).keyStatus());
        assertEquals(now.minus(Duration.ofDays(1)), row.apply(expired).nearestExpiry(), "when the last one ran out");
        assertEquals(KeyStatus.VALID, row.apply(valid).keyStatus(), "an expired key beside a valid one");
        assertEquals(now.plus(Duration.ofDays(200)), row.apply(valid).nearestExpiry(), "the nearest valid key");

        assertEquals(List.of(expired, expiring, valid, none), rows.stream().map(r -> r.client().clientId).toList());
        assertEquals(List.of(stamp + "-a-gyldig", stamp + "-b-utlopt", stamp + "-c-snart", stamp + "-d-ingen"),
                names(list(stamp.toUpperCase(), Query.Sort.NAME)), "search ignores case");
        assertEquals(List.of(stamp + "-d-ingen", stamp + "-c-snart", stamp + "-b-utlopt", stamp + "-a-gyldig"),
                names(list(stamp, Query.Sort.CREATED)));
        assertEquals(List.of(none), list(none, Query.Sort.NAME).stream().map(r -> r.client().clientId).toList(),
                "search by client_id");
    }

    @Test
    @TestSecurity(user = "ivar")
    void anotherOrganisationsClientsAreNotListedWhateverTheSearch() {
        String stamp = TestScopes.unique("andres");
        String own = clientOf(TestData.ORG_A, stamp + "-egen", TestScopes.ofA());
        String ofB = clientOf(TestData.ORG_B, stamp + "-b", ClientApiTest.grantedTo(TestData.ORG_B));
        key(ofB, Instant.now().plus(Duration.ofDays(5)));

        assertEquals(List.of(own), list(stamp, Query.Sort.CREATED).stream().map(r -> r.client().clientId).toList());
        assertTrue(list(ofB, Query.Sort.CREATED).isEmpty(), "not even by its client_id");
        assertTrue(listing.list(new Query(stamp, null, Query.Status.ALL, Query.Sort.EXPIRY)).stream()
                .noneMatch(r -> r.client().clientId.equals(ofB)));
    }

    @Test
    @TestSecurity(user = "ivar")
    void theFiltersNarrowByIntegrationTypeAndActiveOrNot() {
        String stamp = TestScopes.unique("filter");
        String active = clientOf(TestData.ORG_A, stamp + "-aktiv", TestScopes.ofA());
        String deactivated = clientOf(TestData.ORG_A, stamp + "-deaktivert", TestScopes.ofA());
        clients.deactivate(deactivated);

        assertEquals(List.of(active), ids(new Query(stamp, "maskinporten", Query.Status.ACTIVE, Query.Sort.NAME)));
        assertEquals(List.of(deactivated), ids(new Query(stamp, null, Query.Status.INACTIVE, Query.Sort.NAME)));
        assertEquals(List.of(active, deactivated), ids(new Query(stamp, null, Query.Status.ALL, Query.Sort.NAME)));
        assertEquals(List.of(), ids(new Query(stamp, "idporten", Query.Status.ALL, Query.Sort.NAME)));
    }

    private List<String> ids(Query query) {
        return listing.list(query).stream().map(r -> r.client().clientId).toList();
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonWithoutTheIntegrationRoleIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(Forbidden.class,
                () -> listing.list(new Query("", null, Query.Status.ACTIVE, Query.Sort.NAME)));
    }
}
