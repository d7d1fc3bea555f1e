package no.samarbeidsportal.token;

import jakarta.enterprise.context.ApplicationScoped;
import no.samarbeidsportal.token.signing.Signer;
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

    private final Signer signer;
    private final TokenChangeListener listener;

    TokenHealth(Signer signer, TokenChangeListener listener) {
        this.signer = signer;
        this.listener = listener;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("token-service").up()
                .withData("signing_kid", signer.currentKid())
                .withData("signing_provider", signer.signingProvider())
                .withData("decisions_cached", listener.listening())
                .build();
    }
}
