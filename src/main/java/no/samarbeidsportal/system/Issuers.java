package no.samarbeidsportal.system;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/**
 * The two profiles' issuers, read on first use rather than at start-up: an issuer may name the HTTP port, which tests
 * only know once the server listens ({@code ${quarkus.http.test-port}}).
 */
@ApplicationScoped
public class Issuers {

    private final Config settings;
    private volatile Profile maskinporten;
    private volatile Profile sky;

    Issuers(Config settings) {
        this.settings = settings;
    }

    public Profile maskinporten() {
        if (maskinporten == null) {
            maskinporten = new Profile(false, settings.getValue("portal.token.issuer", String.class));
        }
        return maskinporten;
    }

    public Profile sky() {
        if (sky == null) {
            sky = new Profile(true, settings.getValue("portal.token.sky.issuer", String.class));
        }
        return sky;
    }
}
