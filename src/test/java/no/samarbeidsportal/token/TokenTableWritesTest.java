package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
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

    @Inject
    DataSource dataSource;

    @Test
    void theOutboxSendersTransactionsLeaveTheCacheAlone() {
        assertTrue(keptAcross(() -> webhooks.deliver(Instant.now())),
                "a webhook claim's transaction cleared the token service's cache");
    }

    /**
     * Whether a value cached before {@code transactions} is still cached after them. A change notice from the set-up
     * arriving late clears the cache once: a few tries, each with a fresh value.
     */
    private boolean keptAcross(Runnable transactions) {
        TestData.ensure();
        assertTrue(data.cache().enabled(), "the cache is on (listening)");
        for (int i = 0; i < 5; i++) {
            String key = "probe:" + UUID.randomUUID();
            data.cache().get(key, () -> Optional.of("cached"));
            transactions.run();
            if (data.cache().get(key, () -> Optional.of("looked up again")).equals(Optional.of("cached"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aTokenTableWriteFlushedOnlyByTheCommitClearsTheCacheWhenItsTransactionEnds() throws Exception {
        // the mark is set from inside commit() (Hibernate's flush before completion), through the mark registered
        // when the transaction began
        ClientApiTest.grantedTo(TestData.ORG_B);
        String description = QuarkusTransaction.requiringNew().call(
                () -> Scope.<Scope>findAll().firstResult().description);
        // the change's NOTIFY held back: only this instance's own clearing can empty the cache
        try (HeldListeners held = HeldListeners.hold(dataSource)) {
            assertFalse(keptAcross(() -> QuarkusTransaction.requiringNew().run(() -> {
                Scope scope = Scope.<Scope>findAll().firstResult();
                scope.description = description + " (" + UUID.randomUUID() + ")";
            })), "an entity change written by the commit's flush left the cache as it was");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Scope.<Scope>findAll().firstResult().description = description);
        }
    }

    @Test
    void aTransactionBegunPastQuarkussTransactionManagerIsFollowedToo() throws Exception {
        // security review: such a transaction (Narayana's own manager, as Hibernate's isolated work uses) fired no
        // begin event, so it had no mark and its write to a token table left this instance's cache as it was
        TransactionManager narayana = com.arjuna.ats.jta.TransactionManager.transactionManager();
        try (HeldListeners held = HeldListeners.hold(dataSource)) {
            assertFalse(keptAcross(() -> {
                try {
                    narayana.begin();
                    em.createNativeQuery("delete from scope_access where false").executeUpdate();
                    narayana.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }), "a write in a transaction begun past Quarkus's manager left the cache as it was");
        }
    }

    @Test
    void noCodeWritesATokenTableOverAPlainConnection() throws IOException {
        // such a write is not seen by the statement inspector: the instance that made it would answer from its cache
        // until the change's NOTIFY arrives (security review: the bulk access import did, through Session.doWork)
        Set<String> tables = new TreeSet<>();
        String triggers = Files.readString(Path.of("db/changes/0015-create-token-change-notification.sql"))
                + Files.readString(Path.of("db/changes/0016-create-supplier-appointment.sql"));
        Matcher trigger = Pattern.compile("create trigger \\w+ after [^;]*? on (\\w+)\\s+for each statement execute "
                + "function notify_token_change").matcher(triggers);
        while (trigger.find()) {
            tables.add(trigger.group(1));
        }
        assertEquals(Set.of("client", "client_key", "scope", "scope_access", "delegation", "supplier_appointment",
                "signing_key"), tables);
        Pattern write = Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from|truncate)\\s+("
                + String.join("|", tables) + ")\\b");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                boolean plain = source.contains("getConnection(") || source.contains("doWork(")
                        || source.contains("doReturningWork(");
                if (plain && write.matcher(source).find()) {
                    offenders.add(file.toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void aTransactionMarkedRollbackOnlyThatWroteNoTokenTableLeavesTheCacheAlone() {
        // security review: a transaction marked rollback-only ends with another status in its id than it began with;
        // it was not recognised at its end and cleared the cache (any page's error did) and stayed on the thread
        // committing a transaction marked rollback-only rolls it back and says so
        assertTrue(keptAcross(() -> assertThrows(QuarkusTransactionException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    em.createNativeQuery("update webhook_delivery set attempts = attempts where false")
                            .executeUpdate();
                    QuarkusTransaction.setRollbackOnly();
                }))), "a rolled-back transaction that wrote no token table cleared the cache");
        assertFalse(QuarkusTransaction.requiringNew().call(writes::written), "a stale transaction left on the thread");
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
