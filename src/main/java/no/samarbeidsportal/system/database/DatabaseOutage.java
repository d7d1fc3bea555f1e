package no.samarbeidsportal.system.database;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * A database that cannot be reached now (down, restarting, connection lost): the pages and the API answer 503 with
 * {@code Retry-After}, the token endpoint {@code temporarily_unavailable}. The refusals are counted and logged once per
 * interval, without a stack trace: the first at once, then "n requests refused in the last 10 s" while it lasts.
 */
@ApplicationScoped
public class DatabaseOutage {

    /** Seconds a client is asked to wait: the embedded database is back within a few. */
    public static final String RETRY_AFTER = "5";
    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final long INTERVAL_SECONDS = 10;
    /** admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down). */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> lastCause = new AtomicReference<>();
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "database-outage-log");
        t.setDaemon(true);
        return t;
    });

    DatabaseOutage() {
        flusher.scheduleAtFixedRate(this::flush, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the failure, or any of its causes, says the database cannot be reached. */
    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 30; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || "org.hibernate.exception.JDBCConnectionException".equals(t.getClass().getName())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNREACHABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Counts one request refused because of {@code failure}; logs at once if nothing was logged this interval. */
    public void refused(Throwable failure) {
        refused.incrementAndGet();
        lastCause.set(describe(failure));
        long now = System.nanoTime();
        long last = lastLogged.get();
        if ((last == Long.MIN_VALUE || now - last >= TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS))
                && lastLogged.compareAndSet(last, now)) {
            report();
        }
    }

    private void flush() {
        if (refused.get() > 0) {
            lastLogged.set(System.nanoTime());
            report();
        }
    }

    private void report() {
        long count = refused.getAndSet(0);
        if (count > 0) {
            LOG.errorf("Database unreachable: %d request%s refused with 503 in the last %d s (%s)", count,
                    count == 1 ? "" : "s", INTERVAL_SECONDS, lastCause.get());
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 30) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @PreDestroy
    void close() {
        flusher.shutdownNow();
    }
}
