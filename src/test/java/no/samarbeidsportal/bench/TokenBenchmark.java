package no.samarbeidsportal.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import no.samarbeidsportal.clients.Client;

/**
 * Load generator for the token endpoint ({@code POST /token}, Maskinporten's JWT-bearer grant) over real HTTP against
 * the packaged app.
 *
 * <p>Not a test (the name ends in neither Test nor IT). Run with
 * {@code ./mvnw -o -Pbench-token package -DskipTests}: the {@code bench-token} profile starts this class after the
 * Quarkus build. Like {@link ScaleBenchmark} it starts {@code target/quarkus-app/quarkus-run.jar} as a child process
 * with a fresh embedded PostgreSQL under {@code target/bench-token/run-*}, and serves its own JWKS as a trusted issuer
 * of admin API tokens. It seeds one owner organisation (prefix {@code tokenbench}) with one scope, grants that scope
 * to one consumer organisation, and registers 10 Maskinporten clients of the consumer with one RSA key each over the
 * admin API.
 *
 * <p>Grants must be fresh ({@code iat} within 10 s of the server's clock), so they cannot all be signed up front.
 * Phase A (throughput) signs and sends in batches of about 2.5 s of traffic each: the batch is signed while the
 * clock is stopped (the app is idle then), then sent by {@code bench.concurrency} workers, each one blocking
 * keep-alive HTTP/1.1 request after the other; tokens/s is the number of 200s over the summed sending time. Phase B
 * (latency at a fixed rate) is open-loop: every grant has a planned send time {@code i / rate}, it is signed up front
 * with that planned time as its {@code iat}, and latency is measured from the planned time (no coordinated
 * omission). The machine's RSA-2048 signing rate ({@code openssl speed}) is measured before the app starts.
 *
 * <p>System properties: {@code bench.tokens} (30000), {@code bench.concurrency} (32), {@code bench.rate} (1000),
 * {@code bench.rate-seconds} (10), {@code bench.warmup} (2000, unmeasured), {@code bench.jar}.
 * Results are printed as a Markdown table and written to {@code target/bench-token/results.md}.
 */
public final class TokenBenchmark {

    static final String PREFIX = "tokenbench";
    static final String SUBSCOPE = "last";
    static final int CLIENTS = 10;
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Seconds of traffic per phase A batch: grant age at sending stays well inside the server's 10 s leeway. */
    static final double BATCH_SECONDS = 2.5;
    static final int SHOWN_ERRORS = 5;

    /** The most tokens/s a run signs grants for: above the two cores' RSA signing limit (about 8,300). */
    private static final int MAX_RATE = Integer.getInteger("bench.max-rate", 9_500);
    /** Keycloak's grants per second of a run, well above what it makes here (about 500-700 tokens/s). */
    private static final int KEYCLOAK_MAX_RATE = 2_000;

    private final int concurrency = Integer.getInteger("bench.concurrency", 32);
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int runs = Integer.getInteger("bench.runs", 3);
    private final int rate = Integer.getInteger("bench.rate", 2000);
    private final int rateSeconds = Integer.getInteger("bench.rate-seconds", 10);
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
    private final Path dir = Path.of("target", "bench-token");

    private PackagedApp packaged;
    private String base;
    private String jdbcUrl;
    private String issuer;
    private URI tokenUri;
    private HttpClient http;
    private ExecutorService workers;
    private final List<Client> clients = new ArrayList<>();

    /** Signing rate of this client (grants/s, all cores), for the fixed-rate phase's start. */
    private double signRate;

    private final AtomicInteger errors = new AtomicInteger();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

    private record Client(String id, RSAKey key, java.security.PrivateKey privateKey, String header) {
    }

    public static void main(String[] args) throws Exception {
        TokenBenchmark bench = new TokenBenchmark();
        Thread hook = new Thread(bench::stopApp, "bench-stop-app");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bench.run();
        } finally {
            if (bench.workers != null) {
                bench.workers.shutdownNow();
            }
            bench.stopApp();
            if (bench.packaged != null) {
                bench.packaged.deleteDatabase(Boolean.getBoolean("bench.keep-db"));
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: run ./mvnw -o package -DskipTests first");
        }
        if (concurrency <= 0 || rate <= 0 || rateSeconds <= 0 || seconds <= 0 || runs <= 0) {
            throw new IllegalArgumentException("bench.concurrency, bench.rate, bench.rate-seconds, bench.seconds and "
                    + "bench.runs must be positive");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        log("wrk with %d connections, %d s per run, %d warm runs; then %d grants/s for %d s; %d cores, Java %s",
                concurrency, seconds, runs, rate, rateSeconds, cores, System.getProperty("java.version"));
        // before anything starts: openssl has the machine to itself
        String openssl = opensslSignRate();
        log("openssl speed rsa2048: %s", openssl);
        Wrk wrk = new Wrk(dir.resolve("wrk"), 2, concurrency, line -> log("%s", line));

        // ------------------------------------------------------------ ours, native RSA: cold, warm, fixed rate
        startApp(List.of());
        seed();
        String provider = signingProvider();
        log("the app's signing: %s", provider);
        Wrk.Result cold = wrk.run("ours cold", tokenUri, this::grantBody, MAX_RATE, seconds);
        List<Wrk.Result> warm = warmRuns(wrk, "ours", tokenUri, this::grantBody, MAX_RATE);
        Phase b = openLoop();
        log("fixed rate: %d ok, %d errors at %d/s planned (%.0f/s achieved), p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                + "worst send lag %.1f ms", b.ok, b.errors, rate, b.throughput(), b.pct(50), b.pct(99), b.max(),
                b.maxLagNanos / 1e6);
        printErrors("fixed rate");
        stopApp();

        // ------------------------------------------------------------ ours, the JDK's RSA
        List<Wrk.Result> jdk = List.of();
        if (!Boolean.getBoolean("bench.skip-jdk")) {
            startApp(List.of("-Dportal.token.native-crypto=false"));
            seed();
            jdk = warmRuns(wrk, "ours JDK RSA", tokenUri, this::grantBody, MAX_RATE);
            stopApp();
        }

        // ------------------------------------------------------------ Keycloak, same generator, same machine
        List<Wrk.Result> keycloak = List.of();
        String keycloakSetUp = "not run (-Dbench.skip-keycloak)";
        if (!Boolean.getBoolean("bench.skip-keycloak")) {
            try (KeycloakServer kc = KeycloakServer.start(dir.resolve("keycloak"), line -> log("%s", line))) {
                keycloakSetUp = kc.describe();
                keycloak = warmRuns(wrk, "Keycloak", kc.tokenUri(), kc::body, KEYCLOAK_MAX_RATE);
            }
        }
        printResults(cold, warm, jdk, keycloak, b, openssl, provider, cores, keycloakSetUp);
    }

    /** One unmeasured warm-up run, then {@link #runs} measured ones. */
    private List<Wrk.Result> warmRuns(Wrk wrk, String name, URI uri, Wrk.Bodies bodies, int maxRate)
            throws Exception {
        Wrk.Result warmup = wrk.run(name + " warm-up", uri, bodies, maxRate, seconds);
        List<Wrk.Result> results = new ArrayList<>();
        int max = (int) Math.min(maxRate, warmup.okPerSecond() * 1.3 + 500);
        for (int r = 1; r <= runs; r++) {
            results.add(wrk.run(name + " warm " + r, uri, bodies, max, seconds));
        }
        return results;
    }

    // ------------------------------------------------------------------ phases

    /** The figures of one phase: latencies of the answered requests (ns) and the time the clock ran. */
    private static final class Phase {
        long[] nanos;
        int ok;
        int errors;
        int batches;
        long sendNanos;
        long signNanos;
        long maxLagNanos;

        double throughput() {
            return sendNanos == 0 ? 0 : ok / (sendNanos / 1e9);
        }

        double pct(int p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * nanos.length);
            return nanos[Math.max(0, rank - 1)] / 1e6;
        }

        double max() {
            return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
        }
    }

    /**
     * Open loop: grant i is due at start + i / rate whatever the earlier answers do. All grants are signed up front
     * with their due time as iat, so the signing stays out of the measurement and each grant is fresh when sent.
     */
    private Phase openLoop() throws Exception {
        int n = rate * rateSeconds;
        long c0 = System.nanoTime();
        signBatch(200, i -> Instant.now());
        signRate = 200 / ((System.nanoTime() - c0) / 1e9);
        long[] latencies = new long[n];
        boolean[] answered = new boolean[n];
        double periodNanos = 1e9 / rate;
        // start when the signing will be done (estimated from phase A's signing rate, with a margin)
        double estimate = n / Math.max(signRate, 50) * 1.3 + 0.5;
        Instant start = Instant.now().plusMillis((long) (estimate * 1000));
        long s0 = System.nanoTime();
        byte[][] grants = signBatch(n, i -> start.plusNanos((long) (i * periodNanos)));
        long signed = System.nanoTime() - s0;
        long lateMillis = Duration.between(start, Instant.now()).toMillis();
        log("phase B: %d grants signed in %.1f s; start %s", n, signed / 1e9,
                lateMillis <= 0 ? "in " + -lateMillis + " ms" : lateMillis + " ms later than planned (the iat "
                        + "leeway is 10 s)");
        if (lateMillis < 0) {
            Thread.sleep(-lateMillis);
        }

        Phase phase = new Phase();
        AtomicLong lastDone = new AtomicLong();
        long t0 = System.nanoTime();
        java.util.concurrent.BlockingQueue<Integer> due = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(n);
        List<Future<?>> senders = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            senders.add(workers.submit(() -> {
                while (true) {
                    int k = due.take();
                    if (k < 0) {
                        return null;
                    }
                    boolean ok = send(grants[k]);
                    long end = System.nanoTime();
                    if (ok) {
                        // from when it was due, not when a sender got to it: queueing counts (no coordinated omission)
                        latencies[k] = end - (t0 + (long) (k * periodNanos));
                        answered[k] = true;
                    }
                    lastDone.accumulateAndGet(end, Math::max);
                    finished.countDown();
                }
            }));
        }
        for (int i = 0; i < n; i++) {
            long when = t0 + (long) (i * periodNanos);
            for (long wait; (wait = when - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            phase.maxLagNanos = Math.max(phase.maxLagNanos, System.nanoTime() - when);
            due.add(i);
        }
        finished.await(60, TimeUnit.SECONDS);
        for (int w = 0; w < concurrency; w++) {
            due.add(-1);
        }
        phase.sendNanos = lastDone.get() - t0;
        phase.signNanos = signed;
        phase.batches = 1;
        return finish(phase, latencies, answered);
    }

    private Phase finish(Phase phase, long[] latencies, boolean[] answered) {
        int ok = 0;
        for (boolean a : answered) {
            ok += a ? 1 : 0;
        }
        long[] sorted = new long[ok];
        for (int i = 0, j = 0; i < latencies.length; i++) {
            if (answered[i]) {
                sorted[j++] = latencies[i];
            }
        }
        Arrays.sort(sorted);
        phase.nanos = sorted;
        phase.ok = ok;
        phase.errors = latencies.length - ok;
        return phase;
    }

    // ------------------------------------------------------------------ grants

    private interface IssuedAt {
        Instant of(int index);
    }

    /**
     * The form body of a grant of client {@code i % CLIENTS} issued at {@code iat}, with a new jti. Built by hand with
     * one Signature per thread and client: the generator signs about as many grants as the app signs tokens, before
     * each run, and Nimbus' JWT builder doubled that time.
     */
    private String grantBody(int i, Instant iat) {
        Client c = clients.get(i % clients.size());
        long t = iat.getEpochSecond();
        String claims = "{\"aud\":\"" + issuer + "\",\"iss\":\"" + c.id() + "\",\"scope\":\"" + PREFIX + ":" + SUBSCOPE
                + "\",\"iat\":" + t + ",\"exp\":" + (t + 120) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String input = c.header() + "." + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = SIGNATURES.get().computeIfAbsent(c.id(), k -> newSignature());
            signature.initSign(c.privateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            // the JWS compact form is URL-safe already: no form encoding needed
            return "grant_type=" + GRANT_TYPE.replace(":", "%3A") + "&assertion=" + input + "."
                    + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.Base64.Encoder B64URL = java.util.Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<java.util.Map<String, Signature>> SIGNATURES =
            ThreadLocal.withInitial(java.util.HashMap::new);

    private static Signature newSignature() {
        try {
            return NATIVE == null ? Signature.getInstance("SHA256withRSA")
                    : Signature.getInstance("SHA256withRSA", NATIVE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The native RSA provider for the generator's own signing, when it loads here. */
    private static final java.security.Provider NATIVE =
            AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null ? AmazonCorrettoCryptoProvider.INSTANCE
                    : null;

    /** Signs {@code n} whole HTTP requests (on all cores), round-robin over the clients. */
    private byte[][] signBatch(int n, IssuedAt issuedAt) {
        byte[][] requests = new byte[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            byte[] bytes = grantBody(i, issuedAt.of(i)).getBytes(StandardCharsets.US_ASCII);
            String head = "POST " + tokenUri.getRawPath() + " HTTP/1.1\r\nHost: " + tokenUri.getAuthority()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(h, h.length + bytes.length);
            System.arraycopy(bytes, 0, request, h.length, bytes.length);
            requests[i] = request;
        });
        return requests;
    }

    /**
     * One keep-alive HTTP/1.1 connection per sending thread, written and read by hand like wrk does: the generator
     * shares the two cores with the app and its database, and java.net.http cost it about a core at these rates.
     */
    private final ThreadLocal<RawConnection> connections = ThreadLocal.withInitial(() -> null);

    private boolean send(byte[] request) {
        RawConnection c = connections.get();
        try {
            if (c == null) {
                c = new RawConnection(tokenUri.getHost(), tokenUri.getPort());
                connections.set(c);
            }
            RawConnection.Response response = c.exchange(request);
            return check(response.status(), response.body(), null);
        } catch (IOException e) {
            if (c != null) {
                c.close();
            }
            connections.set(null);
            return check(0, null, e);
        }
    }

    /** A 200 is a token; anything else is an error, of which the first few are kept to be shown. */
    private boolean check(int status, byte[] body, Throwable failure) {
        if (failure == null && status == 200) {
            return true;
        }
        if (errors.incrementAndGet() <= SHOWN_ERRORS) {
            errorSamples.add(failure != null ? failure.toString() : status + " "
                    + new String(body, StandardCharsets.UTF_8).lines().limit(3).toList());
        }
        return false;
    }

    /** A blocking HTTP/1.1 keep-alive connection: write a prebuilt request, read one Content-Length response. */
    private static final class RawConnection {

        record Response(int status, byte[] body) {
        }

        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;

        RawConnection(String host, int port) throws IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
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

    private void printErrors(String phase) {
        if (errors.get() > 0) {
            log("%s: %d requests did not answer 200; the first %d:", phase, errors.get(), errorSamples.size());
            errorSamples.forEach(e -> log("  %s", e));
        }
    }

    // ------------------------------------------------------------------ app lifecycle

    private void startApp(List<String> extra) throws Exception {
        String jvm = System.getProperty("bench.app-jvm", "").trim();
        List<String> args = new ArrayList<>(jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")));
        args.addAll(extra);
        packaged = PackagedApp.start(jar, dir, args, line -> log("%s", line));
        base = packaged.base();
        jdbcUrl = packaged.jdbcUrl();
    }

    private void stopApp() {
        if (packaged != null) {
            packaged.stop();
            try {
                packaged.deleteDatabase(Boolean.getBoolean("bench.keep-db"));
            } catch (IOException e) {
                log("could not delete the run's database: %s", e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------ data

    /**
     * The owner organisation and its prefix straight into the database (as {@link ScaleBenchmark} does); the scope,
     * the access entry, the clients and their keys over the admin API, as an organisation would make them.
     */
    private void seed() throws Exception {
        clients.clear();
        List<String> orgnos = ScaleBenchmark.orgnos(92_000_000, 2);
        String owner = orgnos.get(0);
        String consumer = orgnos.get(1);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            try (PreparedStatement org = db.prepareStatement("insert into organisation (orgno, name) values (?, ?)")) {
                org.setString(1, owner);
                org.setString(2, "Tilbyder Token AS");
                org.executeUpdate();
                org.setString(1, consumer);
                org.setString(2, "Konsument Token AS");
                org.executeUpdate();
            }
            try (PreparedStatement prefix = db.prepareStatement(
                    "insert into scope_prefix (prefix, orgno) values (?, ?)")) {
                prefix.setString(1, PREFIX);
                prefix.setString(2, owner);
                prefix.executeUpdate();
            }
        }
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        issuer = field(send(c, HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-authorization-server"))
                .build(), 200), "issuer");
        tokenUri = URI.create(base + "/token");
        String scope = PREFIX + ":" + SUBSCOPE;
        send(c, admin(owner, "idporten:scopes.write", "/api/v1/scopes").POST(json("{\"prefix\":\"" + PREFIX
                + "\",\"subscope\":\"" + SUBSCOPE + "\",\"description\":\"Token benchmark\"}")).build(), 201);
        send(c, admin(owner, "idporten:scopes.write", "/api/v1/scopes/access/" + consumer + "?scope="
                + scope.replace(":", "%3A")).PUT(HttpRequest.BodyPublishers.noBody()).build(), 200);
        for (int i = 0; i < CLIENTS; i++) {
            String created = send(c, admin(consumer, "idporten:dcr.write", "/api/v1/clients").POST(json(
                    "{\"integration_type\":\"maskinporten\",\"client_name\":\"Token benchmark " + i + "\","
                    + "\"description\":\"bench " + i + "\",\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"grant_types\":[\"" + GRANT_TYPE + "\"],\"scopes\":[\"" + scope + "\"]}")).build(), 201);
            String id = field(created, "client_id");
            RSAKey key = new RSAKeyGenerator(2048).keyID("k-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            send(c, admin(consumer, "idporten:dcr.write", "/api/v1/clients/" + id + "/jwks/keys").POST(json(
                    "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}")).build(), 201);
            String header = B64URL.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + key.getKeyID() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            clients.add(new Client(id, key, key.toPrivateKey(), header));
        }
        log("seeded: owner %s with scope %s granted to %s, %d clients with one RSA key each; issuer %s", owner,
                scope, consumer, clients.size(), issuer);
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

    /** A top-level string field of a small JSON object. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    // ------------------------------------------------------------------ the machine and the app's signing

    /** {@code openssl speed -seconds 3 rsa2048}'s sign/s (one core), or why there is none. */
    private static String opensslSignRate() {
        Process p;
        try {
            p = new ProcessBuilder("openssl", "speed", "-seconds", "3", "rsa2048").redirectErrorStream(true).start();
        } catch (IOException e) {
            return "openssl not found (" + e.getMessage() + ")";
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            // "                  sign    verify    sign/s verify/s"
            // "rsa 2048 bits 0.000652s 0.000019s   1534.2  52345.6"
            List<String> header = null;
            for (String line : out.lines().toList()) {
                List<String> words = Arrays.asList(line.trim().split("\\s+"));
                if (words.contains("sign/s")) {
                    header = words;
                } else if (header != null && line.startsWith("rsa") && line.contains("2048")) {
                    // the data line has "rsa 2048 bits" where the header has nothing: align from the right
                    int fromRight = header.size() - header.indexOf("sign/s");
                    String value = words.get(words.size() - fromRight);
                    return String.format(Locale.ROOT, "%,.0f sign/s", Double.parseDouble(value));
                }
            }
            return "no sign/s figure in openssl's output: " + out.lines().reduce((x, y) -> y).orElse("");
        } catch (IOException | RuntimeException e) {
            return "openssl speed failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            p.destroyForcibly();
        }
    }

    /** What the app logged at start about its signing: "Tokens are signed with ..." or "... the JDK signs tokens". */
    private String signingProvider() throws IOException {
        for (String line : Files.readAllLines(packaged.log(), StandardCharsets.UTF_8)) {
            int at = line.indexOf("Tokens are signed with ");
            if (at >= 0) {
                return line.substring(at + "Tokens are signed with ".length()).trim();
            }
            if (line.contains("the JDK signs tokens")) {
                return "the JDK (" + line.substring(line.indexOf("] ") + 2).trim() + ")";
            }
        }
        return "unknown (neither \"Tokens are signed with\" nor \"the JDK signs tokens\" in " + packaged.log() + ")";
    }

    // ------------------------------------------------------------------ results

    private void printResults(Wrk.Result cold, List<Wrk.Result> warm, List<Wrk.Result> jdk,
            List<Wrk.Result> keycloak, Phase b, String openssl, String provider, int cores, String keycloakSetUp)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "`POST /token`: JWT-bearer grants (RS256, %d clients) to ours, "
                + "client_credentials with client-jwt (RS256, %d clients) to Keycloak; each on its own durable "
                + "PostgreSQL, wrk (2 threads, %d connections, %d s per run, pre-signed requests, each sent once) on "
                + "the same %d cores; ours on Java %s%n%n", CLIENTS, CLIENTS, concurrency, seconds, cores,
                System.getProperty("java.version")));
        md.append("| Run | tokens/s | p50 ms | p99 ms | errors |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        List<Wrk.Result> all = new ArrayList<>();
        all.add(cold);
        all.addAll(warm);
        all.addAll(jdk);
        all.addAll(keycloak);
        for (Wrk.Result r : all) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %,d%s |%n", r.name(), r.okPerSecond(),
                    r.p50(), r.p99(), r.non2xx() + r.socketErrors(), r.exhausted() > 0 ? " (ran out of grants)" : ""));
        }
        md.append(String.format(Locale.ROOT, "| ours at %,d tokens/s, open loop, %d s (%,.0f/s achieved) | | %.1f | "
                + "%.1f | %,d |%n", rate, rateSeconds, b.throughput(), b.pct(50), b.pct(99), b.errors));
        double ours = best(warm);
        double theirs = best(keycloak);
        md.append(String.format(Locale.ROOT, "%nBest warm run: ours %,.0f tokens/s, Keycloak %,.0f tokens/s%s.%n",
                ours, theirs, theirs > 0 ? String.format(Locale.ROOT, ": %.1f times", ours / theirs) : ""));
        md.append(String.format(Locale.ROOT, "RSA-2048 signing, `openssl speed -seconds 3 rsa2048`: %s on one core, "
                + "× %d cores = the machine's signing limit.%nOurs signs with %s.%nKeycloak: %s%n", openssl, cores,
                provider, keycloakSetUp));
        Files.writeString(dir.resolve("results.md"), md);
        System.out.println();
        System.out.println(md);
    }

    private static double best(List<Wrk.Result> results) {
        return results.stream().mapToDouble(Wrk.Result::okPerSecond).max().orElse(0);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench-token] " + format + "%n", args);
    }
}
