package no.samarbeidsportal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stands in for Maskinporten as an admin-token issuer: an RSA key whose public half is served as a JWKS over real
 * HTTP, and is configured as the trusted issuer "test". The private key reaches {@link Tokens} through the
 * configuration, because test resources and tests do not share static state.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://issuer.test/";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyID("test-issuer-1").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return Map.of(
                "portal.orgs.trusted-issuers.test.issuer", ISSUER,
                "portal.orgs.trusted-issuers.test.jwks-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks",
                "portal.test.issuer-key", key.toJSONString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
