package no.samarbeidsportal;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import no.samarbeidsportal.system.database.EmbeddedDatabase;

/**
 * Starts the portal; without an external database configured it first starts the embedded PostgreSQL.
 */
@QuarkusMain
public class PortalMain {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessExternalConfigured();
        Quarkus.run(args);
        EmbeddedDatabase.stop();
    }
}
