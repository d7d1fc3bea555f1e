package no.samarbeidsportal.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.samarbeidsportal.keys.Certificates;

/**
 * Enterprise certificates in {@code x5c} grants (token-protocol.md 11): the chain, leaf first, must lead to one of the
 * configured trust anchors and be valid now. Revocation (CRL/OCSP) is not checked yet (the spec's open point). The
 * anchors are read on first use.
 */
@ApplicationScoped
class TrustAnchors {

    private final TokenConfig config;
    private final Clock clock;
    private volatile Set<TrustAnchor> anchors;

    TrustAnchors(TokenConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The chain's leaf; MP-123 for an x5c that is not base64 DER certificates, MP-120 for one we do not trust. */
    X509Certificate leaf(List<?> x5c) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Object entry : x5c) {
                if (!(entry instanceof String base64)) {
                    throw new TokenRefused(ErrorCode.MP_123);
                }
                // DER of bounded depth first: nested indefinite lengths would overflow the JDK parser's stack
                chain.add(Certificates.parse(Base64.getDecoder().decode(base64)));
            }
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new TokenRefused(ErrorCode.MP_123);
        }
        if (chain.isEmpty()) {
            throw new TokenRefused(ErrorCode.MP_123);
        }
        Set<TrustAnchor> trusted = anchors();
        if (trusted.isEmpty()) {
            throw new TokenRefused(ErrorCode.MP_120);
        }
        try {
            List<X509Certificate> path = chain.stream()
                    .filter(c -> trusted.stream().noneMatch(a -> a.getTrustedCert().equals(c))).toList();
            PKIXParameters parameters = new PKIXParameters(trusted);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            throw new TokenRefused(ErrorCode.MP_120);
        }
        return chain.get(0);
    }

    private Set<TrustAnchor> anchors() {
        Set<TrustAnchor> loaded = anchors;
        if (loaded == null) {
            loaded = new HashSet<>();
            for (String file : config.trustAnchors().orElse(List.of())) {
                try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
                    for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        loaded.add(new TrustAnchor((X509Certificate) cert, null));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("portal.token.trust-anchors: cannot read " + file, e);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("portal.token.trust-anchors: no certificates in " + file, e);
                }
            }
            anchors = loaded;
        }
        return loaded;
    }
}
