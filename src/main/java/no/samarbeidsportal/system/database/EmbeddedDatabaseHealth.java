package no.samarbeidsportal.system.database;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The embedded PostgreSQL in {@code /q/health/ready}: down while it is being restarted after it died. */
@Readiness
@ApplicationScoped
public class EmbeddedDatabaseHealth implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("embedded-database").status(EmbeddedDatabase.ready())
                .withData("embedded", EmbeddedDatabase.embedded()).build();
    }
}
