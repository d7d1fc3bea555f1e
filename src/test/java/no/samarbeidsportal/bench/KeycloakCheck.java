package no.samarbeidsportal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A quick check of {@link KeycloakServer} (not a test): starts it, sends {@code bench.keycloak.check-requests} (200)
 * client_credentials requests from 8 threads, each must get a 200 with an access token; a replayed assertion must be
 * refused; prints the rough rate. With {@code bench.keycloak.wrk-file} it also writes that many more pre-signed
 * bodies (one per line) for a wrk replay and, with {@code bench.keycloak.hold} seconds, keeps Keycloak up meanwhile.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile} and
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) no.samarbeidsportal.bench.KeycloakCheck}.
 */
public final class KeycloakCheck {

    private KeycloakCheck() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.keycloak.check-requests", 200);
        Path run = Path.of("target/bench-keycloak",
                "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ObjectMapper json = new ObjectMapper();
        try (KeycloakServer kc = KeycloakServer.start(run, s -> System.out.println("[keycloak] " + s))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Instant now = Instant.now();
            List<String> bodies = IntStream.range(0, requests).parallel().mapToObj(i -> kc.body(i, now)).toList();
            long[] before = kc.databaseActivity();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long started = System.nanoTime();
            List<Future<HttpResponse<String>>> sent = bodies.stream().map(b -> pool.submit(() -> http.send(
                    HttpRequest.newBuilder(kc.tokenUri()).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(b)).build(),
                    HttpResponse.BodyHandlers.ofString()))).toList();
            int ok = 0;
            String example = null;
            for (Future<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200 && json.readTree(r.body()).hasNonNull("access_token")) {
                    ok++;
                    example = r.body();
                } else {
                    System.out.println("FAILED: " + r.statusCode() + " " + r.body());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            System.out.printf("%d/%d OK in %.2f s: %.0f tokens/s (8 threads, cold)%n", ok, requests, seconds,
                    requests / seconds);
            Thread.sleep(1500);
            long[] after = kc.databaseActivity();
            System.out.printf("Keycloak's database during them: %d commits, %d rows written, %d WAL bytes "
                    + "(statistics lag up to ~0.5 s)%n", after[0] - before[0], after[1] - before[1],
                    after[2] - before[2]);
            System.out.println("example response: " + example);
            HttpResponse<String> replay = http.send(HttpRequest.newBuilder(kc.tokenUri())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(0))).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("replayed assertion: " + replay.statusCode() + " " + replay.body()
                    + (replay.statusCode() == 200 ? "  <-- NOT REFUSED" : "  (refused, as it must be)"));
            for (int skew : new int[] {10, 20}) {
                HttpResponse<String> future = http.send(HttpRequest.newBuilder(kc.tokenUri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(kc.body(1, Instant.now().plusSeconds(skew)))).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("iat now+" + skew + " s: " + future.statusCode());
            }
            for (int age : new int[] {50, 100, 130}) {
                HttpResponse<String> old = http.send(HttpRequest.newBuilder(kc.tokenUri())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(kc.body(2, Instant.now().minusSeconds(age))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("iat now-" + age + " s: " + old.statusCode());
            }
            System.out.println("token endpoint: " + kc.tokenUri());
            System.out.println("configuration: " + kc.describe());

            String wrkFile = System.getProperty("bench.keycloak.wrk-file");
            if (wrkFile != null) {
                int count = Integer.getInteger("bench.keycloak.wrk-requests", 60_000);
                Instant iat = Instant.now().plusSeconds(10);
                long t = System.nanoTime();
                String lines = IntStream.range(0, count).parallel().mapToObj(i -> kc.body(i, iat))
                        .collect(Collectors.joining("\n", "", "\n"));
                Files.writeString(Path.of(wrkFile), lines, StandardCharsets.UTF_8);
                System.out.printf("wrote %d bodies to %s in %.1f s (iat %s)%n", count, wrkFile,
                        (System.nanoTime() - t) / 1e9, iat);
                System.out.println("READY " + kc.tokenUri());
                Thread.sleep(Integer.getInteger("bench.keycloak.hold", 60) * 1000L);
            }
        }
        System.out.println("closed");
    }
}
