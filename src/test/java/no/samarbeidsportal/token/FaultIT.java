package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.samarbeidsportal.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The fault test: the packaged app with its own embedded PostgreSQL (durable, the JVM's child), under a steady token
 * load, has its postmaster killed (SIGKILL). It must come back by itself within 10 seconds, answer 503 (never 500)
 * meanwhile on /token, the admin API and a page (the public catalogue), and issue no token for access revoked just before the kill. Then the app itself is killed outright with
 * its watchdog, leaving its server behind: the next start on that folder stops the leftover and starts its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FaultIT {

    private static final String OWNER = "310000019";
    private static final String CONSUMER = "310000027";
    private static TestIssuer adminIssuer;
    private static Map<String, String> trusted;
    private static RSAKey adminKey;
    private static Path dataDir;
    private static Path log;
    private static int httpPort;
    private static int managementPort;
    private static int dbPort;
    private static String base;
    private static String issuer;
    private static Process app;
    private static final List<Process> STARTED = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        adminIssuer = new TestIssuer();
        trusted = adminIssuer.start();
        adminKey = RSAKey.parse(trusted.get("portal.test.issuer-key"));
        Path run = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fault-it-");
        dataDir = run.resolve("postgres");
        httpPort = freePort();
        dbPort = freePort();
        managementPort = freePort();
        base = "http://localhost:" + httpPort;
        issuer = base + "/";
        app = startApp(run.resolve("app-1.log"));
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("insert into organisation (orgno, name) values ('" + OWNER + "', 'Eier AS'), ('" + CONSUMER
                    + "', 'Konsument AS') on conflict do nothing");
            s.execute("insert into scope_prefix (prefix, orgno) values ('feil', '" + OWNER + "') on conflict do nothing");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : STARTED) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        postmaster().ifPresent(ProcessHandle::destroyForcibly);
        if (adminIssuer != null) {
            adminIssuer.stop();
        }
    }

    @Test
    @Order(1)
    void theEmbeddedDatabaseIsDurableAndTheAppsOwnChild() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "select name, setting from pg_settings where name in ('fsync', 'full_page_writes', 'synchronous_commit')")) {
            int n = 0;
            while (r.next()) {
                assertEquals("on", r.getString(2), r.getString(1));
                n++;
            }
            assertEquals(3, n);
        }
        ProcessHandle postmaster = postmaster().orElseThrow();
        assertEquals(app.pid(), postmaster.parent().map(ProcessHandle::pid).orElse(-1L),
                "the postmaster's parent is the app's JVM");
    }

    @Test
    @Order(2)
    void afterItsPostmasterIsKilledTheAppAnswers503AndComesBackWithin10SecondsWithTheRevocationKept()
            throws Exception {
        String kept = grantedScope();
        String revoked = grantedScope();
        Registered client = registerClient(kept, revoked);
        assertEquals(200, token(grant(client, revoked)).statusCode());

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger tokens503WithRetryAfter = new AtomicInteger();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            load.submit(() -> {
                while (loading.get()) {
                    try {
                        Response r = token(grant(client, kept));
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() == 503 && r.getHeader("Retry-After") != null
                                && r.asString().contains("temporarily_unavailable")) {
                            tokens503WithRetryAfter.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            });
        }
        Thread.sleep(500);

        admin(OWNER, "idporten:scopes.write").queryParam("scope", revoked).delete("/api/v1/scopes/access/" + CONSUMER)
                .then().statusCode(200);
        long logBefore = Files.size(log);
        ProcessHandle killed = postmaster().orElseThrow();
        killed.destroyForcibly();
        long killedAt = System.nanoTime();

        // meanwhile: the admin API and a page answer 503 with Retry-After, never 500
        List<Integer> api = new ArrayList<>();
        List<Integer> page = new ArrayList<>();
        boolean back = false;
        long backAfter = -1;
        while (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt) < 10) {
            Response r = admin(OWNER, "idporten:scopes.read").get("/api/v1/scopes");
            api.add(r.statusCode());
            if (r.statusCode() == 503) {
                assertNotNull(r.getHeader("Retry-After"));
                r.then().body("error", org.hamcrest.Matchers.equalTo("temporarily_unavailable"));
            }
            Response p = given().baseUri(base).get("/portal/catalogue");
            page.add(p.statusCode());
            if (p.statusCode() == 503) {
                assertNotNull(p.getHeader("Retry-After"));
                assertTrue(p.getContentType().startsWith("text/html"), p.getContentType());
            }
            if (given().get(readiness()).statusCode() == 200
                    && token(grant(client, kept)).statusCode() == 200) {
                back = true;
                backAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                break;
            }
            Thread.sleep(20);
        }
        Thread.sleep(500);
        loading.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

        assertTrue(back, "not ready with tokens again within 10 s of the kill");
        assertFalse(killed.isAlive());
        ProcessHandle restarted = postmaster().orElseThrow();
        assertTrue(restarted.pid() != killed.pid());
        assertEquals(app.pid(), restarted.parent().map(ProcessHandle::pid).orElse(-1L));
        assertFalse(api.contains(500), "admin API answered 500 during the outage: " + api);
        assertTrue(api.stream().allMatch(s -> s == 200 || s == 503), "admin API: " + api);
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503),
                "token endpoint under load: " + statuses + " (back after " + backAfter + " ms)");
        assertTrue(page.stream().allMatch(s -> s == 200 || s == 503), "page: " + page);
        assertTrue(statuses.containsKey(503) || api.contains(503) || page.contains(503),
                "no 503 seen: " + statuses + " " + api + " " + page);
        if (statuses.containsKey(503)) {
            assertEquals(statuses.get(503).get(), tokens503WithRetryAfter.get(),
                    "every token 503 is temporarily_unavailable with Retry-After");
        }

        token(grant(client, revoked)).then().statusCode(403).body("error_uri", containsString("MP-250"));
        token(grant(client, kept)).then().statusCode(200);

        String during = Files.readString(log).substring((int) logBefore);
        assertFalse(during.contains("Unexpected failure"), "a stack trace per request in the log");
        assertFalse(during.contains("Token request failed"), "a stack trace per token request in the log");
        assertFalse(during.contains("HHH000247"), "an SQL warning per request in the log");
        assertTrue(during.contains("restarting it on port " + dbPort), during);
    }

    @Test
    @Order(3)
    void aServerLeftRunningOnTheDataFolderByAKilledAppIsStoppedOnTheNextStart() throws Exception {
        ProcessHandle leftover = postmaster().orElseThrow();
        // the app and its watchdog die at once (as in an OOM kill of the whole process group): the server stays
        app.descendants().filter(p -> p.pid() != leftover.pid()
                && p.info().command().map(c -> !c.endsWith("postgres")).orElse(true)).forEach(ProcessHandle::destroyForcibly);
        app.destroyForcibly();
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
        Thread.sleep(500);
        assertTrue(leftover.isAlive(), "the server should have been left behind for this test");

        app = startApp(log.resolveSibling("app-2.log"));
        assertFalse(leftover.isAlive(), "the leftover server (PID " + leftover.pid() + ") still runs");
        ProcessHandle own = postmaster().orElseThrow();
        assertEquals(app.pid(), own.parent().map(ProcessHandle::pid).orElse(-1L));
        try (Connection c = db(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from scope where prefix = 'feil'")) {
            r.next();
            assertTrue(r.getInt(1) >= 2, "committed scopes kept");
        }
        assertTrue(Files.readString(log).contains("left running on"));
    }

    private static Optional<ProcessHandle> postmaster() throws IOException {
        Path pid = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()));
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "");
    }

    private record Registered(String id, RSAKey key) {
    }

    private static String grantedScope() {
        String subscope = "feil." + UUID.randomUUID().toString().substring(0, 8);
        admin(OWNER, "idporten:scopes.write").body(Map.of("prefix", "feil", "subscope", subscope,
                "description", "Feiltest")).post("/api/v1/scopes").then().statusCode(201);
        String scope = "feil:" + subscope;
        admin(OWNER, "idporten:scopes.write").queryParam("scope", scope).put("/api/v1/scopes/access/" + CONSUMER)
                .then().statusCode(200);
        return scope;
    }

    private static Registered registerClient(String... scopes) throws Exception {
        String id = admin(CONSUMER, "idporten:dcr.write").body(Map.of("integration_type", "maskinporten",
                "client_name", "Feiltest", "description", "IT", "token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"), "scopes", List.of(scopes)))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
        RSAKey key = Grants.rsa();
        admin(CONSUMER, "idporten:dcr.write").body(Map.of("keys", List.of(key.toPublicJWK().toJSONObject())))
                .post("/api/v1/clients/" + id + "/jwks").then().statusCode(201);
        return new Registered(id, key);
    }

    private static String grant(Registered client, String scope) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().audience(issuer).issuer(client.id).claim("scope", scope)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build(), client.key);
    }

    private static Response token(String grant) {
        return given().baseUri(base).contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").formParam("assertion", grant)
                .post("/token");
    }

    private static RequestSpecification admin(String orgno, String scopes) {
        Instant now = Instant.now();
        String token = sign(new JWTClaimsSet.Builder().issuer(TestIssuer.ISSUER).claim("scope", scopes)
                .claim("client_id", "it-" + orgno)
                .claim("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + orgno))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build(), adminKey);
        return given().baseUri(base).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process startApp(Path logFile) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "run after package: " + jar);
        log = logFile;
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        env.put("PORT", String.valueOf(httpPort));
        env.put("PORTAL_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("PORTAL_EMBEDDED_DB_DIR", dataDir.toString());
        env.put("PORTAL_EMBEDDED_DB_PORT", String.valueOf(dbPort));
        env.put("PORTAL_ISSUER", issuer);
        env.put("PORTAL_TOKEN_KEY_SECRET", "fault-test-secret-of-at-least-forty-characters");
        env.put("PORTAL_ORGS_TRUSTED_ISSUERS_TEST_ISSUER", TestIssuer.ISSUER);
        env.put("PORTAL_ORGS_TRUSTED_ISSUERS_TEST_JWKS_URL", trusted.get("portal.orgs.trusted-issuers.test.jwks-url"));
        pb.redirectErrorStream(true).redirectOutput(logFile.toFile());
        Process p = pb.start();
        STARTED.add(p);
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the app exited; see " + logFile);
            }
            try {
                if (given().get(readiness()).statusCode() == 200) {
                    return p;
                }
            } catch (Exception e) {
                // not listening yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("not ready in 90 s; see " + logFile);
            }
            Thread.sleep(250);
        }
    }

    /** Readiness lives on the management interface, not on the public port. */
    private static String readiness() {
        return "http://127.0.0.1:" + managementPort + "/q/health/ready";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
