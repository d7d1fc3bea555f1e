package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.token.Grants;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bad-input suite (issue 11): a seeded run of at least 10,000 malformed requests over real HTTP against the
 * running app, across the admin API's JSON bodies, JWKs (private members, EC, short RSA, garbage), PEM and DER
 * (truncated, bit-flipped, deeply nested), grants at /token (alg none, HS256 keyed with the public key, truncated,
 * huge, wrong claim types), the pages' forms (with a session and CSRF token), paths, query parameters and headers.
 * No request may get a 5xx; afterwards no private key member that was sent is in any text column of the database, in
 * the app's log or echoed in a response.
 *
 * <p>The seed is logged; run another with {@code -Dbadinput.seed=<n>}, and more or fewer requests with
 * {@code -Dbadinput.requests=<n>} (default 10,000).
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputSuiteTest {

    private static final Logger LOG = Logger.getLogger(BadInputSuiteTest.class);
    static final long SEED = Long.getLong("badinput.seed", 20_261_201L);
    static final int REQUESTS = Integer.getInteger("badinput.requests", 10_000);
    private static final String ADMIN = "idporten:dcr.read idporten:dcr.write idporten:dcr.modify "
            + "idporten:scopes.read idporten:scopes.write";
    private static final int THREADS = 4;

    /** Fragments of every private key member and PEM private key body the suite sends. */
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final List<String> FAILURES = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, List<String>> SERVER_ERRORS = new ConcurrentHashMap<>();
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger LOG_RECORDS = new AtomicInteger();
    private static final ConcurrentLinkedQueue<String> LEAKED_IN_LOG = new ConcurrentLinkedQueue<>();
    private static Handler capture;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void captureTheLog() {
        capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                LOG_RECORDS.incrementAndGet();
                StringBuilder text = new StringBuilder();
                text.append(record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                        : record.getMessage());
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    text.append('\n').append(t);
                }
                String logged = text.toString();
                for (String secret : SECRETS) {
                    if (logged.contains(secret)) {
                        LEAKED_IN_LOG.add(RawHttp.abbreviate(logged, 300));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterAll
    static void stopCapturing() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
    }

    // ---------------------------------------------------------------- keys the suite sends and must never see again

    /** Private keys as JWKs and PEM, and public material to damage, made once per run. */
    record KeyMaterial(List<Map<String, Object>> privateJwks, List<Map<String, Object>> publicJwks,
            List<String> privatePems, List<byte[]> certificates) {
    }

    private static KeyMaterial keys;

    private static synchronized KeyMaterial keys() throws Exception {
        if (keys != null) {
            return keys;
        }
        List<Map<String, Object>> privateJwks = new ArrayList<>();
        List<Map<String, Object>> publicJwks = new ArrayList<>();
        List<String> privatePems = new ArrayList<>();
        for (int bits : new int[] {2048, 2048, 1024, 512}) {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            java.security.KeyPair pair = generator.generateKeyPair();
            RSAKey rsa = new RSAKey.Builder((java.security.interfaces.RSAPublicKey) pair.getPublic())
                    .privateKey(pair.getPrivate()).keyID("suite-" + bits + "-" + privateJwks.size())
                    .keyUse(KeyUse.SIGNATURE).build();
            privateJwks.add(rsa.toJSONObject());
            publicJwks.add(rsa.toPublicJWK().toJSONObject());
            for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
                SECRETS.add(fragment((String) rsa.toJSONObject().get(member)));
            }
            String pkcs8 = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            SECRETS.add(pkcs8.substring(70, 110));
            privatePems.add(pem("PRIVATE KEY", pkcs8));
            String pkcs1 = TestCertificates.pem(pair);
            String body = pemBody(pkcs1);
            SECRETS.add(body.substring(70, 110));
            privatePems.add(pkcs1);
            // a private key under a public label, and in a certificate's clothes
            privatePems.add(pem("PUBLIC KEY", pkcs8));
            privatePems.add(pem("CERTIFICATE", pkcs8));
        }
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("suite-ec").keyUse(KeyUse.SIGNATURE).generate();
        privateJwks.add(ec.toJSONObject());
        publicJwks.add(ec.toPublicJWK().toJSONObject());
        SECRETS.add(fragment(ec.getD().toString()));
        String ecPkcs8 = Base64.getEncoder().encodeToString(ec.toPrivateKey().getEncoded());
        privatePems.add(pem("PRIVATE KEY", ecPkcs8));
        SECRETS.add(ecPkcs8.substring(40, 80));
        OctetSequenceKey oct = new OctetSequenceKeyGenerator(256).keyID("suite-oct").generate();
        privateJwks.add(oct.toJSONObject());
        SECRETS.add(fragment(oct.getKeyValue().toString()));
        List<byte[]> certificates = List.of(TestCertificates.seid2(TestData.ORG_A).der(),
                TestCertificates.seid1(TestData.ORG_A).der());
        keys = new KeyMaterial(privateJwks, publicJwks, privatePems, certificates);
        return keys;
    }

    /** The base64 of a PEM's last block, without its BEGIN/END lines and line breaks. */
    private static String pemBody(String pem) {
        String[] blocks = pem.split("-----BEGIN ");
        return blocks[blocks.length - 1].lines().filter(l -> !l.contains("-----") && !l.contains(":"))
                .reduce("", String::concat).strip();
    }

    private static String fragment(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40);
    }

    private static String pem(String label, String base64) {
        return "-----BEGIN " + label + "-----\n" + base64.replaceAll("(.{64})", "$1\n") + "\n-----END " + label
                + "-----\n";
    }

    // ---------------------------------------------------------------- the run

    /** The admin API, the token endpoint, paths and headers: bearer tokens, no session. */
    @Test
    @Order(1)
    void apiTokenEndpointPathsAndHeadersNeverAnswer5xx() throws Exception {
        TestData.ensure();
        LOG.infof("Bad-input suite: seed %d (-Dbadinput.seed=%d to repeat), %d requests", SEED, SEED, REQUESTS);
        KeyMaterial material = keys();
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        String client = ClientApiTest.create(TestData.ORG_A, ClientApiTest.maskinporten(
                ClientApiTest.grantedTo(TestData.ORG_A)));
        Grants.Registered tokenClient = Grants.client(TestData.ORG_B, scope);
        Malformed m = new Malformed(SEED);
        int total = REQUESTS * 3 / 4;
        List<RawHttp.Request> requests = new ArrayList<>();
        Routes routes = new Routes(scope, client, tokenClient.clientId());
        for (int i = 0; i < total; i++) {
            int kind = i % 20;
            requests.add(kind < 5 ? routes.apiJson(m)
                    : kind < 8 ? routes.jwks(m, material, false)
                    : kind < 12 ? routes.grant(m, tokenClient, material)
                    : kind < 14 ? routes.path(m)
                    : kind < 16 ? routes.query(m, false)
                    : routes.headers(m, false));
        }
        run(requests, value -> value.replace("$TOKEN", Tokens.of(TestData.ORG_A, ADMIN)));
    }

    /** The pages' forms, queries and headers as a logged-in person with a CSRF token. */
    @Test
    @Order(2)
    @TestSecurity(user = "anna")
    void pageFormsQueriesAndHeadersNeverAnswer5xx() throws Exception {
        TestData.ensure();
        KeyMaterial material = keys();
        String scope = TestScopes.ofA();
        String client = ClientApiTest.create(TestData.ORG_A, ClientApiTest.maskinporten(
                ClientApiTest.grantedTo(TestData.ORG_A)));
        PageSession session = new PageSession();
        session.open("/portal/scopes/new").then().statusCode(200);
        Malformed m = new Malformed(SEED + 1);
        Routes routes = new Routes(scope, client, "none");
        routes.csrfCookie = session.cookie();
        routes.csrfToken = session.token();
        int total = REQUESTS - REQUESTS * 3 / 4;
        List<RawHttp.Request> requests = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int kind = i % 10;
            requests.add(kind < 5 ? routes.form(m, material)
                    : kind < 7 ? routes.jwks(m, material, true)
                    : kind < 9 ? routes.query(m, true)
                    : routes.headers(m, true));
        }
        run(requests, value -> value.replace("$TOKEN", Tokens.of(TestData.ORG_A, ADMIN)));
    }

    @Test
    @Order(3)
    void noPrivateKeyMemberIsStoredLoggedOrEchoed() throws Exception {
        assertTrue(SENT.get() >= REQUESTS, "sent " + SENT.get() + " of " + REQUESTS + " requests");
        assertTrue(LOG_RECORDS.get() > 0, "the log capture saw nothing: it would not see a leak either");
        assertTrue(SECRETS.size() > 30, "private key fragments to look for: " + SECRETS.size());
        List<String> stored = new ArrayList<>();
        try (Connection c = database.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select table_schema, table_name, column_name from information_schema.columns
                    where table_schema not in ('pg_catalog', 'information_schema')
                    and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                    """)) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            assertTrue(columns.size() > 20, "text columns found: " + columns.size());
            Array fragments = c.createArrayOf("text", SECRETS.toArray());
            for (String[] col : columns) {
                String column = "x.\"" + col[2] + "\"";
                String text = "bytea".equals(type(c, col)) ? "encode(" + column + ", 'escape')" : column + "::text";
                try (PreparedStatement q = c.prepareStatement("select count(*) from \"" + col[0] + "\".\"" + col[1]
                        + "\" x where exists (select 1 from unnest(?::text[]) s where position(s in " + text
                        + ") > 0)")) {
                    q.setArray(1, fragments);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            stored.add(col[0] + "." + col[1] + "." + col[2] + ": " + rs.getLong(1) + " rows");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), stored, "private key material stored in the database");
        assertEquals(List.of(), new ArrayList<>(LEAKED_IN_LOG), "private key material in the log");
        assertEquals(List.of(), FAILURES, "private key material echoed in a response");
    }

    private static String type(Connection c, String[] col) throws java.sql.SQLException {
        try (PreparedStatement q = c.prepareStatement("select data_type from information_schema.columns "
                + "where table_schema = ? and table_name = ? and column_name = ?")) {
            q.setString(1, col[0]);
            q.setString(2, col[1]);
            q.setString(3, col[2]);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Sends everything over {@value #THREADS} connections at a time and fails listing every 5xx by route. */
    private static void run(List<RawHttp.Request> requests, java.util.function.UnaryOperator<String> values)
            throws Exception {
        RawHttp http = new RawHttp(RestAssured.port);
        long started = System.nanoTime();
        AtomicInteger unanswered = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        // one admin token per run of the suite's method, renewed before it expires (tokens live 2 minutes)
        String[] token = {values.apply("$TOKEN")};
        long[] tokenMade = {System.nanoTime()};
        java.util.function.UnaryOperator<String> fill = value -> {
            if (!value.contains("$TOKEN")) {
                return value;
            }
            synchronized (token) {
                if (System.nanoTime() - tokenMade[0] > TimeUnit.SECONDS.toNanos(60)) {
                    token[0] = values.apply("$TOKEN");
                    tokenMade[0] = System.nanoTime();
                }
                return value.replace("$TOKEN", token[0]);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (RawHttp.Request request : requests) {
                done.add(pool.submit(() -> {
                    try {
                        RawHttp.Response response = http.send(request, fill, request.secret());
                        SENT.incrementAndGet();
                        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.status() == 0) {
                            unanswered.incrementAndGet();
                        } else if (response.status() >= 500) {
                            SERVER_ERRORS.computeIfAbsent(response.status() + " " + request.label(),
                                    k -> Collections.synchronizedList(new ArrayList<>())).add(request.toString());
                        }
                        if (request.secret()) {
                            for (String secret : SECRETS) {
                                if (response.body().contains(secret)) {
                                    FAILURES.add(request.label() + " echoed a private key: " + request);
                                }
                            }
                        }
                    } catch (java.io.IOException e) {
                        SENT.incrementAndGet();
                        unanswered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        LOG.infof("Bad-input suite: %d requests in %d ms (seed %d), statuses %s, %d closed without an answer",
                requests.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), SEED,
                new TreeMap<>(statuses), unanswered.get());
        if (!SERVER_ERRORS.isEmpty()) {
            StringBuilder report = new StringBuilder("5xx answers (seed " + SEED + "), by status and route:\n");
            new TreeMap<>(SERVER_ERRORS).forEach((route, list) -> {
                report.append(String.format("  %s: %d, e.g.%n", route, list.size()));
                list.stream().limit(3).forEach(r -> report.append("      ").append(r).append('\n'));
            });
            SERVER_ERRORS.clear();
            throw new AssertionError(report.toString());
        }
    }

    // ---------------------------------------------------------------- what is sent where

    /** The routes and their malformed requests; {@code scope} and {@code client} are the run's own. */
    static final class Routes {

        private final String scope;
        private final String client;
        private final String tokenClient;
        String csrfCookie;
        String csrfToken;

        Routes(String scope, String client, String tokenClient) {
            this.scope = scope;
            this.client = client;
            this.tokenClient = tokenClient;
        }

        private static List<String[]> headers(String... pairs) {
            List<String[]> out = new ArrayList<>();
            for (int i = 0; i < pairs.length; i += 2) {
                out.add(new String[] {pairs[i], pairs[i + 1]});
            }
            return out;
        }

        private static String q(String value) {
            return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        /** JSON bodies for every write of the admin API. */
        RawHttp.Request apiJson(Malformed m) {
            Map<String, Object> scopeBody = new LinkedHashMap<>(Map.of("prefix", "alfa", "subscope",
                    "suite" + m.between(1, 1_000_000), "description", "Bad-input suite"));
            scopeBody.put("allowed_integration_types", List.of("maskinporten"));
            scopeBody.put("at_max_age", 60);
            scopeBody.put("authorization_max_lifetime", 120);
            scopeBody.put("accessible_for_all", false);
            scopeBody.put("visibility", "PUBLIC");
            scopeBody.put("token_type", "SELF_CONTAINED");
            scopeBody.put("long_description", "x");
            scopeBody.put("delegation_source", "https://tt02.altinn.no/");
            scopeBody.put("requires_user_consent", false);
            Map<String, Object> clientBody = new LinkedHashMap<>(ClientApiTest.maskinporten(scope));
            clientBody.put("access_token_lifetime", 120);
            clientBody.put("client_orgno", TestData.ORG_A);
            clientBody.put("application_type", "web");
            clientBody.put("redirect_uris", List.of("https://example.org/cb"));
            clientBody.put("client_uri", "https://example.org");
            Map<String, Object> delegation = new LinkedHashMap<>(Map.of("scope", scope, "supplier_orgno",
                    TestData.SUPPLIER, "consumer_orgno", TestData.ORG_A));
            delegation.put("delegation_source", "https://tt02.altinn.no/");
            String[] target = switch (m.random.nextInt(7)) {
                case 0 -> new String[] {"POST", "/api/v1/scopes", m.jsonBody(scopeBody)};
                case 1 -> new String[] {"PUT", "/api/v1/scopes?scope=" + q(scope), m.jsonBody(scopeBody)};
                case 2 -> new String[] {"POST", "/api/v1/clients", m.jsonBody(clientBody)};
                case 3 -> new String[] {"PUT", "/api/v1/clients/" + client, m.jsonBody(clientBody)};
                case 4 -> new String[] {"POST", "/api/v1/delegations", m.jsonBody(delegation)};
                case 5 -> new String[] {"PUT", "/api/v1/scopes/access/" + m.encoded(m.string()) + "?scope="
                        + q(scope), m.chance(0.5) ? "" : m.jsonBody(Map.of("consumer_orgno", TestData.ORG_B))};
                default -> new String[] {m.pickOf("POST", "PUT", "DELETE"), m.pickOf("/clients",
                        "/idporten-oidc-client/api/v1/clients", "/api/v1/scopes/prefix", "/api/v1/delegations/"
                                + m.number()), m.jsonBody(clientBody)};
            };
            String type = m.chance(0.92) ? "application/json" : m.pickOf("application/json; charset=latin1",
                    "application/json; charset=nonsense", "text/json", "application/merge-patch+json");
            return new RawHttp.Request("api " + target[0] + " " + target[1].replaceAll("\\?.*|/[^/]*%.*", ""),
                    target[0], target[1], headers("Authorization", "Bearer $TOKEN", "Content-Type", type),
                    target[2].getBytes(StandardCharsets.UTF_8), false);
        }

        /** Keys: private JWKs and PEM (which must never be kept), EC, short RSA, garbage, broken certificates. */
        RawHttp.Request jwks(Malformed m, KeyMaterial keys, boolean page) {
            byte[] body;
            String type = "application/json";
            boolean secret = false;
            switch (m.random.nextInt(12)) {
                case 0, 1 -> {
                    Map<String, Object> jwk = new LinkedHashMap<>(m.pick(keys.privateJwks()));
                    if (m.chance(0.5)) {
                        jwk.put(m.pickOf("kid", "use", "kty", "alg", "n", "e"), m.value(0));
                    }
                    body = Malformed.json(m.chance(0.5) ? Map.of("keys", List.of(m.pick(keys.publicJwks()), jwk))
                            : jwk).getBytes(StandardCharsets.UTF_8);
                    secret = true;
                }
                case 2 -> {
                    // a public JWK carrying one private member
                    Map<String, Object> jwk = new LinkedHashMap<>(m.pick(keys.publicJwks()));
                    Map<String, Object> full = keys.privateJwks().get(keys.publicJwks().indexOf(
                            keys.publicJwks().stream().filter(p -> p.get("kid").equals(jwk.get("kid"))).findFirst()
                                    .orElseThrow()));
                    String member = m.pickOf("d", "p", "q", "dp", "dq", "qi");
                    if (full.containsKey(member)) {
                        jwk.put(member, full.get(member));
                    }
                    body = Malformed.json(jwk).getBytes(StandardCharsets.UTF_8);
                    secret = true;
                }
                case 3, 4 -> {
                    String pem = m.pick(keys.privatePems());
                    byte[] raw = pem.getBytes(StandardCharsets.UTF_8);
                    body = m.chance(0.6) ? raw : m.damage(raw);
                    type = m.pickOf("application/x-pem-file", "text/plain", "application/octet-stream");
                    secret = true;
                }
                case 5 -> {
                    Map<String, Object> jwk = new LinkedHashMap<>(m.pick(keys.publicJwks()));
                    body = m.jsonBody(jwk).getBytes(StandardCharsets.UTF_8);
                }
                case 6, 7 -> {
                    byte[] der = m.pick(keys.certificates());
                    body = m.chance(0.3) ? nested(m) : m.damage(der);
                    type = m.pickOf("application/pkix-cert", "application/octet-stream", "application/x-x509-ca-cert");
                }
                case 8 -> {
                    byte[] der = m.chance(0.3) ? nested(m) : m.damage(m.pick(keys.certificates()));
                    String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                            + "\n-----END CERTIFICATE-----\n";
                    body = (m.chance(0.7) ? pem : new String(m.damage(pem.getBytes(StandardCharsets.UTF_8)),
                            StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
                    type = "application/x-pem-file";
                }
                case 9 -> {
                    Map<String, Object> jwk = new LinkedHashMap<>(m.pick(keys.publicJwks()));
                    byte[] der = m.chance(0.3) ? nested(m) : m.damage(m.pick(keys.certificates()));
                    jwk.put("x5c", m.chance(0.8) ? List.of(Base64.getEncoder().encodeToString(der)) : m.value(0));
                    body = Malformed.json(jwk).getBytes(StandardCharsets.UTF_8);
                }
                case 10 -> {
                    body = m.bytes(m.between(0, 4000));
                    type = m.pickOf("application/octet-stream", "application/json", "application/pkix-cert");
                }
                default -> body = Malformed.json(Collections.singletonMap("keys", m.value(0))).getBytes(StandardCharsets.UTF_8);
            }
            if (page) {
                String form = "csrf-token=" + q(csrfToken) + "&keys=" + q(new String(body, StandardCharsets.UTF_8));
                return new RawHttp.Request("page POST /portal/clients/keys", "POST", "/portal/clients/keys?client="
                        + client, headers("Content-Type", "application/x-www-form-urlencoded", "Cookie",
                                "csrf-token=" + csrfCookie), form.getBytes(StandardCharsets.UTF_8), secret);
            }
            String method = m.pickOf("POST", "PUT");
            String path = "/api/v1/clients/" + client + (m.chance(0.3) ? "/jwks/keys" : "/jwks");
            return new RawHttp.Request("api " + method + " " + path.replace(client, "{client}"), method, path,
                    headers("Authorization", "Bearer $TOKEN", "Content-Type", type), body, secret);
        }

        private static byte[] nested(Malformed m) {
            byte[] out = new byte[2 * m.between(1000, 30_000)];
            for (int i = 0; i < out.length; i += 2) {
                out[i] = 0x30;
                out[i + 1] = (byte) (m.chance(0.9) ? 0x80 : 0x82);
            }
            return out;
        }

        /** Grants at /token. */
        RawHttp.Request grant(Malformed m, Grants.Registered registered, KeyMaterial keys) throws JOSEException {
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("aud", Grants.issuer());
            claims.put("iss", tokenClient);
            claims.put("scope", scope);
            claims.put("iat", now);
            claims.put("exp", now + 60);
            claims.put("jti", "j" + m.random.nextLong());
            String header = Malformed.json(Map.of("alg", "RS256", "kid", registered.key().getKeyID()));
            String assertion;
            switch (m.random.nextInt(10)) {
                case 0, 1, 2 -> {
                    claims.put(m.pickOf("aud", "iss", "scope", "iat", "exp", "jti", "resource", "pid",
                            "consumer_org", "nbf", "sub", "authorization_details", "iss_onbehalfof"), m.value(0));
                    assertion = signed(header, Malformed.json(claims), registered.key());
                }
                case 3 -> assertion = b64(Malformed.json(Map.of("alg", "none"))) + "." + b64(Malformed.json(claims))
                        + ".";
                case 4 -> {
                    JWSObject hs = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(registered.key().getKeyID()).build(), new Payload(Malformed.json(claims)));
                    byte[] secretKey = m.chance(0.5) ? registered.key().toPublicJWK().toJSONString()
                            .getBytes(StandardCharsets.UTF_8) : pad(registered.key().toRSAPublicKey().getEncoded());
                    hs.sign(new MACSigner(secretKey));
                    assertion = hs.serialize();
                }
                case 5 -> {
                    String valid = signed(header, Malformed.json(claims), registered.key());
                    assertion = m.chance(0.5) ? valid.substring(0, m.random.nextInt(valid.length()))
                            : new String(m.damage(valid.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
                }
                case 6 -> {
                    claims.put(m.pickOf("scope", "resource", "jti"), "x".repeat(m.between(1000, 47_000)));
                    assertion = signed(header, Malformed.json(claims), registered.key());
                }
                case 7 -> {
                    Map<String, Object> h = new LinkedHashMap<>(Map.of("alg", "RS256", "kid",
                            registered.key().getKeyID()));
                    h.put(m.pickOf("alg", "kid", "x5c", "typ", "crit", "jwk", "b64", "zip"), m.value(0));
                    if (m.chance(0.3)) {
                        h.put("x5c", List.of(Base64.getEncoder().encodeToString(m.chance(0.5) ? nested(m)
                                : m.damage(m.pick(keys.certificates())))));
                        h.remove("kid");
                    }
                    assertion = signed(Malformed.json(h), Malformed.json(claims), registered.key());
                }
                case 8 -> assertion = signed(header, m.jsonBody(claims), registered.key());
                default -> assertion = m.string();
            }
            String form;
            if (m.chance(0.9)) {
                form = "grant_type=" + q("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + q(assertion);
            } else {
                form = m.pickOf("grant_type=" + m.encoded(m.string()) + "&assertion=" + q(assertion),
                        "assertion=" + q(assertion) + "&assertion=" + q(assertion) + "&grant_type="
                                + q("urn:ietf:params:oauth:grant-type:jwt-bearer"),
                        "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + m.encoded("%"),
                        "", "&&&==", "grant_type");
            }
            String path = m.chance(0.85) ? "/token" : "/sky/token";
            return new RawHttp.Request("token POST " + path, "POST", path, headers("Content-Type",
                    m.chance(0.95) ? "application/x-www-form-urlencoded" : m.pickOf("application/x-www-form-urlencoded; charset=nonsense",
                            "application/x-www-form-urlencoded; charset=ISO-8859-1")),
                    form.getBytes(StandardCharsets.ISO_8859_1), false);
        }

        private static byte[] pad(byte[] key) {
            return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
        }

        private static String b64(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        private static String signed(String header, String payload, RSAKey key) throws JOSEException {
            String input = b64(header) + "." + b64(payload);
            java.security.Signature rsa;
            try {
                rsa = java.security.Signature.getInstance("SHA256withRSA");
                rsa.initSign(key.toPrivateKey());
                rsa.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        private static final List<String> PATHS = List.of("/portal", "/portal/scopes", "/portal/scopes/new",
                "/portal/clients", "/portal/catalogue", "/portal/audit", "/portal/delegations", "/portal/prefixes",
                "/portal/orgs", "/portal/me", "/portal/lang/en", "/api/v1/scopes", "/api/v1/scopes/all",
                "/api/v1/clients", "/api/v1/scopes/access", "/api/v1/audit", "/api/v1/delegations", "/api/v1/prefix",
                "/api/v1/keys/expiring", "/token", "/jwk", "/.well-known/oauth-authorization-server",
                "/errors/MP-011", "/q/health", "/dev-login/authorize", "/dev-login/token", "/clients", "/scopes",
                "/external/api/v1/clients", "/sky/token", "/");

        /** Paths: dot segments, encodings, NUL, overlong segments, unicode, odd methods. */
        RawHttp.Request path(Malformed m) {
            String base = m.pick(PATHS);
            String path = switch (m.random.nextInt(14)) {
                case 0 -> base + "/../api/v1/scopes";
                case 1 -> base + "/%2e%2e/%2E%2E/api/v1/clients";
                case 2 -> base + "/%00";
                case 3 -> base + "/%zz";
                case 4 -> base + "/" + "a".repeat(m.between(300, 9000));
                case 5 -> base + "/" + m.encoded(m.string());
                case 6 -> base + "//" + m.pickOf("evil.example", "", "..", "./");
                case 7 -> base + ";jsessionid=1;a=%00";
                case 8 -> base + "/\u00e6\u00f8\u00e5/\u0000";
                case 9 -> base.replace("/", "\\");
                case 10 -> base + "/%c0%ae%c0%ae/%252e%252e/";
                case 11 -> base + "/" + m.number();
                case 12 -> base + "/" + scope + "/" + client;
                default -> base + "#" + m.string();
            };
            String method = m.pickOf("GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
                    "PROPFIND", "get");
            List<String[]> headers = m.chance(0.5) ? headers("Authorization", "Bearer $TOKEN") : new ArrayList<>();
            return new RawHttp.Request("path " + method + " " + base, method, path, headers,
                    "GET".equals(method) || "HEAD".equals(method) ? null : new byte[0], false);
        }

        private static final List<String> QUERIES = List.of("/portal/catalogue?q=%s&page=%s",
                "/portal/audit?scope=%s&page=%s", "/portal/scopes/access?scope=" + "%s&q=%s&page=1",
                "/portal/scopes/view?scope=%s&x=%s", "/portal/clients/view?client=%s&x=%s",
                "/portal/clients/keys?client=%s&x=%s", "/portal/clients/new/scopes?client_orgno=%s&integration_type=%s",
                "/portal/orgs?q=%s&page=%s", "/portal/scopes/access/import?scope=%s&x=%s", "/api/v1/audit?scope=%s&size=%s",
                "/api/v1/scopes?scope=%s&inactive=%s", "/api/v1/scopes/access?scope=%s&consumer_orgno=%s",
                "/api/v1/scopes/access/all?inactive=%s&integration_type=%s", "/api/v1/clients?client_orgno=%s&x=%s",
                "/api/v1/keys/expiring?days=%s&x=%s", "/api/v1/delegations?scope=%s&supplier_orgno=%s",
                "/api/v1/audit?page=%s&size=%s", "/api/v1/scopes/all?inactive=%s&integration_type=%s");

        /** Query parameters: huge and negative numbers, broken encodings, NUL, repeats. */
        RawHttp.Request query(Malformed m, boolean page) {
            String template = m.pick(page ? QUERIES.stream().filter(t -> t.startsWith("/portal")).toList()
                    : QUERIES.stream().filter(t -> t.startsWith("/api")).toList());
            String first = m.chance(0.3) ? q(scope) : m.chance(0.5) ? m.encoded(m.string()) : m.number();
            String second = m.chance(0.6) ? m.encoded(m.number()) : m.encoded(m.string());
            String target = String.format(template, first, second);
            if (m.chance(0.2)) {
                target += "&page=" + m.number() + "&page=" + m.number();
            }
            List<String[]> headers = page ? new ArrayList<>() : headers("Authorization", "Bearer $TOKEN");
            if (page && m.chance(0.3)) {
                headers.add(new String[] {"HX-Request", "true"});
            }
            return new RawHttp.Request("query GET " + template.replaceAll("\\?.*", ""), "GET", target, headers, null,
                    false);
        }

        /** Headers: languages, referers, credentials, cookies, content types, ETags, proxies, sizes. */
        RawHttp.Request headers(Malformed m, boolean page) {
            String path = page ? m.pickOf("/portal", "/portal/scopes", "/portal/lang/en", "/portal/lang/nb",
                    "/portal/catalogue", "/portal/clients/view?client=" + client)
                    : m.pickOf("/api/v1/scopes", "/api/v1/clients/" + client, "/token", "/dev-login/token",
                            "/portal/lang/en", "/jwk", "/api/v1/scopes/access?scope=" + q(scope));
            List<String[]> headers = new ArrayList<>();
            String method = path.contains("token") ? "POST" : m.chance(0.8) ? "GET" : "PUT";
            if (!page && !path.contains("token") && m.chance(0.6)) {
                headers.add(new String[] {"Authorization", "Bearer $TOKEN"});
            }
            for (int i = m.between(1, 3); i > 0; i--) {
                headers.add(switch (m.random.nextInt(12)) {
                    case 0 -> new String[] {"Accept-Language", m.pickOf("en;q=abc", "!!!", "en-US;q=2", "*;q=-1",
                            ";;;", "x".repeat(m.between(100, 6000)), "nb,,en", "en-\u00e6", m.string())};
                    case 1 -> new String[] {"Referer", m.pickOf("http://[::1", "%%%", "//evil.example/portal",
                            "https://evil.example/portal", "/portal/\u0000", "javascript:alert(1)", m.string())};
                    case 2 -> new String[] {"Authorization", m.pickOf("Basic !!!", "Basic ", "Basic",
                            "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
                            "Bearer", "Bearer ", "Bearer a.b.c", "Bearer $TOKEN$TOKEN", "Bearer " + m.string(),
                            "Digest x", "Bearer " + "e".repeat(m.between(100, 7000)))};
                    case 3 -> new String[] {"Cookie", m.pickOf("portal-org=" + m.number(), "portal-org=991825827",
                            "csrf-token=" + m.string(), "portal-lang=" + m.string(), "q_session=garbage",
                            "q_session=" + "a".repeat(5000), "=;;=", "portal-org=%00")};
                    case 4 -> new String[] {"Content-Type", m.pickOf("application/json; charset=\"", "multipart/form-data",
                            "application/x-www-form-urlencoded; boundary=", "*/*", "text/plain", "", ";;;")};
                    case 5 -> new String[] {"If-Match", m.pickOf("*", "\"", "W/\"1\"", "\"" + m.number() + "\"",
                            m.string())};
                    case 6 -> new String[] {"X-Forwarded-For", m.pickOf("999.999.1.1", "", m.string())};
                    case 7 -> new String[] {"X-Forwarded-Host", m.pickOf("evil.example", "", "a:b:c")};
                    case 8 -> new String[] {"Accept", m.pickOf("application/json;q=x", "*/*;q=2", "text/html;;", "",
                            m.string())};
                    case 9 -> new String[] {"HX-Request", m.pickOf("true", "TRUE", "1", "", m.string())};
                    case 10 -> new String[] {"X-CSRF-TOKEN", m.pickOf("", m.string(), csrfToken == null ? "x" : csrfToken)};
                    default -> new String[] {"X-" + m.between(0, 999), "v".repeat(m.between(1, 20_000))};
                });
            }
            byte[] body = "GET".equals(method) ? null : m.jsonBody(Map.of("description", "x"))
                    .getBytes(StandardCharsets.UTF_8);
            return new RawHttp.Request("header " + method + " " + path.replaceAll("\\?.*", "").replace(client,
                    "{client}"), method, path, headers, body, false);
        }

        /** The pages' forms, with the CSRF cookie and token, field values broken. */
        RawHttp.Request form(Malformed m, KeyMaterial keys) {
            List<String> scopeFields = List.of("prefix", "subscope", "description", "long_description",
                    "description_en", "description_nn", "visibility", "token_type", "accessible_for_all",
                    "allowed_integration_types", "at_max_age", "authorization_max_lifetime", "requires_user_consent",
                    "delegation_source", "enforced_aud_for_access_token", "version");
            List<String> clientFields = List.of("integration_type", "client_orgno", "client_name", "description",
                    "scopes", "access_token_lifetime", "client_uri", "application_type", "token_endpoint_auth_method",
                    "redirect_uris", "version");
            String[] route = switch (m.random.nextInt(16)) {
                case 0, 1 -> new String[] {"/portal/scopes", "scope"};
                case 2 -> new String[] {"/portal/scopes/view?scope=" + q(scope), "scope"};
                case 3, 4 -> new String[] {"/portal/clients", "client"};
                case 5 -> new String[] {"/portal/clients/view?client=" + client, "client"};
                case 6 -> new String[] {"/portal/scopes/access?scope=" + q(scope), "consumer_orgno"};
                case 7 -> new String[] {"/portal/scopes/access/remove?scope=" + q(scope), "consumer_orgno"};
                case 8 -> new String[] {"/portal/scopes/access/import?scope=" + q(scope), "consumers"};
                case 9 -> new String[] {"/portal/scopes/access/import/confirm?scope=" + m.encoded(m.string()),
                    "consumers"};
                case 10 -> new String[] {"/portal/delegations", "scope,supplier_orgno"};
                case 11 -> new String[] {"/portal/delegations/" + m.encoded(m.number()) + "/withdraw", "x"};
                case 12 -> new String[] {"/portal/clients/keys/remove?client=" + client, "kid"};
                case 13 -> new String[] {"/portal/prefixes", "prefix,reason"};
                case 14 -> new String[] {"/portal/organisation", "orgno"};
                default -> new String[] {m.pickOf("/portal/scopes/deactivate?scope=", "/portal/scopes/reactivate?scope=",
                        "/portal/clients/secret?client=", "/portal/clients/deactivate?client=",
                        "/portal/prefixes/requests/" + m.encoded(m.number()) + "/approve?x=")
                        + m.encoded(m.string()), "x"};
            };
            List<String> fields = "scope".equals(route[1]) ? scopeFields : "client".equals(route[1]) ? clientFields
                    : List.of(route[1].split(","));
            StringBuilder form = new StringBuilder("csrf-token=").append(q(csrfToken));
            for (String field : fields) {
                if (m.chance(0.25)) {
                    continue;
                }
                String value = m.chance(0.5) ? m.string() : m.chance(0.5) ? m.number() : "consumers".equals(field)
                        ? "991825827\n" + m.string() + "\n" + m.number() : scope;
                form.append('&').append(field).append('=').append(m.encoded(value));
                if (m.chance(0.1)) {
                    form.append('&').append(field).append('=').append(m.encoded(m.string()));
                }
            }
            if (m.chance(0.05)) {
                form.append("&keys=").append(q(m.pick(keys.privatePems())));
            }
            List<String[]> headers = headers("Content-Type", "application/x-www-form-urlencoded", "Cookie",
                    "csrf-token=" + csrfCookie);
            if (m.chance(0.3)) {
                headers.add(new String[] {"HX-Request", "true"});
                headers.add(new String[] {"X-CSRF-TOKEN", csrfToken});
            }
            String label = route[0].replaceAll("\\?.*", "").replaceAll("/delegations/[^/]*/", "/delegations/{id}/")
                    .replaceAll("/requests/[^/]*/", "/requests/{id}/");
            return new RawHttp.Request("page POST " + label, "POST", route[0], headers,
                    form.toString().getBytes(StandardCharsets.UTF_8), form.indexOf("&keys=") >= 0);
        }
    }
}
