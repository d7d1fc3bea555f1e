package no.samarbeidsportal.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The packaged app as a benchmark runs it: {@code target/quarkus-app/quarkus-run.jar} as a child process on a free
 * port, with its own embedded PostgreSQL in a fresh run folder, trusting a JWKS served here for admin API tokens, and
 * its token service's issuer set to its own address. Stopping it (SIGTERM) stops its database too.
 */
final class PackagedApp {

    /** The issuer of the admin tokens {@link #adminToken} makes. */
    static final String ADMIN_ISSUER = "https://bench-issuer.test/";

    private final Path runDir;
    private final Path log;
    private final String base;
    private final String jdbcUrl;
    private final RSAKey adminKey;
    private final HttpServer jwksServer;
    private Process process;

    private final String management;

    private PackagedApp(Path runDir, String base, String management, String jdbcUrl, RSAKey adminKey,
            HttpServer jwksServer) {
        this.runDir = runDir;
        this.log = runDir.resolve("app.log");
        this.base = base;
        this.management = management;
        this.jdbcUrl = jdbcUrl;
        this.adminKey = adminKey;
        this.jwksServer = jwksServer;
    }

    /** Starts the app with {@code jvmArgs} (e.g. a flight recording) and waits until it is ready. */
    static PackagedApp start(Path jar, Path dir, List<String> jvmArgs, Consumer<String> say) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: run ./mvnw -o package -DskipTests first");
        }
        Path run = dir.resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(run);
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-" + UUID.randomUUID()).generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        int httpPort = freePort();
        int managementPort = freePort();
        int dbPort = freePort();
        PackagedApp app = new PackagedApp(run, "http://localhost:" + httpPort, "http://127.0.0.1:" + managementPort,
                "jdbc:postgresql://localhost:" + dbPort + "/postgres", key, server);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        env.put("PORT", String.valueOf(httpPort));
        env.put("PORTAL_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("PORTAL_EMBEDDED_DB_DIR", run.resolve("postgres").toAbsolutePath().toString());
        env.put("PORTAL_EMBEDDED_DB_PORT", String.valueOf(dbPort));
        env.put("PORTAL_DB_CONTEXTS", "production");
        env.put("PORTAL_DEV_LOGIN_ENABLED", "true");
        env.put("PORTAL_ISSUER", app.base + "/");
        byte[] secret = new byte[30];
        new SecureRandom().nextBytes(secret);
        env.put("PORTAL_TOKEN_KEY_SECRET", Base64.getEncoder().encodeToString(secret));
        env.put("PORTAL_ORGS_TRUSTED_ISSUERS_BENCH_ISSUER", ADMIN_ISSUER);
        env.put("PORTAL_ORGS_TRUSTED_ISSUERS_BENCH_JWKS_URL",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        pb.redirectErrorStream(true).redirectOutput(app.log.toFile());
        say.accept(String.format("starting %s on %s (database port %d, log %s)", jar, app.base, dbPort, app.log));
        app.process = pb.start();
        app.awaitReady();
        say.accept("app ready");
        return app;
    }

    String base() {
        return base;
    }

    /** The management interface (health, metrics). */
    String management() {
        return management;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    Path log() {
        return log;
    }

    /** A Maskinporten-shaped admin token of {@code orgno} with the space-separated scopes. */
    String adminToken(String orgno, String scopes, Duration validFor) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ADMIN_ISSUER).claim("scope", scopes)
                .claim("client_amr", "private_key_jwt").claim("token_type", "Bearer")
                .claim("client_id", "bench-" + orgno)
                .claim("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + orgno))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(validFor)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(adminKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(adminKey));
        return jwt.serialize();
    }

    private void awaitReady() throws Exception {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(180);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + ", see " + log);
            }
            try {
                var r = c.send(HttpRequest.newBuilder(URI.create(management + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the app was not ready within 180 s, see " + log);
            }
            Thread.sleep(250);
        }
    }

    /** SIGTERM: Quarkus shuts down and stops the embedded PostgreSQL; forcibly after 30 s. Idempotent. */
    void stop() {
        jwksServer.stop(0);
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the run's database (the log stays) unless {@code keep}; never while the app runs. */
    void deleteDatabase(boolean keep) throws IOException {
        Path db = runDir.resolve("postgres");
        if (keep || !Files.exists(db) || (process != null && process.isAlive())) {
            return;
        }
        try (var paths = Files.walk(db)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
