package no.samarbeidsportal.token;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * transaction. Until the list is read, and when it cannot be, every write counts. A write over a plain JDBC connection
 * (a {@code DataSource}, or Hibernate's {@code Session.doWork}) is not seen here: its announcement clears the cache
 * within milliseconds, as on every other instance, so such writes to these tables are kept out of the code.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class TokenTableWrites implements StatementInspector {

    private static final Logger LOG = Logger.getLogger(TokenTableWrites.class);
    /** A bound on the transactions a thread has begun and not ended (a leak is forgotten past it). */
    private static final int MAX_OPEN = 100;

    /** The transaction begun on this thread, innermost last; a transaction (by its id) and whether it wrote. */
    private static final ThreadLocal<Deque<Open>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private static final class Open {
        final String id;
        boolean wrote;

        Open(String id) {
            this.id = id;
        }
    }

    private final DataSource dataSource;
    /** A write in a transaction not begun on its thread: the next transaction to end clears the cache. */
    private volatile boolean unattributed;
    private volatile Pattern tokenTables;

    TokenTableWrites(DataSource dataSource) {
        this.dataSource = dataSource;
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

    /** Fired when a transaction begins on this thread. */
    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        Deque<Open> open = OPEN.get();
        if (open.size() >= MAX_OPEN) {
            open.clear();
        }
        open.addLast(new Open(id(transaction)));
    }

    @Override
    public String inspect(String sql) {
        if (!sql.stripLeading().regionMatches(true, 0, "select", 0, 6)) {
            Pattern tables = tokenTables;
            if (tables == null || tables.matcher(sql).find()) {
                Open current = OPEN.get().peekLast();
                if (current != null) {
                    current.wrote = true;
                } else {
                    unattributed = true;
                }
            }
        }
        return sql;
    }

    /**
     * The transaction's id from the event's payload, whose text is Narayana's and ends with the transaction's status
     * ("... status: ActionStatus.RUNNING"): a transaction marked rollback-only ends with another status than it began
     * with, so the status is left out.
     */
    private static String id(Object transaction) {
        String text = transaction.toString();
        int status = text.indexOf(" status:");
        return status < 0 ? text : text.substring(0, status);
    }

    /** Whether the transaction begun last on this thread has written a token table so far. */
    boolean written() {
        Open current = OPEN.get().peekLast();
        return current != null && current.wrote;
    }

    /**
     * Whether the transaction that ended (the {@code @Destroyed(TransactionScoped.class)} payload) wrote a token table;
     * true as well for a transaction not begun on this thread and after a write this class could not tie to one.
     */
    boolean ended(Object transaction) {
        String id = id(transaction);
        boolean wrote = false;
        Deque<Open> open = OPEN.get();
        if (open.stream().anyMatch(o -> o.id.equals(id))) {
            // innermost first; one begun inside it and never ended (not expected) ends with it
            Open o;
            do {
                o = open.removeLast();
                wrote |= o.wrote;
            } while (!o.id.equals(id));
        } else {
            // begun where this class did not see it: what it wrote is not known here
            wrote = true;
        }
        if (unattributed) {
            unattributed = false;
            wrote = true;
        }
        return wrote;
    }
}
