package no.samarbeidsportal.access;

import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.Test;

/**
 * The access-list page at the size issue 15 names (README "The organisation register", Speed): a scope with 10,000
 * access entries, every organisation on it in the register copy (one in ten deleted, bankrupt or liquidating; a few
 * named in the portal's own table too), and the provider's page asked for over real HTTP, logged in, again and again;
 * p95 must stay at or below 50 ms. Prints and writes {@code target/bench-register/access-results.md}.
 *
 * <p>Not a test (its name ends in neither Test nor IT, so {@code verify} never runs it). Run it with the register
 * benchmark: {@code ./mvnw -o -Pbench-register process-test-classes}, or alone with {@code ./mvnw -o test
 * -Dtest=AccessListBenchmark}. {@code bench.access.entries} (10000) and {@code bench.access.requests} (100) and {@code bench.access.warmup} (300) change it.
 */
@QuarkusTest
class AccessListBenchmark {

    private static final String[] STATUSES = {"DELETED", "BANKRUPT", "UNDER_LIQUIDATION", "UNDER_FORCED_LIQUIDATION"};

    @Inject
    DataSource dataSource;

    @Test
    @TestSecurity(user = "anna")
    void accessListPageOf10000Entries() throws Exception {
        int size = Integer.getInteger("bench.access.entries", 10_000);
        int requests = Integer.getInteger("bench.access.requests", 100);
        // the JIT compiles the page's code only after some hundreds of requests; measured before, it is the compiler
        int warmUp = Integer.getInteger("bench.access.warmup", 300);
        TestData.ensure();
        String scope = TestScopes.createInA(TestScopes.unique("bench"), Map.of());
        List<String> orgnos = seed(scope, size);
        // the same page of a scope with ten entries: what the page costs on this machine whatever the list's size
        String small = TestScopes.createInA(TestScopes.unique("bench"), Map.of());
        seed(small, 10);

        String first = "/portal/scopes/access?scope=" + scope;
        String middle = first + "&page=" + (size / AccessQuery.PAGE_SIZE / 2);
        String search = first + "&q=" + orgnos.get(size / 3).substring(0, 6);
        RestAssured.given().get(first).then().statusCode(200).body(containsString(scope));
        StringBuilder table = new StringBuilder();
        for (String[] page : List.of(new String[] {"a 10-entry scope (baseline: the page whatever the list)",
                    "/portal/scopes/access?scope=" + small}, new String[] {"%size entries, first page", first}, new String[] {"%size entries, a page in the middle", middle},
                new String[] {"%size entries, search on a number", search}, new String[] {"%size entries, htmx swap of the first page's entries",
                    first})) {
            boolean htmx = page[0].contains("htmx");
            for (int i = 0; i < warmUp; i++) {
                get(page[1], htmx);
            }
            long[] millis = new long[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                get(page[1], htmx);
                millis[i] = System.nanoTime() - start;
            }
            Arrays.sort(millis);
            String line = String.format("| access-list page: %s | p95 ≤ 50 ms | p50 %.1f ms, p95 %.1f ms, "
                    + "p99 %.1f ms (%d requests) | load average %s |%n", page[0].replace("%size", String.format("%,d", size)), millis[requests / 2] / 1e6,
                    millis[(int) (requests * 0.95)] / 1e6, millis[(int) (requests * 0.99)] / 1e6, requests,
                    loadAverage());
            System.out.print(line);
            table.append(line);
        }
        Path folder = Path.of("target/bench-register");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("access-results.md"), table.toString());
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** One GET with the JDK's client: RestAssured's own cost per request (parsing, logging set-up) is not the page's. */
    private static void get(String path, boolean htmx) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(RestAssured.baseURI + ":"
                + RestAssured.port + path)).GET();
        if (htmx) {
            request.header("HX-Request", "true").header("HX-Target", "entries");
        }
        var response = HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
    }

    /** 10,000 approved entries (and 1,000 removed ones) in the scope, every organisation in the register copy. */
    private List<String> seed(String scope, int size) throws SQLException {
        List<String> orgnos = new ArrayList<>(size);
        for (int base = 40_000_000; orgnos.size() < size * 11 / 10; base++) {
            String number = withCheckDigit(base);
            if (number != null) {
                orgnos.add(number);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement access = c.prepareStatement("insert into scope_access (scope_id, consumer_orgno, "
                    + "state) select id, ?, ? from scope where name = ? on conflict do nothing");
                    PreparedStatement unit = c.prepareStatement("insert into register_unit (orgno, name, org_form, "
                            + "status, deleted_on, kind) values (?, ?, 'AS', ?, ?, 'ENHET') on conflict do nothing");
                    PreparedStatement named = c.prepareStatement("insert into organisation (orgno, name) values (?, ?) "
                            + "on conflict do nothing")) {
                for (int i = 0; i < orgnos.size(); i++) {
                    String orgno = orgnos.get(i);
                    access.setString(1, orgno);
                    access.setString(2, i < size ? "APPROVED" : "DENIED");
                    access.setString(3, scope);
                    access.addBatch();
                    String status = i % 10 == 0 ? STATUSES[(i / 10) % STATUSES.length] : "ACTIVE";
                    unit.setString(1, orgno);
                    unit.setString(2, "BENK " + i + " AS");
                    unit.setString(3, status);
                    unit.setObject(4, status.equals("DELETED") ? java.sql.Date.valueOf("2030-01-01") : null,
                            java.sql.Types.DATE);
                    unit.addBatch();
                    if (i % 100 == 0) {
                        named.setString(1, orgno);
                        named.setString(2, "Benk " + i + " AS");
                        named.addBatch();
                    }
                }
                access.executeBatch();
                unit.executeBatch();
                named.executeBatch();
            }
            c.commit();
            try (var s = c.createStatement()) {
                s.execute("analyze scope_access");
                s.execute("analyze register_unit");
                s.execute("analyze organisation");
            }
            c.commit();
        }
        return orgnos.subList(0, size);
    }

    /** The number with its MOD11 check digit, or null for a base that has none. */
    private static String withCheckDigit(int base) {
        String digits = String.format("%08d", base);
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return null;
        }
        return digits + (check == 11 ? 0 : check);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
