package no.samarbeidsportal.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The floor under the token benchmark: a bare Vert.x HTTP server, one event loop per core, that answers every
 * {@code POST} with an RS256 JWT of a token's size, signed with the app's native provider, and does nothing else (no
 * grant check, no database, no framework). What it makes under the same load generator is the most any token service
 * could make on this machine with this generator beside it; the app's figures are read against it. Not a test.
 */
final class SigningAlone implements AutoCloseable {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64URL.encodeToString(
            "{\"typ\":\"at+jwt\",\"alg\":\"RS256\",\"kid\":\"signing-alone\"}".getBytes(StandardCharsets.US_ASCII));

    private final Vertx vertx;
    private final int port;

    private SigningAlone(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    static SigningAlone start(int cores) throws Exception {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        accp.assertHealthy();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        ThreadLocal<Signature> signatures = ThreadLocal.withInitial(() -> {
            try {
                Signature s = Signature.getInstance("SHA256withRSA", accp);
                s.initSign(key.getPrivate());
                return s;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(cores));
        int port = PackagedApp.freePort();
        SigningAlone server = new SigningAlone(vertx, port);
        try {
            vertx.deployVerticle(() -> verticle(port, signatures), new DeploymentOptions().setInstances(cores))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static AbstractVerticle verticle(int port, ThreadLocal<Signature> signatures) {
        return new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                HttpServer server = vertx.createHttpServer();
                server.requestHandler(request -> request.body().onSuccess(body -> {
                    String token = sign(signatures.get());
                    request.response().putHeader("Content-Type", "application/json")
                            .putHeader("Cache-Control", "no-store")
                            .end("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":120,"
                                    + "\"scope\":\"tokenbench:last\"}");
                })).listen(port, "127.0.0.1").<Void>mapEmpty().onComplete(started);
            }
        };
    }

    /** A token's claims as the app's (issuer, audience, scope, consumer, times, a fresh jti), signed. */
    private static String sign(Signature signature) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"aud\":\"https://api.example.no/\",\"scope\":\"tokenbench:last\",\"iss\":"
                + "\"http://localhost:8080/\",\"client_amr\":\"private_key_jwt\",\"token_type\":\"Bearer\","
                + "\"exp\":" + (now + 120) + ",\"iat\":" + now + ",\"client_id\":\"" + UUID.randomUUID() + "\","
                + "\"jti\":\"" + UUID.randomUUID() + "\",\"consumer\":{\"authority\":\"iso6523-actorid-upis\","
                + "\"ID\":\"0192:920000010\"}}";
        String input = HEADER + "." + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/token");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
