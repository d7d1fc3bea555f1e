package no.samarbeidsportal.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import no.samarbeidsportal.clients.Client;

/**
 * The token benchmark ({@code POST /token}, Maskinporten's JWT-bearer grant) over real HTTP against the packaged app,
 * with Keycloak in the same run for comparison.
 *
 * <p>Not a test (the name ends in neither Test nor IT). Run with {@code ./mvnw -o -Pbench-token package -DskipTests}:
 * the {@code bench-token} profile starts this class after the Quarkus build. Like {@link ScaleBenchmark} it starts
 * {@code target/quarkus-app/quarkus-run.jar} as a child process with a fresh embedded PostgreSQL (durable, the
 * default) under {@code target/bench-token/run-*}, and serves its own JWKS as a trusted issuer of admin API tokens. It
 * seeds one owner organisation (prefix {@code tokenbench}) with one scope, grants that scope to one consumer
 * organisation, and registers 10 Maskinporten clients of the consumer with one RSA key each over the admin API.
 *
 * <p>Throughput comes from Debian's {@code wrk} replaying pre-signed grants, each once ({@link Wrk}): the first run
 * right after the start (cold), a warm-up run, then {@code bench.runs} warm runs; then an open-loop run at
 * {@code bench.rate} tokens/s for the latency ({@link OpenLoop}); then the same warm runs with the JDK's RSA instead
 * of the native provider, and against Keycloak 26.7.3 ({@link KeycloakServer}: production mode, its own durable
 * PostgreSQL, 10 client-jwt clients). The machine's RSA-2048 signing rate ({@code openssl speed}) is measured first.
 *
 * <p>System properties: {@code bench.seconds} (20 per run), {@code bench.runs} (3), {@code bench.concurrency} (32
 * connections), {@code bench.rate} (2000), {@code bench.rate-seconds} (10), {@code bench.max-rate} (9500, grants
 * signed per second of a run), {@code bench.skip-jdk}, {@code bench.skip-keycloak}, {@code bench.skip-alone} (the
 * bare signing server, {@link SigningAlone}), {@code bench.app-jvm},
 * {@code bench.jar}. Results are printed as a Markdown table and written to {@code target/bench-token/results.md}.
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
    private final List<Client> clients = new ArrayList<>();

    /** Signing rate of this client (grants/s, all cores), for the fixed-rate phase's start. */
    private double signRate;


    private record Client(String id, RSAKey key, java.security.PrivateKey privateKey, String header) {
    }

    public static void main(String[] args) throws Exception {
        TokenBenchmark bench = new TokenBenchmark();
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
        OpenLoop.Result b = openLoop();
        log("fixed rate: %d ok, %d errors at %d/s planned (%.0f/s achieved), p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                + "worst send lag %.1f ms%s", b.ok(), b.errors(), rate, b.throughput(), b.pct(50), b.pct(99), b.max(),
                b.maxLagNanos() / 1e6, b.firstError() == null ? "" : "; first error: " + b.firstError());
        stopApp();

        // ------------------------------------------------------------ the floor: signing alone, bare Vert.x
        List<Wrk.Result> alone = List.of();
        if (!Boolean.getBoolean("bench.skip-alone")) {
            try (SigningAlone server = SigningAlone.start(cores)) {
                alone = warmRuns(wrk, "signing alone (bare Vert.x)", server.uri(), this::grantBody, MAX_RATE);
            }
        }

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
        printResults(cold, warm, alone, jdk, keycloak, b, openssl, provider, cores, keycloakSetUp);
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

    // ------------------------------------------------------------------ fixed rate

    /**
     * Open loop at {@link #rate}: grant i is due at start + i / rate whatever the earlier answers do ({@link OpenLoop}).
     * All grants are signed up front with their due time as iat, so the signing stays out of the measurement and each
     * grant is fresh when sent.
     */
    private OpenLoop.Result openLoop() throws Exception {
        int n = rate * rateSeconds;
        long c0 = System.nanoTime();
        signBatch(500, i -> Instant.now());
        c0 = System.nanoTime();
        signBatch(500, i -> Instant.now());
        double signRate = 500 / ((System.nanoTime() - c0) / 1e9);
        double periodNanos = 1e9 / rate;
        // start when the signing will be done (estimated, with a margin)
        double estimate = n / Math.max(signRate, 50) * 1.3 + 0.5;
        Instant start = Instant.now().plusMillis((long) (estimate * 1000));
        long s0 = System.nanoTime();
        byte[][] grants = signBatch(n, i -> start.plusNanos((long) (i * periodNanos)));
        long lateMillis = Duration.between(start, Instant.now()).toMillis();
        log("fixed rate: %d grants signed in %.1f s; start %s", n, (System.nanoTime() - s0) / 1e9,
                lateMillis <= 0 ? "in " + -lateMillis + " ms" : lateMillis + " ms later than planned (the iat "
                        + "leeway is 10 s)");
        if (lateMillis < 0) {
            Thread.sleep(-lateMillis);
        }
        return OpenLoop.run(new java.net.InetSocketAddress(tokenUri.getHost(), tokenUri.getPort()), grants, rate);
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

    private void printResults(Wrk.Result cold, List<Wrk.Result> warm, List<Wrk.Result> alone, List<Wrk.Result> jdk,
            List<Wrk.Result> keycloak, OpenLoop.Result b, String openssl, String provider, int cores, String keycloakSetUp)
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
        all.addAll(alone);
        all.addAll(jdk);
        all.addAll(keycloak);
        for (Wrk.Result r : all) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %,d%s |%n", r.name(), r.okPerSecond(),
                    r.p50(), r.p99(), r.non2xx() + r.socketErrors(), r.exhausted() > 0 ? " (ran out of grants)" : ""));
        }
        md.append(String.format(Locale.ROOT, "| ours at %,d tokens/s, open loop, %d s (%,.0f/s achieved) | | %.1f | "
                + "%.1f | %,d |%n", rate, rateSeconds, b.throughput(), b.pct(50), b.pct(99), b.errors()));
        double ours = best(warm);
        double theirs = best(keycloak);
        md.append(String.format(Locale.ROOT, "%nBest warm run: ours %,.0f tokens/s, Keycloak %,.0f tokens/s%s.%n",
                ours, theirs, theirs > 0 ? String.format(Locale.ROOT, ": %.1f times", ours / theirs) : ""));
        if (!alone.isEmpty()) {
            md.append(String.format(Locale.ROOT, "Signing alone (a bare Vert.x server that signs a token-sized JWT per "
                    + "request and checks nothing, same generator): %,.0f tokens/s; ours is %.0f %% of it.%n",
                    best(alone), 100 * ours / best(alone)));
        }
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
