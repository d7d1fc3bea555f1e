package no.samarbeidsportal.token;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.jboss.logging.Logger;

/**
 * Which transactions wrote a table the token service decides on, so that this instance clears its decision cache when
 * such a transaction ends, and only then (before: at the end of every transaction, the outbox senders' every few
 * seconds and each page's too, so the next token requests went to the database). The tables are the database's own
 * list: those whose changes it announces on {@code token_change} (changesets 0015, 0016), read at start. Every SQL
 * statement Hibernate prepares passes here; one that is not a {@code select} and names such a table marks its
 * transaction. Until the list is read, and when it cannot be, every write counts.
 *
 * <p>Each transaction gets a mark when it begins (a transaction-local resource of the JTA synchronization registry,
 * registered as an interposed synchronization): a write marks the transaction it runs in, on whichever thread, and
 * the mark's {@code afterCompletion}, inside {@code commit()} or {@code rollback()} after the database's commit and
 * before the caller goes on, clears the cache. A transaction begun past Quarkus's transaction manager (Narayana's own,
 * which announces no begin) gets its mark at its first such write. A write over a plain JDBC connection (a
 * {@code DataSource}, or Hibernate's {@code Session.doWork}) or outside a transaction is not seen here: its
 * announcement clears the cache within milliseconds, as on every other instance, so such writes to these tables are
 * kept out of the code.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class TokenTableWrites implements StatementInspector {

    private static final Logger LOG = Logger.getLogger(TokenTableWrites.class);
    /** The key of a transaction's mark among its transaction-local resources. */
    private static final Object MARK = TokenTableWrites.class.getName() + ".mark";

    /** Whether one transaction wrote a token table; clears the cache when that transaction ends if it did. */
    private final class Mark implements Synchronization {
        volatile boolean wrote;

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (wrote) {
                try {
                    data.cache().clear();
                } catch (RuntimeException e) {
                    // never in the way of the synchronizations after this one (the connection pool's return)
                    LOG.warnf("Could not clear the token service's cache after a change (%s)", e.toString());
                }
            }
        }
    }

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry registry;
    private final TokenData data;
    private volatile Pattern tokenTables;

    TokenTableWrites(DataSource dataSource, TransactionSynchronizationRegistry registry, TokenData data) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.data = data;
    }

    void start(@Observes StartupEvent event) {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("""
                        select distinct c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
                        join pg_proc p on p.oid = t.tgfoid
                        where p.proname = 'notify_token_change' and not t.tgisinternal""")) {
            while (r.next()) {
                tables.add(Pattern.quote(r.getString(1)));
            }
        } catch (SQLException e) {
            LOG.warnf("Could not read which tables announce token changes (%s); every write clears the token "
                    + "service's cache", e.getMessage());
            return;
        }
        if (!tables.isEmpty()) {
            tokenTables = Pattern.compile("\\b(" + String.join("|", tables) + ")\\b", Pattern.CASE_INSENSITIVE);
        }
    }

    /**
     * Fired by Quarkus's transaction manager right after a transaction has begun (it is active, so a synchronization
     * can be registered).
     */
    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        try {
            register(new Mark());
        } catch (RuntimeException e) {
            // never in the way of the transaction's begin: a write in it gets its mark then (inspect)
            LOG.debugf("No mark at the transaction's begin (%s)", e.toString());
        }
    }

    /** Registered first, then findable: a mark that writes can find is always one that will be told of the end. */
    private void register(Mark mark) {
        registry.registerInterposedSynchronization(mark);
        registry.putResource(MARK, mark);
    }

    @Override
    public String inspect(String sql) {
        if (!sql.stripLeading().regionMatches(true, 0, "select", 0, 6)) {
            Pattern tables = tokenTables;
            if (tables == null || tables.matcher(sql).find()) {
                wrote();
            }
        }
        return sql;
    }

    /** Marks the current transaction; one begun where its start was not announced gets its mark now. */
    private void wrote() {
        if (registry.getTransactionKey() == null) {
            return; // no transaction: Hibernate writes nothing outside one
        }
        if (registry.getResource(MARK) instanceof Mark mark) {
            mark.wrote = true;
            return;
        }
        // begun past Quarkus's notifying transaction manager (Narayana's own, as Hibernate's isolated work is)
        Mark mark = new Mark();
        mark.wrote = true;
        try {
            register(mark);
        } catch (RuntimeException e) {
            // too late to be told of its end: clear now, and the change's NOTIFY clears again when it commits
            LOG.warnf("A change to a token table in a transaction that cannot be followed to its end (%s); the "
                    + "cache is cleared now and again on the change's announcement", e.toString());
            data.cache().clear();
        }
    }

    private Mark mark() {
        return registry.getTransactionKey() != null && registry.getResource(MARK) instanceof Mark mark ? mark : null;
    }

    /** Whether the current transaction has written a token table so far. */
    boolean written() {
        Mark mark = mark();
        return mark != null && mark.wrote;
    }
}
