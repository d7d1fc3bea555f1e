package no.samarbeidsportal.token.admin;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.samarbeidsportal.identity.OrgsConfig;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.token.signing.SigningKeys;
import org.jboss.logging.Logger;

/**
 * Verifies admin API bearer tokens against the configured trusted issuers: signature by the issuer's JWKS (cached,
 * refreshed on an unknown kid), {@code iss} on the list, {@code exp} not passed. Created at start-up, so a bad
 * issuer setting stops the start instead of failing requests.
 */
@ApplicationScoped
@Startup
public class AdminTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AdminTokenVerifier.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    private final Map<String, ConfigurableJWTProcessor<SecurityContext>> byIssuer = new ConcurrentHashMap<>();
    private final OrgsConfig config;
    private final Issuers ownIssuer;
    private final SigningKeys ownKeys;
    private volatile ConfigurableJWTProcessor<SecurityContext> own;

    AdminTokenVerifier(OrgsConfig config, Issuers ownIssuer, SigningKeys ownKeys) {
        this.config = config;
        this.ownIssuer = ownIssuer;
        this.ownKeys = ownKeys;
        config.trustedIssuers().values().forEach(t -> byIssuer.put(t.issuer(), processor(t.issuer(),
                remoteKeys(t), config)));
    }

    /** The verified claims; any failure is an AuthenticationFailedException (401). */
    public JWTClaimsSet verify(String token) {
        String issuer;
        try {
            issuer = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException | IllegalArgumentException e) {
            throw new AuthenticationFailedException("token.malformed");
        }
        ConfigurableJWTProcessor<SecurityContext> processor = issuer == null ? null
                : issuer.equals(ownIssuer.maskinporten().issuer()) ? own() : byIssuer.get(issuer);
        if (processor == null) {
            throw new AuthenticationFailedException("token.issuer.untrusted");
        }
        try {
            return processor.process(token, null);
        } catch (Exception e) {
            LOG.debugf("Rejected admin token from %s: %s", issuer, e.getMessage());
            throw new AuthenticationFailedException("token.invalid");
        }
    }

    /**
     * The token service's own Maskinporten-profile tokens are trusted out of the box (token-protocol.md; the issue's
     * "our own admin tokens"), checked against its published keys in process, without HTTP.
     */
    private ConfigurableJWTProcessor<SecurityContext> own() {
        if (own == null) {
            JWKSource<SecurityContext> keys = (selector, context) -> selector.select(ownKeys.published());
            own = processor(ownIssuer.maskinporten().issuer(), keys, config);
        }
        return own;
    }

    private static JWKSource<SecurityContext> remoteKeys(OrgsConfig.TrustedIssuer trusted) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(trusted.jwksUrl()).toURL())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("portal.orgs.trusted-issuers: bad jwks-url " + trusted.jwksUrl(), e);
        }
    }

    private static ConfigurableJWTProcessor<SecurityContext> processor(String issuer, JWKSource<SecurityContext> keys,
            OrgsConfig config) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // Maskinporten access tokens are typed "at+jwt" (RFC 9068); older ones say "JWT" or nothing
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"));
        claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }
}
