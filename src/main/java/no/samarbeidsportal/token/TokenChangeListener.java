package no.samarbeidsportal.token;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Properties;
import no.samarbeidsportal.token.signing.SigningKeys;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL channel {@code token_change}, which the database announces after every committed change to
 * clients, keys, scopes, access lists, delegations and signing keys (changeset 0015). Each announcement clears this
 * instance's decision cache at once; while the listening connection is down, nothing is cached. This is how a
 * revocation on any instance takes effect on every instance within milliseconds. A connection that stops answering
 * without breaking counts as down once a heartbeat goes unanswered for {@code portal.token.listener-timeout}. The same
 * thread forgets used grants and opaque tokens past their time.
 *
 * <p>The instance that makes a change does not wait for its own announcement: every transaction that ends here
 * (commit or rollback) having written a table that announces token changes clears the cache before the service method
 * returns, so a refusal holds from the moment the change's response is sent. The tables are the database's own list
 * (its triggers), not a list of entities or write paths, so no new write through Hibernate's own statements can forget
 * it ({@link TokenTableWrites}; a write over a plain JDBC connection is seen only through its announcement).
 */
@ApplicationScoped
public class TokenChangeListener {

    private static final Logger LOG = Logger.getLogger(TokenChangeListener.class);
    private static final int POLL_MILLIS = 500;
    /** The listening connection's application_name in pg_stat_activity. */
    static final String APPLICATION_NAME = "token-change-listener";
    /** How often used grants and expired opaque tokens are deleted, and how many used grants per delete. */
    private static final long CLEANUP_MILLIS = 10_000;
    private static final int FORGET_AT_ONCE = 5_000;
    private static final long FORGET_BUDGET_NANOS = 200_000_000;

    private final TokenData data;
    private final GrantUses grantUses;
    private final OpaqueTokens opaqueTokens;
    private final SigningKeys keys;
    private final TokenConfig config;
    private final Config settings;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    TokenChangeListener(TokenData data, GrantUses grantUses, OpaqueTokens opaqueTokens, SigningKeys keys,
            TokenConfig config, Config settings, Clock clock) {
        this.data = data;
        this.grantUses = grantUses;
        this.opaqueTokens = opaqueTokens;
        this.keys = keys;
        this.config = config;
        this.settings = settings;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "token-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        data.cache().enabled(false);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Deletes used grants past their time, a few thousand per transaction, for at most a fifth of a second (then the
     * change notices are read again); true when more remain.
     */
    private boolean forget() {
        long until = System.nanoTime() + FORGET_BUDGET_NANOS;
        while (grantUses.forget(clock.instant(), FORGET_AT_ONCE) == FORGET_AT_ONCE) {
            if (System.nanoTime() > until) {
                return true;
            }
        }
        return false;
    }

    /** Whether decisions are being cached now (the listening connection is up). */
    public boolean listening() {
        return data.cache().enabled();
    }

    private void listen() {
        long lastCleanup = 0;
        boolean moreToForget = false;
        boolean lost = false;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN token_change");
                }
                data.cache().enabled(config.cache());
                if (lost) {
                    LOG.info("Token change listener is listening again; caching decisions");
                    lost = false;
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                long timeout = Math.max(1, config.listenerTimeout().toMillis());
                // every read on this connection fails past the timeout (getNotifications sets its own, then this)
                connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, timeout));
                long lastHeartbeat = System.nanoTime();
                while (running) {
                    if (System.nanoTime() - lastHeartbeat > timeout * 500_000) {
                        // a connection that no longer answers fails here, within the timeout: not caching from then
                        try (Statement s = connection.createStatement()) {
                            s.execute("select 1");
                        }
                        lastHeartbeat = System.nanoTime();
                    }
                    PGNotification[] notifications = pg.getNotifications((int) Math.min(POLL_MILLIS, timeout));
                    if (notifications != null && notifications.length > 0) {
                        data.cache().clear();
                        if (Arrays.stream(notifications).anyMatch(n -> "signing_key".equals(n.getParameter()))) {
                            keys.refresh();
                        }
                    }
                    long now = clock.millis();
                    if (now - lastCleanup > CLEANUP_MILLIS || moreToForget) {
                        // a few thousand used grants at a time, between polls: a change notice never waits long
                        lastCleanup = now;
                        moreToForget = forget();
                        opaqueTokens.forget(clock.instant());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                data.cache().enabled(false);
                if (running) {
                    if (!lost) {
                        // once per outage, not once per retry
                        LOG.warnf("Token change listener lost its database connection (%s); not caching until it "
                                + "is back", e.getMessage());
                        lost = true;
                    }
                    sleep();
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        String url = settings.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = settings.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        String password = settings.getOptionalValue("quarkus.datasource.password", String.class).orElse(null);
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // so that operators (and tests) can tell it in pg_stat_activity, whose query column shows the heartbeat
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(url, properties);
    }

    private void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
