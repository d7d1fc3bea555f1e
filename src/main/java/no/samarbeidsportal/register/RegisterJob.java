package no.samarbeidsportal.register;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import org.jboss.logging.Logger;

/**
 * Keeps the register copy current: a full load when there is none, the change feed after that. Any number of
 * instances may run it; the one holding the PostgreSQL advisory lock fetches, the others skip the round. A failure is
 * recorded in {@code register_state} (shown to the platform administrator) and the next round tries again; it is
 * never thrown to whoever started the run.
 */
@ApplicationScoped
public class RegisterJob {

    /** What a run did. */
    public enum Outcome { LOADED, UPDATED, UNCHANGED, BUSY, FAILED }

    private static final Logger LOG = Logger.getLogger(RegisterJob.class);
    /** The instance updating the register holds this session-level advisory lock ("REGISTER") for the run. */
    static final long LOCK = 0x5245474953544552L;

    private final RegisterConfig config;
    private final DataSource dataSource;
    private final Clock clock;
    private final HttpClient http;
    private ScheduledExecutorService timer;
    private final ExecutorService requested = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "register-update-requested");
        t.setDaemon(true);
        return t;
    });

    private final Event<RegisterUpdated> updated;

    RegisterJob(RegisterConfig config, DataSource dataSource, Clock clock, Event<RegisterUpdated> updated) {
        this.updated = updated;
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        this.http = Enhetsregisteret.client(config.timeout());
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "register-update");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, config.interval().toSeconds());
            timer.scheduleWithFixedDelay(this::run, 10, every, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        requested.shutdownNow();
    }

    /** Runs one update on a thread of its own, for the platform administrator's "update now". */
    Future<Outcome> runSoon() {
        return requested.submit((java.util.concurrent.Callable<Outcome>) this::run);
    }

    /** Runs one update now from Brønnøysund's API; returns what it did, never throws. */
    public Outcome run() {
        Enhetsregisteret source = new Enhetsregisteret(http, config.baseUrl(), config.timeout(), clock);
        return run(source, source::download);
    }

    /** Runs one update with the full load read from {@code downloads}; the change feed still comes from {@code source}. */
    Outcome run(Enhetsregisteret source, BulkLoad.Downloads downloads) {
        Map<RegisterKind, ChangeFeed.Progress> progress = new EnumMap<>(RegisterKind.class);
        Outcome outcome;
        try (Connection lock = dataSource.getConnection()) {
            if (!lock(lock)) {
                return Outcome.BUSY;
            }
            try {
                outcome = runLocked(source, downloads, progress);
            } finally {
                unlock(lock);
            }
        } catch (Exception e) {
            Throwable cause = e instanceof QuarkusTransactionException && e.getCause() != null ? e.getCause() : e;
            // the pages applied before the failure are committed: they are audited like any other update, and
            // observers are told of them
            boolean changed = auditFeed(progress);
            recordFailure(cause);
            if (changed) {
                tell(false);
            }
            return Outcome.FAILED;
        }
        if (outcome == Outcome.LOADED || outcome == Outcome.UPDATED) {
            tell(outcome == Outcome.LOADED);
        }
        return outcome;
    }

    /** After the commit, so that observers see the new copy; what they do is theirs, not the register's. */
    private void tell(boolean fullLoad) {
        try {
            updated.fire(new RegisterUpdated(fullLoad));
        } catch (RuntimeException e) {
            LOG.warn("An observer of the register update failed", e);
        }
    }

    private Outcome runLocked(Enhetsregisteret source, BulkLoad.Downloads downloads,
            Map<RegisterKind, ChangeFeed.Progress> progress) throws Exception {
        RegisterState state = inTransaction(RegisterState::read);
        if (state.fullLoadAt() == null) {
            // the full load stays one transaction: the new table replaces the old one when it commits, or not at all
            QuarkusTransaction.requiringNew().timeout((int) config.fullLoadTimeout().toSeconds()).call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    Instant started = clock.instant();
                    BulkLoad.Loaded loaded = BulkLoad.replace(c, downloads, started);
                    RegisterState.fullLoad(c, started, clock.instant(), loaded.total());
                    RegisterState.success(c, clock.instant());
                    Map<String, Object> after = new LinkedHashMap<>();
                    loaded.units().forEach((kind, n) -> after.put(kind.name().toLowerCase(), n));
                    after.put("skipped", loaded.skipped());
                    AuditEvent.bySystem(null, AuditAction.REGISTER_LOADED, AuditSubject.register(), after);
                    LOG.infof("Organisation register loaded: %s", after);
                }
                return null;
            });
            return Outcome.LOADED;
        }
        for (RegisterKind kind : RegisterKind.values()) {
            ChangeFeed.Progress applied = new ChangeFeed.Progress();
            progress.put(kind, applied);
            ChangeFeed.apply(this::page, source, kind, state, config, applied);
        }
        boolean changed = auditFeed(progress);
        inTransaction(c -> {
            RegisterState.success(c, clock.instant());
            return null;
        });
        return changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    /** One feed page's writes, committed on their own. */
    private void page(ChangeFeed.Write write) throws SQLException {
        inTransaction(c -> {
            write.to(c);
            return null;
        });
    }

    /** One audit line for what the feed applied (committed) in this run, if anything. */
    private boolean auditFeed(Map<RegisterKind, ChangeFeed.Progress> progress) {
        Map<String, Object> after = new LinkedHashMap<>();
        progress.forEach((kind, p) -> {
            ChangeFeed.Applied applied = p.applied();
            if (applied.changes() > 0) {
                after.put(kind.name().toLowerCase(), Map.of("changes", applied.changes(), "upserted",
                        applied.upserted(), "removed", applied.removed(), "by_type", applied.byType(),
                        "last_oppdateringsid", applied.lastId()));
            }
        });
        if (after.isEmpty()) {
            return false;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> AuditEvent.bySystem(null, AuditAction.REGISTER_UPDATED,
                    AuditSubject.register(), after));
        } catch (RuntimeException e) {
            LOG.warn("Could not audit the register update", e);
        }
        progress.clear();
        return true;
    }

    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return work.on(c);
                }
            });
        } catch (QuarkusTransactionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /**
     * The session-level advisory lock, held on a connection of its own for the whole run (its transactions commit
     * page by page on others); it goes with the connection if the instance dies.
     */
    private static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, LOCK);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c) {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_unlock(?)")) {
            s.setLong(1, LOCK);
            s.execute();
        } catch (SQLException e) {
            // only a broken connection fails here, and the server lets go of a broken session's locks
            LOG.warn("Could not release the register lock", e);
        }
    }

    private void recordFailure(Throwable failure) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        LOG.warnf("Organisation register update failed; the copy stays as it was and the next run tries again: %s",
                message);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection()) {
                    RegisterState.failure(c, clock.instant(), message);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not record the register update's failure", e);
        }
    }
}
