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
    /** The instance updating the register holds this transaction-level advisory lock ("REGISTER"). */
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
        Outcome outcome;
        try {
            outcome = QuarkusTransaction.requiringNew().timeout((int) config.fullLoadTimeout().toSeconds())
                    .call(() -> runLocked(source, downloads));
        } catch (RuntimeException e) {
            Throwable cause = e instanceof QuarkusTransactionException && e.getCause() != null ? e.getCause() : e;
            recordFailure(cause);
            return Outcome.FAILED;
        }
        if (outcome == Outcome.LOADED || outcome == Outcome.UPDATED) {
            // after the commit, so that observers see the new copy; what they do is theirs, not the register's
            try {
                updated.fire(new RegisterUpdated(outcome == Outcome.LOADED));
            } catch (RuntimeException e) {
                LOG.warn("An observer of the register update failed", e);
            }
        }
        return outcome;
    }

    private Outcome runLocked(Enhetsregisteret source, BulkLoad.Downloads downloads) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return Outcome.BUSY;
            }
            RegisterState state = RegisterState.read(c);
            Outcome outcome;
            if (state.fullLoadAt() == null) {
                Instant started = clock.instant();
                BulkLoad.Loaded loaded = BulkLoad.replace(c, downloads, started);
                RegisterState.fullLoad(c, started, clock.instant(), loaded.total());
                Map<String, Object> after = new LinkedHashMap<>();
                loaded.units().forEach((kind, n) -> after.put(kind.name().toLowerCase(), n));
                after.put("skipped", loaded.skipped());
                AuditEvent.bySystem(null, AuditAction.REGISTER_LOADED, AuditSubject.register(), after);
                LOG.infof("Organisation register loaded: %s", after);
                outcome = Outcome.LOADED;
            } else {
                Map<String, Object> after = new LinkedHashMap<>();
                int changes = 0;
                for (RegisterKind kind : RegisterKind.values()) {
                    ChangeFeed.Applied applied = ChangeFeed.apply(c, source, kind, state, config);
                    changes += applied.changes();
                    if (applied.changes() > 0) {
                        after.put(kind.name().toLowerCase(), Map.of("changes", applied.changes(), "upserted",
                                applied.upserted(), "removed", applied.removed(), "by_type", applied.byType(),
                                "last_oppdateringsid", applied.lastId()));
                    }
                }
                if (changes > 0) {
                    AuditEvent.bySystem(null, AuditAction.REGISTER_UPDATED, AuditSubject.register(), after);
                }
                outcome = changes > 0 ? Outcome.UPDATED : Outcome.UNCHANGED;
            }
            RegisterState.success(c, clock.instant());
            return outcome;
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, LOCK);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
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
