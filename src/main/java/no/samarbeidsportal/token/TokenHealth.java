package no.samarbeidsportal.token;

import jakarta.enterprise.context.ApplicationScoped;
import no.samarbeidsportal.token.signing.Signer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The token service in {@code /q/health/ready}: the signing key in use, which RSA implementation signs, and whether
 * decisions are cached (only while changes are being listened for). Not caching is slower, never wrong: still UP.
 * DOWN only while the start-up warm-up ({@link TokenWarmUp}) runs.
 */
@Readiness
@ApplicationScoped
public class TokenHealth implements HealthCheck {

    private final Signer signer;
    private final TokenChangeListener listener;
    private final TokenWarmUp warmUp;

    TokenHealth(Signer signer, TokenChangeListener listener, TokenWarmUp warmUp) {
        this.signer = signer;
        this.listener = listener;
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        String warm = warmUp.state();
        // not ready while the token path is being warmed up (a few seconds at start): a load balancer waits
        return HealthCheckResponse.named("token-service").status(!"running".equals(warm))
                .withData("warm_up", warm)
                .withData("signing_kid", signer.currentKid())
                .withData("signing_provider", signer.signingProvider())
                .withData("decisions_cached", listener.listening())
                .build();
    }
}
