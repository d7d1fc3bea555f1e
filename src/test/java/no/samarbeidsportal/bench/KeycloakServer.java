package no.samarbeidsportal.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keycloak as the token benchmark's peer: its server distribution from Maven Central (unpacked by
 * {@code ./mvnw -o dependency:unpack@keycloak-dist} into {@code target/keycloak/keycloak-*}), in production mode on its
 * own durable PostgreSQL, with a realm {@code bench} of {@value #CLIENTS} confidential clients that authenticate with
 * {@code client-jwt} (private_key_jwt, RS256) and get tokens by the client_credentials grant.
 *
 * <p>The distribution is copied into the run folder and built there ({@code kc.sh build} rewrites its
 * {@code lib/quarkus}), so the unpacked one stays as the browser test's dev mode wants it. Then
 * {@code kc.sh start --optimized} runs on a newest Java 21+ from {@code /usr/lib/jvm} (Keycloak 26 needs 21). Its
 * output goes to {@code keycloak.log} in the run folder. The configuration is the fastest found on the 2-core machine
 * (see {@link #BUILD_OPTIONS}, {@link #START_OPTIONS}); system properties override the tunables:
 * {@code bench.keycloak.heap} ({@code -Xms1g -Xmx1g}), {@code bench.keycloak.db-pool} (16),
 * {@code bench.keycloak.http-threads} (0 = Keycloak's default), {@code bench.keycloak.lean} (true: the clients get no
 * default client scopes and no full scope, so a token carries no roles, profile or e-mail claims; the sensible set-up
 * for machine clients, and what makes the token smallest), {@code bench.keycloak.options} (more start options),
 * {@code bench.keycloak.java-opts} (JAVA_OPTS_APPEND).
 *
 * <p>Tried with {@link KeycloakCheck} and wrk (2 threads, 32 connections, 10 s warm-up then 10 s measured) on the
 * 2-core machine while others loaded it (load average 10-14, so only roughly): this configuration 245, 159, 224 and
 * 200 tokens/s; with the default client scopes 238; ParallelGC instead of G1 197; 16 HTTP threads and 4 database
 * connections 65. Keycloak writes nothing to its database per token (only read-only transactions commit: no rows,
 * no WAL), so PostgreSQL's durability costs it nothing.
 *
 * <p>Client assertion rules of Keycloak 26.7.3 (read from {@code AbstractBaseJWTValidator} and
 * {@code JWTClientValidator} in the distribution's keycloak-services jar): clock skew 15 s both ways; {@code exp} is
 * required and must be later than now - 15 s; an {@code iat} more than 15 s in the future is refused ("Token was
 * issued in the future"); an assertion is accepted only until {@code iat} + the client's
 * {@code token.endpoint.auth.signing.max.exp} (default 60 s; "Token was issued too far in the past"); exp - iat itself
 * is not limited, but the {@code jti} is remembered only min(exp - now, max.exp) seconds, and a {@code jti} seen before
 * is refused (single use, Keycloak's single-use object store). {@code aud} must be ONE of the realm's issuer, its
 * token, introspection, PAR or CIBA endpoint (several audiences only with a server option). The benchmark's grants
 * (iat = planned send time ± 10 s, signed up to ~15 s ahead) therefore pass: the clients here set max.exp to 120 s
 * for headroom, and assertions carry exp = iat + 120 s.
 */
final class KeycloakServer implements AutoCloseable {

    static final int CLIENTS = 10;
    static final String REALM = "bench";
    /** Build-time options ({@code kc.sh build}): production mode against PostgreSQL, no health or metrics. */
    static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=false",
            "--metrics-enabled=false");
    /**
     * Run-time options besides address, port and database ({@code kc.sh start --optimized}); {@code --cache} is one of
     * them in 26.7 (the build ignores it): local caches, no cluster.
     */
    static final List<String> START_OPTIONS = List.of("--cache=local", "--http-enabled=true",
            "--hostname-strict=false", "--log=console", "--log-level=warn", "--log-console-color=false");
    /** How long a client assertion may be used after its iat (client attribute; Keycloak's default is 60 s). */
    static final int ASSERTION_MAX_SECONDS = 120;
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;
    private final Consumer<String> log;
    private final String heap = System.getProperty("bench.keycloak.heap", "-Xms1g -Xmx1g");
    private final int dbPool = Integer.getInteger("bench.keycloak.db-pool", 16);
    private final int httpThreads = Integer.getInteger("bench.keycloak.http-threads", 0);
    private final boolean lean = Boolean.parseBoolean(System.getProperty("bench.keycloak.lean", "true"));
    private final String extraOptions = System.getProperty("bench.keycloak.options", "").trim();
    private final String javaOpts = System.getProperty("bench.keycloak.java-opts", "").trim();
    private final Thread shutdownHook = new Thread(this::stopQuietly, "keycloak-bench-stop");
    private final List<RSAKey> keys = new ArrayList<>();
    private final List<RSASSASigner> signers = new ArrayList<>();
    private final String jtiPrefix;
    private final AtomicLong jtiCounter = new AtomicLong();
    private EmbeddedPostgres postgres;
    private Process keycloak;
    private Process watchdog;
    private Path home;
    private Path javaHome;
    private int port;
    private String versionLine = "?";
    private String postgresVersion = "?";
    private String signingProvider = "JDK";
    private boolean closed;

    private KeycloakServer(Path runDir, Consumer<String> log) {
        this.runDir = runDir;
        this.log = log;
        byte[] random = new byte[9];
        new SecureRandom().nextBytes(random);
        this.jtiPrefix = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-";
    }

    /** Copies and builds the distribution, starts PostgreSQL and Keycloak, and sets up the realm and its clients. */
    static KeycloakServer start(Path runDir, Consumer<String> log) throws Exception {
        KeycloakServer server = new KeycloakServer(runDir.toAbsolutePath(), log);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.startAll();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** The realm's token endpoint. */
    URI tokenUri() {
        return URI.create(issuer() + "/protocol/openid-connect/token");
    }

    /** The realm's issuer, the audience of the client assertions. */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /**
     * A client_credentials request of client {@code i % 10}, authenticated by a fresh RS256 client assertion (unique
     * {@code jti}) issued at {@code iat}. Thread-safe.
     */
    String body(int i, Instant iat) {
        int client = Math.floorMod(i, CLIENTS);
        String clientId = clientId(client);
        long issued = iat.getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer())
                .jwtID(jtiPrefix + jtiCounter.incrementAndGet()).issueTime(new Date(issued * 1000))
                .expirationTime(new Date((issued + ASSERTION_MAX_SECONDS) * 1000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.get(client).getKeyID())
                .build(), claims);
        try {
            jwt.sign(signers.get(client));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "grant_type=client_credentials&client_id=" + clientId
                + "&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + jwt.serialize();
    }

    /** One line for the README: version, mode, options, JVM, heap, database. */
    String describe() {
        List<String> start = new ArrayList<>(START_OPTIONS);
        start.add("--db-pool-max-size=" + dbPool);
        if (httpThreads > 0) {
            start.add("--http-pool-max-threads=" + httpThreads);
        }
        if (!extraOptions.isEmpty()) {
            start.add(extraOptions);
        }
        return String.format("%s, production mode: kc.sh build %s; start --optimized %s; %s; heap %s; PostgreSQL %s "
                + "durable (fsync, synchronous_commit on); %d client-jwt clients%s; assertions signed with %s",
                versionLine, String.join(" ", BUILD_OPTIONS), String.join(" ", start), javaDescription(),
                heap + (javaOpts.isEmpty() ? "" : " " + javaOpts),
                postgresVersion, CLIENTS, lean ? " without default client scopes" : "", signingProvider);
    }

    /**
     * Keycloak's database activity so far: transactions committed (read-only ones count too), rows written and WAL
     * bytes, to see whether a token costs a durable write.
     */
    long[] databaseActivity() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, "
                        + "pg_current_wal_lsn() - '0/0'::pg_lsn FROM pg_stat_database WHERE datname = 'keycloak'")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    /**
     * Stops Keycloak and then its PostgreSQL, and deletes the built copy of the distribution (unless
     * {@code bench.keycloak.keep}); idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this runs in the hook
        }
        stopQuietly();
    }

    private void startAll() throws Exception {
        Files.createDirectories(runDir);
        javaHome = newestJava();
        home = copyDistribution();
        versionLine = Files.readString(home.resolve("version.txt")).trim();
        generateKeys();
        startPostgres();
        build();
        startKeycloak();
        setUpRealm();
        log.accept("Keycloak ready: " + describe());
    }

    private void generateKeys() throws JOSEException {
        Provider provider = nativeProvider();
        signingProvider = provider == null ? "the JDK" : provider.getName();
        for (int i = 0; i < CLIENTS; i++) {
            RSAKey key = new RSAKeyGenerator(2048).keyID("bench-kc-" + i).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            RSASSASigner signer = new RSASSASigner(key);
            if (provider != null) {
                signer.getJCAContext().setProvider(provider);
            }
            keys.add(key);
            signers.add(signer);
        }
    }

    private static Provider nativeProvider() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                return null;
            }
            accp.assertHealthy();
            return accp;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The unpacked distribution copied into the run folder (a build there leaves the original alone). */
    private Path copyDistribution() throws Exception {
        Path parent = Path.of("target/keycloak").toAbsolutePath();
        Path source;
        try (Stream<Path> dirs = Files.exists(parent) ? Files.list(parent) : Stream.empty()) {
            source = dirs.filter(d -> d.getFileName().toString().matches("keycloak-\\d.*") && Files.isDirectory(d))
                    .max(Comparator.comparing(KeycloakServer::versionKey)).orElseThrow(() -> new IllegalStateException(
                            "Keycloak's server distribution is not in " + parent + ": run ./mvnw -o "
                                    + "dependency:unpack@keycloak-dist (online the first time)"));
        }
        Path target = runDir.resolve(source.getFileName());
        run(List.of("cp", "-a", source.toString(), target.toString()), runDir, Map.of(), 120);
        return target;
    }

    private static String versionKey(Path dir) {
        StringBuilder key = new StringBuilder();
        for (String part : dir.getFileName().toString().replaceAll("[^0-9.]", "").split("\\.")) {
            key.append(String.format("%06d", part.isEmpty() ? 0 : Long.parseLong(part.substring(0,
                    Math.min(6, part.length())))));
        }
        return key.toString();
    }

    /** The Java 21+ with the highest version under /usr/lib/jvm (or JAVA_HOME). */
    private static Path newestJava() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String javaHomeEnv = System.getenv("JAVA_HOME");
        if (javaHomeEnv != null && !javaHomeEnv.isBlank()) {
            candidates.add(Path.of(javaHomeEnv));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.forEach(candidates::add);
            }
        }
        return candidates.stream().filter(h -> javaVersion(h) >= 21 && Files.isExecutable(h.resolve("bin/java")))
                .max(Comparator.comparingInt(KeycloakServer::javaVersion))
                .orElseThrow(() -> new IllegalStateException("Keycloak 26 needs Java 21 or later; none in JAVA_HOME "
                        + "or /usr/lib/jvm (install e.g. Temurin 25)"));
    }

    private static int javaVersion(Path home) {
        try {
            Matcher m = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE)
                    .matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private String javaDescription() {
        try {
            String release = Files.readString(javaHome.resolve("release"));
            Matcher version = Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE).matcher(release);
            Matcher vendor = Pattern.compile("^IMPLEMENTOR=\"([^\"]+)\"", Pattern.MULTILINE).matcher(release);
            return "Java " + (version.find() ? version.group(1) : "?") + (vendor.find() ? " (" + vendor.group(1) + ")"
                    : "");
        } catch (IOException e) {
            return javaHome.toString();
        }
    }

    /**
     * Durable PostgreSQL: the library starts it with {@code -F} (fsync off) and synchronous_commit off; the
     * {@code -c} settings come after those and win. Checked once it runs.
     */
    private void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(runDir.resolve("postgres"))
                .setCleanDataDirectory(false).setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(runDir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(runDir.resolve("postgres.log").toFile()))
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    if (!"on".equals(r.getString(1))) {
                        throw new IllegalStateException("Keycloak's PostgreSQL runs with " + setting + "="
                                + r.getString(1) + ", not durable");
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SHOW server_version")) {
                r.next();
                postgresVersion = r.getString(1);
            }
            s.execute("CREATE DATABASE keycloak");
        }
        log.accept("Keycloak's PostgreSQL " + postgresVersion + " on port " + postgres.getPort() + " (durable)");
    }

    private void build() throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        log.accept("kc.sh build " + String.join(" ", BUILD_OPTIONS) + " (in " + home + ")");
        if (run(command, home, Map.of("JAVA_HOME", javaHome.toString()), 300) != 0) {
            throw new IllegalStateException("kc.sh build failed, see " + runDir.resolve("keycloak.log"));
        }
    }

    private void startKeycloak() throws Exception {
        port = PackagedApp.freePort();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized"));
        command.addAll(START_OPTIONS);
        command.addAll(List.of("--http-host=127.0.0.1", "--http-port=" + port,
                "--db-url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/keycloak", "--db-username=postgres",
                "--db-password=postgres", "--db-pool-initial-size=" + dbPool, "--db-pool-min-size=" + dbPool,
                "--db-pool-max-size=" + dbPool));
        if (httpThreads > 0) {
            command.add("--http-pool-max-threads=" + httpThreads);
        }
        if (!extraOptions.isEmpty()) {
            command.addAll(List.of(extraOptions.split("\\s+")));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("keycloak.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("JAVA_OPTS_KC_HEAP", heap);
        if (javaOpts.matches(".*-XX:\\+Use\\w+GC.*")) {
            // another collector: kc.sh's default JAVA_OPTS name G1, so they are given whole, without it
            Matcher defaults = Pattern.compile("JAVA_OPTS=\"(-XX:MetaspaceSize[^\"]*)\"")
                    .matcher(Files.readString(home.resolve("bin/kc.sh")));
            if (!defaults.find()) {
                throw new IllegalStateException("kc.sh's default JAVA_OPTS not found");
            }
            env.put("JAVA_OPTS", defaults.group(1).replace("-XX:+UseG1GC", "") + " " + heap + " " + javaOpts);
        } else if (!javaOpts.isEmpty()) {
            env.put("JAVA_OPTS_APPEND", javaOpts);
        }
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword());
        log.accept("kc.sh start --optimized on port " + port + " (log " + runDir.resolve("keycloak.log") + ")");
        keycloak = pb.start();
        watchdog = watchdog(keycloak.pid(), runDir.resolve("postgres/postmaster.pid"));
        awaitReady();
    }

    /**
     * Stops Keycloak and PostgreSQL when this JVM dies, even by SIGKILL: the watchdog's stdin is a pipe only this JVM
     * writes to, so it reads end-of-file once the JVM is gone.
     */
    private static Process watchdog(long keycloakPid, Path postmasterPid) throws IOException {
        return new ProcessBuilder("sh", "-c", "read unused; kill -TERM " + keycloakPid + " 2>/dev/null; sleep 5; "
                + "kill -INT $(head -1 '" + postmasterPid + "') 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private String adminPasswordValue;

    private String adminPassword() {
        if (adminPasswordValue == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            adminPasswordValue = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        return adminPasswordValue;
    }

    private void awaitReady() throws Exception {
        HttpClient http = http();
        URI probe = URI.create("http://127.0.0.1:" + port + "/realms/master/.well-known/openid-configuration");
        Instant deadline = Instant.now().plusSeconds(240);
        while (true) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + keycloak.exitValue() + ", see "
                        + runDir.resolve("keycloak.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Keycloak was not ready within 240 s, see "
                        + runDir.resolve("keycloak.log"));
            }
            Thread.sleep(500);
        }
    }

    /** Realm {@code bench} and its clients over the admin REST API, as the bootstrap admin. */
    private void setUpRealm() throws Exception {
        HttpClient http = http();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> tokenResponse = http.send(HttpRequest.newBuilder(
                URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin"
                        + "&password=" + URLEncoder.encode(adminPassword(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (tokenResponse.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's admin login failed: " + tokenResponse.statusCode() + " "
                    + tokenResponse.body());
        }
        String admin = JSON.readTree(tokenResponse.body()).get("access_token").asText();

        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("realm", REALM);
        realm.put("enabled", true);
        realm.put("eventsEnabled", false);
        realm.put("adminEventsEnabled", false);
        realm.put("defaultSignatureAlgorithm", "RS256");
        post(http, admin, base + "/admin/realms", realm);

        for (int i = 0; i < CLIENTS; i++) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("use.jwks.string", "true");
            attributes.put("jwks.string", new JWKSet(keys.get(i).toPublicJWK()).toString());
            attributes.put("token.endpoint.auth.signing.alg", "RS256");
            attributes.put("token.endpoint.auth.signing.max.exp", String.valueOf(ASSERTION_MAX_SECONDS));
            attributes.put("access.token.signed.response.alg", "RS256");
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("clientId", clientId(i));
            client.put("enabled", true);
            client.put("protocol", "openid-connect");
            client.put("publicClient", false);
            client.put("serviceAccountsEnabled", true);
            client.put("standardFlowEnabled", false);
            client.put("directAccessGrantsEnabled", false);
            client.put("implicitFlowEnabled", false);
            client.put("clientAuthenticatorType", "client-jwt");
            client.put("attributes", attributes);
            if (lean) {
                client.put("fullScopeAllowed", false);
                client.put("defaultClientScopes", List.of());
                client.put("optionalClientScopes", List.of());
            }
            post(http, admin, base + "/admin/realms/" + REALM + "/clients", client);
            if (lean) {
                removeDefaultScopes(http, admin, base, clientId(i));
            }
        }
    }

    /** Keycloak adds the realm's default client scopes to a new client whatever the request says; take them off. */
    private void removeDefaultScopes(HttpClient http, String admin, String base, String clientId) throws Exception {
        String clients = base + "/admin/realms/" + REALM + "/clients";
        JsonNode found = JSON.readTree(get(http, admin, clients + "?clientId=" + clientId));
        String id = found.get(0).get("id").asText();
        for (String kind : List.of("default-client-scopes", "optional-client-scopes")) {
            for (JsonNode scope : JSON.readTree(get(http, admin, clients + "/" + id + "/" + kind))) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + id + "/" + kind
                        + "/" + scope.get("id").asText())).header("Authorization", "Bearer " + admin).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException("DELETE " + kind + " of " + clientId + ": " + r.statusCode());
                }
            }
        }
    }

    private static String get(HttpClient http, String admin, String uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static void post(HttpClient http, String admin, String uri, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("POST " + uri + ": " + r.statusCode() + " " + r.body());
        }
    }

    static String clientId(int i) {
        return "bench-kc-" + i;
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Runs a command to its end with output appended to keycloak.log; its exit code. */
    private int run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("keycloak.log").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                    + " s");
        }
        return p.exitValue();
    }

    private void stopQuietly() {
        Process kc = keycloak;
        if (kc != null && kc.isAlive()) {
            List<ProcessHandle> children = kc.descendants().toList();
            kc.destroy();
            try {
                if (!kc.waitFor(30, TimeUnit.SECONDS)) {
                    kc.destroyForcibly();
                    kc.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                kc.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                log.accept("Keycloak's PostgreSQL did not stop cleanly: " + e);
            }
        }
        Process w = watchdog;
        if (w != null) {
            w.destroy();
        }
        Path copy = home;
        if (copy != null && (kc == null || !kc.isAlive()) && !Boolean.getBoolean("bench.keycloak.keep")) {
            // the built copy of the distribution (186 MB); keycloak.log and the database stay in the run folder
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | RuntimeException e) {
                log.accept("Could not delete " + copy + ": " + e);
            }
        }
    }
}
