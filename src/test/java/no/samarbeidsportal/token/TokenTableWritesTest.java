package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.webhooks.WebhookSender;
import org.junit.jupiter.api.Test;

/**
 * Only a transaction that wrote a table the token service decides on clears this instance's decision cache when it
 * ends (before: every transaction did, the outbox senders' every few seconds among them).
 */
@QuarkusTest
class TokenTableWritesTest {

    @Inject
    TokenData data;

    @Inject
    @PersistenceUnitExtension
    TokenTableWrites writes;

    @Inject
    WebhookSender webhooks;

    @Inject
    EntityManager em;

    @Test
    void theOutboxSendersTransactionsLeaveTheCacheAlone() {
        TestData.ensure();
        // a change notice from the set-up arriving late clears the cache once: a few tries, each with a fresh value
        boolean kept = false;
        for (int i = 0; i < 5 && !kept; i++) {
            String key = "probe:" + i;
            data.cache().get(key, () -> Optional.of("cached"));
            webhooks.deliver(Instant.now());
            kept = data.cache().get(key, () -> Optional.of("looked up again")).equals(Optional.of("cached"));
        }
        assertTrue(kept, "a webhook claim's transaction cleared the token service's cache");
    }

    @Test
    void aWriteToATokenTableMarksItsTransactionAndAnotherWriteDoesNot() {
        TestData.ensure();
        assertFalse(QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("update webhook_delivery set attempts = attempts where false").executeUpdate();
            return writes.written();
        }));
        for (String table : new String[] {"client", "client_key", "scope", "scope_access", "delegation",
                "supplier_appointment", "signing_key"}) {
            assertTrue(QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("delete from " + table + " where false").executeUpdate();
                return writes.written();
            }), table);
        }
        // an entity's change, flushed by Hibernate
        ClientApiTest.grantedTo(TestData.ORG_B);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> {
            Scope scope = Scope.<Scope>findAll().firstResult();
            scope.description = scope.description + " ";
            em.flush();
            scope.description = scope.description.substring(0, scope.description.length() - 1);
            em.flush();
            return writes.written();
        }));
        // the inner transaction's write is its own; the outer one wrote nothing
        assertEquals(false, QuarkusTransaction.requiringNew().call(() -> {
            QuarkusTransaction.requiringNew().run(() ->
                    em.createNativeQuery("delete from scope where false").executeUpdate());
            return writes.written();
        }));
    }
}
