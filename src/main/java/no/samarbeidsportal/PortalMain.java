package no.samarbeidsportal;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Map;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import no.samarbeidsportal.system.database.EmbeddedDatabase;

/**
 * Starts the portal; without an external database configured it first starts the embedded PostgreSQL.
 */
@QuarkusMain
public class PortalMain {

    public static void main(String... args) throws Exception {
        EmbeddedDatabase.startUnlessExternalConfigured();
        // Liquibase prints every changeset it runs and its summary straight to the console; through its logger they
        // obey the level set for it (application.properties: WARN), so a start-up log shows only its problems
        if (System.getProperty("liquibase.command.showSummaryOutput") == null) {
            System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        }
        Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> Quarkus.run(args));
        EmbeddedDatabase.stop();
    }
}
