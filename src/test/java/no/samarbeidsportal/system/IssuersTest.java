package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Whether the operator set the issuer: the client page's help builds on the served address only when not. */
class IssuersTest {

    private static final String DEFAULT = "${PORTAL_ISSUER:http://localhost:8080/}";

    private static Config config(Map<String, String> application, Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(application, "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300)).build();
    }

    @Test
    void theDefaultIssuerIsNotConfigured() {
        Issuers issuers = new Issuers(config(Map.of("portal.token.issuer", DEFAULT), Map.of()));
        assertEquals("http://localhost:8080/", issuers.maskinporten().issuer());
        assertFalse(issuers.maskinportenConfigured());
    }

    @Test
    void portalIssuerOrTheSettingItselfIsConfigured() {
        Issuers fromEnvironment = new Issuers(config(Map.of("portal.token.issuer", DEFAULT),
                Map.of("PORTAL_ISSUER", "https://portal.example/")));
        assertEquals("https://portal.example/", fromEnvironment.maskinporten().issuer());
        assertTrue(fromEnvironment.maskinportenConfigured());

        Map<String, String> direct = new HashMap<>(Map.of("portal.token.issuer", DEFAULT));
        Issuers fromSetting = new Issuers(config(direct, Map.of("portal.token.issuer", "https://other.example/")));
        assertEquals("https://other.example/", fromSetting.maskinporten().issuer());
        assertTrue(fromSetting.maskinportenConfigured());
    }
}
