package no.samarbeidsportal.token;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The token service in {@code /q/health/ready}: the signing key in use, which RSA implementation signs, and whether
 * decisions are cached (only while changes are being listened for). Not caching is slower, never wrong: still UP.
 */
@Readiness
@ApplicationScoped
public class TokenHealth implements HealthCheck {

    private final SigningKeyService keys;
    private final TokenChangeListener listener;

    TokenHealth(SigningKeyService keys, TokenChangeListener listener) {
        this.keys = keys;
        this.listener = listener;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("token-service").up()
                .withData("signing_kid", keys.currentKid())
                .withData("signing_provider", keys.signingProvider())
                .withData("decisions_cached", listener.listening())
                .build();
    }
}
