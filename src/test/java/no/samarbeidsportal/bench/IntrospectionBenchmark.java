package no.samarbeidsportal.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Load generator for opaque-token introspection ({@code POST /introspect}, RFC 7662, issue 18: p99 ≤ 5 ms at 1,000
 * requests/s) over real HTTP against the packaged app. Not a test. Run with
 * {@code ./mvnw -o -Pbench-introspect package -DskipTests}.
 *
 * <p>Like {@link TokenBenchmark} it starts {@code target/quarkus-app/quarkus-run.jar} with a fresh embedded PostgreSQL
 * under {@code target/bench-introspect/run-*}. It seeds a provider with one OPAQUE scope granted to a consumer, has the
 * consumer's client fetch {@code bench.tokens} opaque tokens from {@code /token}, and registers 10 clients of the
 * provider. Each introspection carries a fresh client assertion (single use), so all are signed before the clock
 * starts, each with its planned send time as {@code iat}. Open loop: request i is due at start + i / rate whatever
 * the earlier answers do, and latency counts from when it was due (queueing shows). A warm-up at the same rate runs
 * first and is not counted. Every answer must be 200 with {@code "active":true}.
 *
 * <p>System properties: {@code bench.rate} (1000), {@code bench.seconds} (10), {@code bench.warmup-seconds} (20),
 * {@code bench.tokens} (1000), {@code bench.jar}. The load average of the machine is
 * printed with the results, which also go to {@code target/bench-introspect/results.md}.
 */
public final class IntrospectionBenchmark {

    static final String PREFIX = "introbench";
    static final String SUBSCOPE = "opak";
    static final int CLIENTS = 10;
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String ASSERTION_TYPE = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";

    private final int rate = Integer.getInteger("bench.rate", 1000);
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 20);
    private final int tokenCount = Integer.getInteger("bench.tokens", 1000);
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
    private final Path dir = Path.of("target", "bench-introspect");

    private PackagedApp packaged;
    private String base;
    private String issuer;
    private URI introspectUri;
    private final List<Signer> owners = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();

    private record Signer(String id, RSAKey key, RSASSASigner signer) {
    }

    public static void main(String[] args) throws Exception {
        IntrospectionBenchmark bench = new IntrospectionBenchmark();
        Thread hook = new Thread(bench::stopApp, "bench-stop-app");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bench.run();
        } finally {
            bench.stopApp();
            if (bench.packaged != null) {
                bench.packaged.deleteDatabase(Boolean.getBoolean("bench.keep-db"));
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    void run() throws Exception {
        log("%d introspections/s for %d s after %d s of warm-up, %d opaque tokens; %d cores, Java %s",
                rate, seconds, warmupSeconds, tokenCount, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        packaged = PackagedApp.start(jar, dir, List.of(), line -> log("%s", line));
        base = packaged.base();
        seed();
        if (warmupSeconds > 0) {
            OpenLoop.Result w = openLoop(rate * warmupSeconds);
            log("warm-up: %d ok, %d errors, p50 %.2f ms, p99 %.2f ms%s", w.ok(), w.errors(), w.pct(50),
                    w.pct(99), w.firstError() == null ? "" : "; first error: " + w.firstError());
        }
        String loadBefore = loadAverage();
        OpenLoop.Result r = openLoop(rate * seconds);
        String loadAfter = loadAverage();
        log("measured: %d ok, %d errors at %d/s planned, p50 %.2f ms, p99 %.2f ms, max %.2f ms, worst send lag "
                + "%.2f ms%s", r.ok(), r.errors(), rate, r.pct(50), r.pct(99), r.max(), r.maxLagNanos() / 1e6,
                r.firstError() == null ? "" : "; first error: " + r.firstError());
        String md = String.format(Locale.ROOT, "`POST /introspect` (RFC 7662, client assertion per request, "
                + "opaque token of the caller's scope), packaged app with embedded PostgreSQL and the load "
                + "generator on the same %d cores, Java %s%n%n| Measurement | Result |%n|---|---|%n"
                + "| %,d requests/s, open loop, %d s (after %d s warm-up) | p50 %.2f ms, **p99 %.2f ms**, max "
                + "%.2f ms (%,d errors) |%n| Load average (1, 5, 15 min) before / after | %s / %s |%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rate, seconds,
                warmupSeconds, r.pct(50), r.pct(99), r.max(), r.errors(), loadBefore, loadAfter);
        Files.writeString(dir.resolve("results.md"), md);
        System.out.println();
        System.out.println(md);
    }

    // ------------------------------------------------------------------ the open loop

    /** n introspections at the rate, open loop ({@link OpenLoop}): each must answer 200 with an active token. */
    private OpenLoop.Result openLoop(int n) throws Exception {
        double periodNanos = 1e9 / rate;
        // sign a sample to learn the signing rate, then plan the start for when all requests are signed
        IntStream.range(0, 200).parallel().forEach(i -> request(i, Instant.now()));
        long s0 = System.nanoTime();
        IntStream.range(0, 200).parallel().forEach(i -> request(i, Instant.now()));
        double signRate = 200 / ((System.nanoTime() - s0) / 1e9);
        Instant start = Instant.now().plusMillis((long) ((n / signRate * 1.3 + 0.5) * 1000));
        byte[][] requests = new byte[n][];
        IntStream.range(0, n).parallel().forEach(i -> requests[i] = request(i,
                start.plusNanos((long) (i * periodNanos))));
        long late = Duration.between(start, Instant.now()).toMillis();
        if (late < 0) {
            Thread.sleep(-late);
        } else {
            log("signing ended %d ms after the planned start (assertions allow 10 s)", late);
        }
        return OpenLoop.run(new InetSocketAddress(introspectUri.getHost(), introspectUri.getPort()), requests, rate,
                "\"active\":true");
    }

    /** The raw HTTP request introspecting token i with a new assertion of one of the provider's clients. */
    private byte[] request(int i, Instant iat) {
        Signer s = owners.get(i % owners.size());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(issuer).issuer(s.id()).subject(s.id())
                .issueTime(Date.from(iat)).expirationTime(Date.from(iat.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(s.key().getKeyID()).build(),
                claims);
        try {
            jwt.sign(s.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        // the token (base64url) and the JWS compact form need no form encoding
        String body = "token=" + tokens.get(i % tokens.size()) + "&client_assertion_type=" + ASSERTION_TYPE
                + "&client_assertion=" + jwt.serialize();
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        String head = "POST " + introspectUri.getRawPath() + " HTTP/1.1\r\nHost: " + introspectUri.getAuthority()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(h, h.length + bytes.length);
        System.arraycopy(bytes, 0, request, h.length, bytes.length);
        return request;
    }

    private void seed() throws Exception {
        List<String> orgnos = ScaleBenchmark.orgnos(93_000_000, 2);
        String owner = orgnos.get(0);
        String consumer = orgnos.get(1);
        try (Connection db = DriverManager.getConnection(packaged.jdbcUrl(), "postgres", "postgres");
                PreparedStatement org = db.prepareStatement("insert into organisation (orgno, name) values (?, ?)");
                PreparedStatement prefix = db.prepareStatement(
                        "insert into scope_prefix (prefix, orgno) values (?, ?)")) {
            org.setString(1, owner);
            org.setString(2, "Tilbyder Introspeksjon AS");
            org.executeUpdate();
            org.setString(1, consumer);
            org.setString(2, "Konsument Introspeksjon AS");
            org.executeUpdate();
            prefix.setString(1, PREFIX);
            prefix.setString(2, owner);
            prefix.executeUpdate();
        }
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        issuer = field(send(c, HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-authorization-server"))
                .build(), 200), "issuer");
        introspectUri = URI.create(field(send(c, HttpRequest.newBuilder(URI.create(base
                + "/.well-known/oauth-authorization-server")).build(), 200), "introspection_endpoint"));
        String scope = PREFIX + ":" + SUBSCOPE;
        send(c, admin(owner, "idporten:scopes.write", "/api/v1/scopes").POST(json("{\"prefix\":\"" + PREFIX
                + "\",\"subscope\":\"" + SUBSCOPE + "\",\"description\":\"Introspection benchmark\","
                + "\"token_type\":\"OPAQUE\"}")).build(), 201);
        send(c, admin(owner, "idporten:scopes.write", "/api/v1/scopes/access/" + consumer + "?scope="
                + scope.replace(":", "%3A")).PUT(HttpRequest.BodyPublishers.noBody()).build(), 200);
        // tokens that live an hour: they outlast the seeding, the signing and both phases on a slow machine
        Signer client = client(c, consumer, scope, 0, 3600);
        for (int i = 1; i <= CLIENTS; i++) {
            owners.add(client(c, owner, scope, i, 0));
        }
        for (int i = 0; i < tokenCount; i++) {
            Instant now = Instant.now();
            SignedJWT grant = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(client.key().getKeyID())
                    .build(), new JWTClaimsSet.Builder().audience(issuer).issuer(client.id()).claim("scope", scope)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                    .jwtID(UUID.randomUUID().toString()).build());
            grant.sign(client.signer());
            String answer = send(c, HttpRequest.newBuilder(URI.create(base + "/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + GRANT_TYPE.replace(":", "%3A")
                            + "&assertion=" + grant.serialize())).build(), 200);
            tokens.add(field(answer, "access_token"));
        }
        log("seeded: provider %s with OPAQUE scope %s granted to %s, %d opaque tokens, %d provider clients; issuer %s",
                owner, scope, consumer, tokens.size(), owners.size(), issuer);
    }

    /** A Maskinporten client of the organisation with the scope and one RSA key. */
    private Signer client(HttpClient c, String orgno, String scope, int i, int lifetime) throws Exception {
        String created = send(c, admin(orgno, "idporten:dcr.write", "/api/v1/clients").POST(json(
                "{\"integration_type\":\"maskinporten\",\"client_name\":\"Introspection benchmark " + i + "\","
                + "\"description\":\"bench " + i + "\",\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"access_token_lifetime\":" + lifetime + ","
                + "\"grant_types\":[\"" + GRANT_TYPE + "\"],\"scopes\":[\"" + scope + "\"]}")).build(), 201);
        String id = field(created, "client_id");
        RSAKey key = new RSAKeyGenerator(2048).keyID("k-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        send(c, admin(orgno, "idporten:dcr.write", "/api/v1/clients/" + id + "/jwks/keys").POST(json(
                "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}")).build(), 201);
        return new Signer(id, key, new RSASSASigner(key));
    }

    private HttpRequest.Builder admin(String orgno, String scopes, String path) throws Exception {
        String jwt = packaged.adminToken(orgno, scopes, Duration.ofMinutes(2));
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + jwt)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static String send(HttpClient c, HttpRequest r, int expected) throws Exception {
        HttpResponse<String> response = c.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(r.method() + " " + r.uri() + " answered " + response.statusCode()
                    + " (expected " + expected + "): " + response.body().lines().limit(5).toList());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void stopApp() {
        if (packaged != null) {
            packaged.stop();
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench-introspect] " + format + "%n", args);
    }
}
