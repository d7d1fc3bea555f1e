package no.samarbeidsportal.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.samarbeidsportal.DemoLogin;
import no.samarbeidsportal.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged app on one PostgreSQL, as behind a load balancer: a grant used on one is refused on
 * the other (token-protocol.md 9), and a revocation, a deactivated scope, client or key made through one instance is
 * refused by the other's token endpoint within one second, although it caches its decisions; an opaque token revoked
 * through one introspects as inactive on the other at once (issue 18). A person's login
 * session is kept in the shared database: it works on both, and logging out or idling out on one ends it on both.
 */
class TwoInstancesIT {

    private static final String OWNER = "310000019";
    private static final String CONSUMER = "310000027";
    private static EmbeddedPostgres postgres;
    private static TestIssuer adminIssuer;
    private static RSAKey adminKey;
    private static final List<Process> APPS = new ArrayList<>();
    /** Each instance's management interface (health), by its public base address. */
    private static final Map<String, String> MANAGEMENT = new java.util.HashMap<>();
    private static String one;
    private static String two;
    private static String issuer;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        adminIssuer = new TestIssuer();
        Map<String, String> trusted = adminIssuer.start();
        adminKey = RSAKey.parse(trusted.get("portal.test.issuer-key"));
        int portOne = freePort();
        issuer = "http://localhost:" + portOne + "/";
        one = start(portOne, trusted, "one");
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into organisation (orgno, name) values ('" + OWNER + "', 'Eier AS'), ('" + CONSUMER
                    + "', 'Konsument AS') on conflict do nothing");
            s.execute("insert into scope_prefix (prefix, orgno) values ('alfa', '" + OWNER + "') on conflict do nothing");
        }
        two = start(freePort(), trusted, "two");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process app : APPS) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        if (adminIssuer != null) {
            adminIssuer.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aGrantIsSingleUseAcrossInstances() throws Exception {
        Registered client = registerClient(grantedScope());
        String grant = grant(client);
        token(one, grant).statusCode(200);
        token(two, grant).statusCode(400).body("error_uri", containsString("MP-012"));
        token(two, grant(client)).statusCode(200);
    }

    @Test
    void aDpopProofIsSingleUseAcrossInstances() throws Exception {
        Registered client = registerClient(grantedScope());
        String proof = new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(
                new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate(),
                com.nimbusds.jose.JWSAlgorithm.ES256).createDPoPJWT("POST", java.net.URI.create(issuer + "token"))
                .serialize();
        given().baseUri(one).header("DPoP", proof).contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .formParam("assertion", grant(client)).post("/token").then().statusCode(200)
                .body("token_type", org.hamcrest.Matchers.equalTo("DPoP"));
        given().baseUri(two).header("DPoP", proof).contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .formParam("assertion", grant(client)).post("/token").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_dpop_proof"));
    }

    @Test
    void bothInstancesCacheTheirDecisionsAndSignWithTheSameKey() {
        for (String base : List.of(one, two)) {
            given().get(MANAGEMENT.get(base) + "/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'token-service' }.data.decisions_cached", equalTo(true));
        }
        String kid = given().get(MANAGEMENT.get(one) + "/q/health/ready").then().extract()
                .path("checks.find { it.name == 'token-service' }.data.signing_kid");
        given().get(MANAGEMENT.get(two) + "/q/health/ready").then()
                .body("checks.find { it.name == 'token-service' }.data.signing_kid", equalTo(kid));
    }

    @Test
    void revokingAccessOnOneInstanceIsRefusedByTheOtherWithinOneSecond() throws Exception {
        String scope = grantedScope();
        Registered client = registerClient(scope);
        token(two, grant(client)).statusCode(200);
        token(two, grant(client)).statusCode(200);
        admin(one, OWNER, "idporten:scopes.write").queryParam("scope", scope)
                .delete("/api/v1/scopes/access/" + CONSUMER).then().statusCode(200);
        assertRefusedWithinOneSecond(client, "MP-250");
    }

    @Test
    void deactivatingAClientAKeyOrAScopeTakesEffectOnTheOtherInstanceWithinOneSecond() throws Exception {
        String scope = grantedScope();
        Registered client = registerClient(scope);
        token(two, grant(client)).statusCode(200);
        admin(one, CONSUMER, "idporten:dcr.write").delete("/api/v1/clients/" + client.id + "/jwks/"
                + client.key.getKeyID()).then().statusCode(200);
        assertRefusedWithinOneSecond(client, "MP-");

        Registered second = registerClient(scope);
        token(two, grant(second)).statusCode(200);
        admin(one, CONSUMER, "idporten:dcr.write").delete("/api/v1/clients/" + second.id).then().statusCode(200);
        assertRefusedWithinOneSecond(second, "MP-100");

        Registered third = registerClient(scope);
        token(two, grant(third)).statusCode(200);
        admin(one, OWNER, "idporten:scopes.write").queryParam("scope", scope).delete("/api/v1/scopes").then()
                .statusCode(200);
        assertRefusedWithinOneSecond(third, "MP-200");
    }

    @Test
    void anOpaqueTokenRevokedThroughOneInstanceIsInactiveOnTheOtherAtOnce() throws Exception {
        String scope = grantedScope(Map.of("token_type", "OPAQUE"));
        Registered client = registerClient(CONSUMER, scope);
        Registered owner = registerClient(OWNER, scope);
        String token = token(two, grant(client)).statusCode(200).extract().path("access_token");
        introspect(one, owner, token).statusCode(200).body("active", equalTo(true))
                .body("client_id", equalTo(client.id));
        introspect(two, owner, token).statusCode(200).body("active", equalTo(true));
        protocol(one, "/revoke", client, token).statusCode(200);
        introspect(two, owner, token).statusCode(200).body("active", equalTo(false));

        String second = token(one, grant(client)).statusCode(200).extract().path("access_token");
        introspect(one, owner, second).statusCode(200).body("active", equalTo(true));
        protocol(two, "/revoke", owner, second).statusCode(200);
        introspect(one, owner, second).statusCode(200).body("active", equalTo(false));
    }

    private static ValidatableResponse introspect(String base, Registered caller, String token) {
        return protocol(base, "/introspect", caller, token);
    }

    /** An introspection or revocation request authenticated with a client assertion (RFC 7523). */
    private static ValidatableResponse protocol(String base, String path, Registered caller, String token) {
        Instant now = Instant.now();
        String assertion = sign(new JWTClaimsSet.Builder().audience(issuer).issuer(caller.id).subject(caller.id)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build(), caller.key);
        return given().baseUri(base).contentType(ContentType.URLENC).formParam("token", token)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion).post(path).then();
    }

    @Test
    void aLoginSessionIsSharedByTheInstancesAndLoggingOutOnOneEndsItOnBoth() {
        Map<String, String> saved = DemoLogin.as("anna", () -> given().baseUri(one), Map.of()).cookies();
        portal(two, saved).statusCode(200);
        given().baseUri(two).redirects().follow(false).cookies(saved).get("/portal/logout").then().statusCode(302)
                .header("Location", containsString(issuer + "dev-login/logout"));
        portal(one, saved).statusCode(302).header("Location", containsString("/dev-login/authorize"));
        portal(two, saved).statusCode(302);
    }

    @Test
    void aSessionEndsAfterTheConfiguredIdleTimeoutButNotWhileInUse() throws Exception {
        Map<String, String> saved = DemoLogin.as("bob", () -> given().baseUri(one), Map.of()).cookies();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(3_000);
            portal(i % 2 == 0 ? two : one, saved).statusCode(200);
        }
        // 9 s in use, each request within the 6 s idle timeout (PORTAL_SESSION_IDLE_TIMEOUT); then 7 s idle
        Thread.sleep(7_000);
        portal(two, saved).statusCode(302).header("Location", containsString("/dev-login/authorize"));
    }

    private static ValidatableResponse portal(String base, Map<String, String> cookies) {
        return given().baseUri(base).redirects().follow(false).cookies(cookies).get("/portal").then();
    }

    private static void assertRefusedWithinOneSecond(Registered client, String code) throws Exception {
        long started = System.nanoTime();
        while (true) {
            ValidatableResponse response = token(two, grant(client));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (response.extract().statusCode() != 200) {
                response.body("error_uri", containsString(code));
                assertTrue(elapsed < 1000, "refused after " + elapsed + " ms");
                return;
            }
            assertTrue(elapsed < 1000, "still issued after " + elapsed + " ms");
            Thread.sleep(10);
        }
    }

    private record Registered(String id, String scope, RSAKey key) {
    }

    private static String grantedScope() {
        return grantedScope(Map.of());
    }

    private static String grantedScope(Map<String, Object> extra) {
        String subscope = "to.instanser." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("prefix", "alfa", "subscope", subscope,
                "description", "To instanser"));
        body.putAll(extra);
        admin(one, OWNER, "idporten:scopes.write").body(body).post("/api/v1/scopes").then().statusCode(201);
        String scope = "alfa:" + subscope;
        admin(one, OWNER, "idporten:scopes.write").queryParam("scope", scope).put("/api/v1/scopes/access/" + CONSUMER)
                .then().statusCode(200);
        return scope;
    }

    private static Registered registerClient(String scope) throws Exception {
        return registerClient(CONSUMER, scope);
    }

    private static Registered registerClient(String orgno, String scope) throws Exception {
        String id = admin(two, orgno, "idporten:dcr.write").body(Map.of("integration_type", "maskinporten",
                "client_name", "To instanser", "description", "IT", "token_endpoint_auth_method", "private_key_jwt",
                "grant_types", List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"), "scopes", List.of(scope)))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
        RSAKey key = Grants.rsa();
        admin(two, orgno, "idporten:dcr.write").body(Map.of("keys", List.of(key.toPublicJWK().toJSONObject())))
                .post("/api/v1/clients/" + id + "/jwks").then().statusCode(201);
        return new Registered(id, scope, key);
    }

    private static String grant(Registered client) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().audience(issuer).issuer(client.id).claim("scope", client.scope)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build(), client.key);
    }

    private static ValidatableResponse token(String base, String grant) {
        return given().baseUri(base).contentType(ContentType.URLENC)
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").formParam("assertion", grant)
                .post("/token").then();
    }

    private static RequestSpecification admin(String base, String orgno, String scopes) {
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

    private static String start(int port, Map<String, String> trusted, String name) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "run after package: " + jar);
        Path log = Path.of("target", "two-instances-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        int managementPort = freePort();
        env.put("PORT", String.valueOf(port));
        env.put("PORTAL_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("PORTAL_ISSUER", issuer);
        env.put("PORTAL_TOKEN_KEY_SECRET", "two-instances-share-this-secret-of-40-chars");
        // people log in at instance one's demo login, whichever instance they use; sessions idle out after 6 s
        env.put("PORTAL_DEV_LOGIN_ENABLED", "true");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer + "dev-login");
        env.put("PORTAL_SESSION_IDLE_TIMEOUT", "6s");
        env.put("PORTAL_ORGS_TRUSTED_ISSUERS_TEST_ISSUER", TestIssuer.ISSUER);
        env.put("PORTAL_ORGS_TRUSTED_ISSUERS_TEST_JWKS_URL", trusted.get("portal.orgs.trusted-issuers.test.jwks-url"));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process app = pb.start();
        APPS.add(app);
        String base = "http://localhost:" + port;
        String management = "http://127.0.0.1:" + managementPort;
        MANAGEMENT.put(base, management);
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            if (!app.isAlive()) {
                throw new IllegalStateException("instance " + name + " exited; see " + log);
            }
            try {
                if (given().get(management + "/q/health/ready").statusCode() == 200) {
                    return base;
                }
            } catch (Exception e) {
                // not listening yet (RestAssured throws ConnectException unchecked)
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("instance " + name + " not ready in 120 s; see " + log);
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
