package no.samarbeidsportal.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Scale benchmark at ten times national volume, over real HTTP against the packaged app.
 *
 * <p>Not a test (the name ends in neither Test nor IT, so surefire and failsafe never pick it up). Run with
 * {@code ./mvnw -o -Pbench package -DskipTests}: the {@code bench} profile starts this class after the Quarkus build.
 * It starts {@code target/quarkus-app/quarkus-run.jar} as a child process with a fresh embedded PostgreSQL under
 * {@code target/bench/}, seeds 10,000 organisations, 5,000 scopes and 200,000 access entries straight into the
 * database (COPY), logs in through the demo login, warms up, and measures sequential requests with one keep-alive
 * client. Results are printed as a Markdown table and written to {@code target/bench/results.md}.
 *
 * <p>System properties: {@code bench.requests} (default 1000), {@code bench.warmup} (200), {@code bench.imports}
 * (5), {@code bench.jar}, {@code bench.keep-db} (keep the seeded database under {@code target/bench/run-*}).
 */
public final class ScaleBenchmark {

    static final int ORGANISATIONS = 10_000;
    static final int PROVIDERS = 100;
    static final int SCOPES = 5_000;
    static final int ACCESS_ENTRIES = 200_000;
    static final int IMPORT_ROWS = 10_000;
    static final String SUBJECT = "bench.admin";

    static final String BIG_SCOPE = "prov000:api0000";
    static final String TYPICAL_SCOPE = "prov000:api0001";

    static final String[] PLACES = {"Nordfjord", "Vestland", "Agder", "Trøndelag", "Finnmark", "Romsdal", "Hedmark",
        "Lofoten", "Hardanger", "Telemark", "Valdres", "Sunnmøre", "Helgeland", "Østfold", "Jæren", "Gudbrandsdal"};
    static final String[] TRADES = {"Bygg", "Regnskap", "Transport", "Fisk", "Data", "Helse", "Energi", "Eiendom",
        "Handel", "Rådgivning", "Maskin", "Skog", "Forsikring", "Bank", "Reise", "Media", "Elektro", "Kraft"};
    static final String[] FORMS = {"AS", "AS", "AS", "ASA", "SA", "ENK", "IKS", "KF"};
    static final String[] TOPICS = {"skatt", "helse", "folkeregister", "eiendom", "kjøretøy", "arbeidsforhold",
        "tilskudd", "fiskeri", "toll", "pensjon", "trygd", "utdanning", "landbruk", "energi", "miljø", "statistikk",
        "kart", "regnskap", "lønn", "barnehage"};

    private final int requests = Integer.getInteger("bench.requests", 1000);
    private final int warmup = Integer.getInteger("bench.warmup", 200);
    private final int imports = Integer.getInteger("bench.imports", 5);
    private final Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
    private final Path dir = Path.of("target", "bench");

    private PackagedApp packaged;
    private String base;
    private String jdbcUrl;
    private final List<String> orgnos = new ArrayList<>();
    private final List<String> importNumbers = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ScaleBenchmark bench = new ScaleBenchmark();
        Thread hook = new Thread(bench::stopApp, "bench-stop-app");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bench.run();
        } finally {
            bench.stopApp();
            if (bench.packaged != null) {
                // the seeded database is ~200 MB: gone after the run unless -Dbench.keep-db=true (the log stays)
                bench.packaged.deleteDatabase(Boolean.getBoolean("bench.keep-db"));
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: run ./mvnw -o package -DskipTests first");
        }
        startApp();
        long t0 = System.nanoTime();
        seed();
        log("seeded in %.1f s", (System.nanoTime() - t0) / 1e9);

        HttpClient anonymous = client(null);
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient session = client(cookies);
        login(session);
        String token = token(orgnos.get(0), "idporten:scopes.read");

        String big = enc(BIG_SCOPE);
        String typical = enc(TYPICAL_SCOPE);
        Map<String, Supplier<HttpRequest>> endpoints = new LinkedHashMap<>();
        endpoints.put("Page: access list, typical scope (38 entries)",
                get("/portal/scopes/access?scope=" + typical));
        endpoints.put("Page: access list, big scope (10,000 entries), first page",
                get("/portal/scopes/access?scope=" + big));
        endpoints.put("Page: access list, big scope, search `q=fjord`",
                get("/portal/scopes/access?scope=" + big + "&q=fjord"));
        endpoints.put("Page: access list, big scope, search by number `q=9100`",
                get("/portal/scopes/access?scope=" + big + "&q=9100"));
        endpoints.put("Page: catalogue (public), first page", get("/portal/catalogue"));
        endpoints.put("Page: catalogue, search `q=skatt`", get("/portal/catalogue?q=skatt"));
        endpoints.put("API: `GET /api/v1/scopes/all` (public)", get("/api/v1/scopes/all"));
        endpoints.put("API: `GET /api/v1/scopes/access`, typical scope",
                bearer("/api/v1/scopes/access?scope=" + typical, token));
        endpoints.put("API: `GET /api/v1/scopes/access`, big scope (10,000)",
                bearer("/api/v1/scopes/access?scope=" + big, token));

        for (var e : endpoints.entrySet()) {
            HttpClient c = e.getKey().startsWith("Page: access") ? session : anonymous;
            long[] sample = measure(c, e.getValue(), warmup, requests);
            report(e.getKey(), sample, lastSize);
        }
        try {
            measureImports(session);
        } catch (IllegalStateException e) {
            log("bulk import failed: %s", e.getMessage());
            rows.add("| Import 10,000 rows | – | failed: " + e.getMessage().replace('|', '/').lines().findFirst()
                    .orElse("").replaceAll("answered (\\d+).*", "answered $1") + " | | | | |");
        }
        printResults();
    }

    // ------------------------------------------------------------------ app lifecycle

    private void startApp() throws Exception {
        String jvm = System.getProperty("bench.app-jvm", "").trim();
        packaged = PackagedApp.start(jar, dir, jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")),
                line -> log("%s", line));
        base = packaged.base();
        jdbcUrl = packaged.jdbcUrl();
    }

    private void stopApp() {
        if (packaged != null) {
            packaged.stop();
        }
    }

    /** A valid organisation number from an 8-digit base, or null where the check digit would be 10 (skipped). */
    static String orgno(int base8) {
        String digits = String.format("%08d", base8);
        int[] w = {3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * w[i];
        }
        int r = sum % 11;
        if (r == 1) {
            return null;
        }
        return digits + (r == 0 ? 0 : 11 - r);
    }

    static List<String> orgnos(int from, int count) {
        List<String> list = new ArrayList<>(count);
        for (int b = from; list.size() < count; b++) {
            String n = orgno(b);
            if (n != null) {
                list.add(n);
            }
        }
        return list;
    }

    private void seed() throws SQLException, IOException {
        orgnos.addAll(orgnos(91_000_000, ORGANISATIONS));
        importNumbers.addAll(orgnos(81_000_000, IMPORT_ROWS)); // valid, on no list and not in the registry
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            db.setAutoCommit(false);
            var copy = db.unwrap(PGConnection.class).getCopyAPI();

            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < orgnos.size(); i++) {
                sb.append(orgnos.get(i)).append('\t').append(orgName(i)).append('\n');
            }
            copy.copyIn("copy organisation (orgno, name) from stdin", new StringReader(sb.toString()));

            sb.setLength(0);
            for (int p = 0; p < PROVIDERS; p++) {
                sb.append(prefix(p)).append('\t').append(orgnos.get(p)).append('\n');
            }
            copy.copyIn("copy scope_prefix (prefix, orgno) from stdin", new StringReader(sb.toString()));

            // 5,000 scopes, 50 per provider; 90 % PUBLIC, 2 % inactive; a fifth limited to Maskinporten
            sb.setLength(0);
            int perProvider = SCOPES / PROVIDERS;
            for (int s = 0; s < SCOPES; s++) {
                int p = s / perProvider;
                String sub = String.format("api%04d", s % perProvider);
                String visibility = s % 20 == 7 ? "PRIVATE" : s % 20 == 13 ? "INTERNAL" : "PUBLIC";
                boolean active = s % 50 != 49;
                String types = s % 5 == 3 ? "[\"maskinporten\"]" : "[]";
                String description = "Tilgang til " + TOPICS[s % TOPICS.length] + "data fra " + orgName(p)
                        + " (tjeneste " + (s % perProvider) + ")";
                sb.append(prefix(p)).append(':').append(sub).append('\t').append(prefix(p)).append('\t').append(sub)
                        .append('\t').append(orgnos.get(p)).append('\t').append(description).append('\t')
                        .append(visibility).append('\t').append(active ? 't' : 'f').append('\t')
                        .append(s % 10 == 0 ? 't' : 'f').append('\t').append(types).append('\n');
            }
            copy.copyIn("copy scope (name, prefix, subscope, owner_orgno, description, visibility, active, "
                    + "accessible_for_all, allowed_integration_types) from stdin", new StringReader(sb.toString()));

            Map<String, Long> ids = new LinkedHashMap<>();
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select name, id from scope")) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            // the big scope: every organisation; the other 200,000 - 10,000 spread evenly over the other scopes
            sb.setLength(0);
            long bigId = ids.get(BIG_SCOPE);
            for (int i = 0; i < ORGANISATIONS; i++) {
                sb.append(bigId).append('\t').append(orgnos.get(i)).append('\t').append(state(i)).append('\n');
            }
            List<Long> others = ids.entrySet().stream().filter(e -> !e.getKey().equals(BIG_SCOPE))
                    .map(Map.Entry::getValue).sorted().toList();
            int rest = ACCESS_ENTRIES - ORGANISATIONS;
            for (int k = 0; k < rest; k++) {
                int s = k % others.size();
                int j = k / others.size(); // the j-th consumer of scope s; 263 is coprime with 10,000: no repeats
                int consumer = (int) ((s * 97L + j * 263L) % ORGANISATIONS);
                sb.append(others.get(s)).append('\t').append(orgnos.get(consumer)).append('\t').append(state(k))
                        .append('\n');
            }
            copy.copyIn("copy scope_access (scope_id, consumer_orgno, state) from stdin",
                    new StringReader(sb.toString()));

            try (PreparedStatement person = db.prepareStatement(
                    "insert into person (subject, name) values (?, 'Bench Admin') returning id")) {
                person.setString(1, SUBJECT);
                try (ResultSet rs = person.executeQuery()) {
                    rs.next();
                    try (PreparedStatement m = db.prepareStatement("insert into membership (person_id, orgno, role, "
                            + "granted_by) values (?, ?, 'API_ADMIN', 'bench')")) {
                        m.setLong(1, rs.getLong(1));
                        m.setString(2, orgnos.get(0));
                        m.executeUpdate();
                    }
                }
            }
            db.commit();
            db.setAutoCommit(true);
            try (Statement st = db.createStatement()) {
                st.execute("vacuum analyze"); // what autovacuum would have done on a long-running database
                try (ResultSet rs = st.executeQuery("select (select count(*) from organisation), "
                        + "(select count(*) from scope), (select count(*) from scope where visibility = 'PUBLIC' "
                        + "and active), (select count(*) from scope_access), (select count(*) from scope_access "
                        + "where scope_id = " + bigId + ")")) {
                    rs.next();
                    log("seeded: %d organisations, %d scopes (%d active PUBLIC), %d access entries (%d on %s)",
                            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), BIG_SCOPE);
                }
            }
        }
    }

    private static String prefix(int p) {
        return String.format("prov%03d", p);
    }

    private static String orgName(int i) {
        return PLACES[i % PLACES.length] + " " + TRADES[(i / PLACES.length) % TRADES.length] + " "
                + (i / (PLACES.length * TRADES.length) + 1) + " " + FORMS[i % FORMS.length];
    }

    private static String state(int i) {
        return i % 25 == 24 ? "DENIED" : i % 100 == 42 ? "REQUESTED" : "APPROVED";
    }

    // ------------------------------------------------------------------ HTTP

    private static HttpClient client(CookieManager cookies) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            b.cookieHandler(cookies);
        }
        return b.build();
    }

    private Supplier<HttpRequest> get(String path) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*").build();
        return () -> r;
    }

    private Supplier<HttpRequest> bearer(String path, String token) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).build();
        return () -> r;
    }

    private void login(HttpClient c) throws Exception {
        var first = c.send(HttpRequest.newBuilder(URI.create(base + "/portal")).build(),
                HttpResponse.BodyHandlers.discarding());
        String authorize = first.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("GET /portal did not redirect to the login: " + first.statusCode()));
        String form = c.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String body = formBody(Map.of("csrf-token", field(form, "csrf-token"), "client_id", "samarbeidsportal",
                "redirect_uri", field(form, "redirect_uri"), "state", field(form, "state"), "subject", SUBJECT));
        var posted = c.send(HttpRequest.newBuilder(URI.create(base + "/dev-login/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        String callback = posted.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("the login form answered " + posted.statusCode()));
        var done = c.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.discarding());
        if (done.statusCode() / 100 != 3) {
            throw new IllegalStateException("the login callback answered " + done.statusCode());
        }
        var check = c.send(HttpRequest.newBuilder(URI.create(base + "/portal/scopes/access?scope="
                + enc(TYPICAL_SCOPE))).build(), HttpResponse.BodyHandlers.ofString());
        if (check.statusCode() != 200) {
            throw new IllegalStateException("logged in, but the access page answered " + check.statusCode());
        }
        log("logged in as %s", SUBJECT);
    }

    private String token(String orgno, String scopes) throws Exception {
        return packaged.adminToken(orgno, scopes, Duration.ofHours(2));
    }

    private int lastSize;

    private long[] measure(HttpClient c, Supplier<HttpRequest> request, int warm, int n) throws Exception {
        for (int i = 0; i < warm; i++) {
            sendCounting(c, request.get());
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            lastSize = sendCounting(c, request.get());
            nanos[i] = System.nanoTime() - t;
        }
        return nanos;
    }

    private final byte[] buffer = new byte[64 * 1024];

    /** Reads the whole body into a reused buffer (the client should allocate little: it shares the 2 cores). */
    private int sendCounting(HttpClient c, HttpRequest r) throws Exception {
        HttpResponse<java.io.InputStream> response = c.send(r, HttpResponse.BodyHandlers.ofInputStream());
        int size = 0;
        try (java.io.InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(r.method() + " " + r.uri() + " answered " + response.statusCode()
                        + ": " + new String(in.readNBytes(500), StandardCharsets.UTF_8));
            }
            for (int k; (k = in.read(buffer)) >= 0; ) {
                size += k;
            }
        }
        return size;
    }

    private static HttpResponse<byte[]> send(HttpClient c, HttpRequest r, int expected) throws Exception {
        HttpResponse<byte[]> response = c.send(r, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(r.method() + " " + r.uri() + " answered " + response.statusCode()
                    + " (expected " + expected + "): "
                    + new String(response.body(), StandardCharsets.UTF_8).lines().limit(5).toList());
        }
        return response;
    }

    private void measureImports(HttpClient session) throws Exception {
        String consumers = String.join("\n", importNumbers);
        long[] dry = new long[imports];
        long[] confirm = new long[imports];
        int dryBytes = 0;
        // one unmeasured round first (into a scope of its own), for the JIT, like the other warm-ups
        for (int round = -1; round < imports; round++) {
            String scope = String.format("prov000:api%04d", 10 + round + 1); // typical scopes, 38 entries each
            String path = "/portal/scopes/access/import?scope=" + enc(scope);
            String csrf = field(new String(send(session, HttpRequest.newBuilder(URI.create(base + path)).build(),
                    200).body(), StandardCharsets.UTF_8), "csrf-token");
            String body = formBody(Map.of("csrf-token", csrf, "consumers", consumers));

            long t = System.nanoTime();
            HttpResponse<byte[]> report = send(session, post(path, body), 200);
            long dryNanos = System.nanoTime() - t;
            String html = new String(report.body(), StandardCharsets.UTF_8);
            if (!html.contains("import/confirm")) {
                throw new IllegalStateException("the dry run offered nothing to confirm");
            }

            t = System.nanoTime();
            send(session, post("/portal/scopes/access/import/confirm?scope=" + enc(scope), body), 303);
            long confirmNanos = System.nanoTime() - t;
            if (round >= 0) {
                dry[round] = dryNanos;
                confirm[round] = confirmNanos;
                dryBytes = report.body().length;
            }
            log("import round %d into %s: dry run %.0f ms, confirm %.0f ms", round, scope, dryNanos / 1e6,
                    confirmNanos / 1e6);
        }
        checkImported();
        report("Import 10,000 rows: dry run (`POST …/import`, 200 report)", dry, dryBytes);
        report("Import 10,000 rows: confirm (`POST …/import/confirm`, 303)", confirm, 0);
    }

    private void checkImported() throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from scope_access a join scope s on s.id = a.scope_id "
                        + "where s.name = 'prov000:api0010' and a.state = 'APPROVED'")) {
            rs.next();
            log("prov000:api0010 now has %d approved entries", rs.getLong(1));
        }
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\"\\s+value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no form field " + name);
        }
        return m.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }

    private static String formBody(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ results

    private void report(String name, long[] nanos, int bytes) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1e6;
        String row = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |", name, s.length,
                pct(s, 50), pct(s, 95), pct(s, 99), s[s.length - 1] / 1e6, bytes == 0 ? "–" : kb(bytes));
        rows.add(row);
        log("%s  (mean %.1f ms)", row, mean);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static String kb(int bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }

    private void printResults() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d organisations, %d scopes, %d access entries; %d sequential "
                + "requests per row after %d warm-up requests (imports: %d runs after 1 warm-up); %d cores, Java %s%n%n",
                ORGANISATIONS, SCOPES, ACCESS_ENTRIES, requests, warmup, imports,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        md.append("| Request | n | p50 ms | p95 ms | p99 ms | max ms | response |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        Files.writeString(dir.resolve("results.md"), md);
        System.out.println();
        System.out.println(md);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
