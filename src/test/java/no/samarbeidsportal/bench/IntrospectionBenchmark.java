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
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * <p>System properties: {@code bench.rate} (1000), {@code bench.seconds} (10), {@code bench.warmup-seconds} (5),
 * {@code bench.tokens} (1000), {@code bench.concurrency} (32), {@code bench.jar}. The load average of the machine is
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
    private final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 5);
    private final int tokenCount = Integer.getInteger("bench.tokens", 1000);
    private final int concurrency = Integer.getInteger("bench.concurrency", 32);
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
    private final Path dir = Path.of("target", "bench-introspect");

    private PackagedApp packaged;
    private String base;
    private String issuer;
    private URI introspectUri;
    private final List<Signer> owners = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

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
        log("%d introspections/s for %d s after %d s of warm-up, %d senders, %d opaque tokens; %d cores, Java %s",
                rate, seconds, warmupSeconds, concurrency, tokenCount, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        packaged = PackagedApp.start(jar, dir, List.of(), line -> log("%s", line));
        base = packaged.base();
        seed();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-sender");
            t.setDaemon(true);
            return t;
        });
        try {
            if (warmupSeconds > 0) {
                Result w = openLoop(senders, rate * warmupSeconds);
                log("warm-up: %d ok, %d errors, p50 %.2f ms, p99 %.2f ms", w.ok, w.errors, w.pct(50), w.pct(99));
                printErrors();
                errors.set(0);
                errorSamples.clear();
            }
            String loadBefore = loadAverage();
            Result r = openLoop(senders, rate * seconds);
            String loadAfter = loadAverage();
            log("measured: %d ok, %d errors at %d/s planned, p50 %.2f ms, p99 %.2f ms, max %.2f ms, worst send lag "
                    + "%.2f ms", r.ok, r.errors, rate, r.pct(50), r.pct(99), r.max(), r.maxLagNanos / 1e6);
            printErrors();
            String md = String.format(Locale.ROOT, "`POST /introspect` (RFC 7662, client assertion per request, "
                    + "opaque token of the caller's scope), packaged app with embedded PostgreSQL and the load "
                    + "generator on the same %d cores, Java %s%n%n| Measurement | Result |%n|---|---|%n"
                    + "| %,d requests/s, open loop, %d s (after %d s warm-up) | p50 %.2f ms, **p99 %.2f ms**, max "
                    + "%.2f ms (%,d errors) |%n| Load average (1, 5, 15 min) before / after | %s / %s |%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rate, seconds,
                    warmupSeconds, r.pct(50), r.pct(99), r.max(), r.errors, loadBefore, loadAfter);
            Files.writeString(dir.resolve("results.md"), md);
            System.out.println();
            System.out.println(md);
        } finally {
            senders.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ the open loop

    private static final class Result {
        long[] nanos;
        int ok;
        int errors;
        long maxLagNanos;

        double pct(int p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            return nanos[Math.max(0, (int) Math.ceil(p / 100.0 * nanos.length) - 1)] / 1e6;
        }

        double max() {
            return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
        }
    }

    private Result openLoop(ExecutorService senders, int n) throws Exception {
        double periodNanos = 1e9 / rate;
        // sign a sample to learn the signing rate, then plan the start for when all requests are signed
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

        long[] latencies = new long[n];
        boolean[] answered = new boolean[n];
        BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
        CountDownLatch finished = new CountDownLatch(n);
        long t0 = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            senders.submit(() -> {
                RawConnection c = null;
                while (true) {
                    int k = due.take();
                    if (k < 0) {
                        if (c != null) {
                            c.close();
                        }
                        return null;
                    }
                    try {
                        if (c == null) {
                            c = new RawConnection(introspectUri.getHost(), introspectUri.getPort());
                        }
                        RawConnection.Response response = c.exchange(requests[k]);
                        long end = System.nanoTime();
                        String body = new String(response.body(), StandardCharsets.UTF_8);
                        if (response.status() == 200 && body.contains("\"active\":true")) {
                            latencies[k] = end - (t0 + (long) (k * periodNanos));
                            answered[k] = true;
                        } else {
                            error(response.status() + " " + body);
                        }
                    } catch (IOException e) {
                        if (c != null) {
                            c.close();
                        }
                        c = null;
                        error(e.toString());
                    }
                    finished.countDown();
                }
            });
        }
        Result result = new Result();
        for (int i = 0; i < n; i++) {
            long when = t0 + (long) (i * periodNanos);
            for (long wait; (wait = when - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            result.maxLagNanos = Math.max(result.maxLagNanos, System.nanoTime() - when);
            due.add(i);
        }
        finished.await(60, TimeUnit.SECONDS);
        for (int w = 0; w < concurrency; w++) {
            due.add(-1);
        }
        int ok = 0;
        for (boolean a : answered) {
            ok += a ? 1 : 0;
        }
        long[] sorted = new long[ok];
        for (int i = 0, j = 0; i < n; i++) {
            if (answered[i]) {
                sorted[j++] = latencies[i];
            }
        }
        Arrays.sort(sorted);
        result.nanos = sorted;
        result.ok = ok;
        result.errors = n - ok;
        return result;
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

    private void error(String what) {
        if (errors.incrementAndGet() <= 5) {
            errorSamples.add(what.lines().limit(3).toList().toString());
        }
    }

    private void printErrors() {
        if (errors.get() > 0) {
            log("%d requests did not answer 200 active; the first %d: %s", errors.get(), errorSamples.size(),
                    errorSamples);
        }
    }

    /** A blocking HTTP/1.1 keep-alive connection: write a prebuilt request, read one Content-Length response. */
    private static final class RawConnection {

        record Response(int status, byte[] body) {
        }

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RawConnection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            StringBuilder head = new StringBuilder(256);
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                int l = head.length();
                if (l >= 4 && head.charAt(l - 1) == '\n' && head.charAt(l - 2) == '\r' && head.charAt(l - 3) == '\n'
                        && head.charAt(l - 4) == '\r') {
                    break;
                }
            }
            if (b < 0) {
                throw new IOException("connection closed by the app");
            }
            String headers = head.toString();
            int status = Integer.parseInt(headers.substring(9, 12));
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("response cut short");
            }
            return new Response(status, body);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    // ------------------------------------------------------------------ data

    /**
     * The provider and its prefix straight into the database; the OPAQUE scope, the access entry, the clients and
     * their keys over the admin API; the tokens from {@code /token}.
     */
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
