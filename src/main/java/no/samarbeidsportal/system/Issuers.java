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

    /**
     * Whether the operator named the Maskinporten issuer ({@code PORTAL_ISSUER}, or {@code portal.token.issuer} itself).
     * Unset, the issuer is the default {@code http://localhost:8080/}, a guess that is wrong on any other address.
     */
    public boolean maskinportenConfigured() {
        if (settings.getOptionalValue("PORTAL_ISSUER", String.class).isPresent()) {
            return true;
        }
        String raw = settings.getConfigValue("portal.token.issuer").getRawValue();
        return raw != null && !raw.contains("${PORTAL_ISSUER");
    }

    public Profile sky() {
        if (sky == null) {
            sky = new Profile(true, settings.getValue("portal.token.sky.issuer", String.class));
        }
        return sky;
    }
}
