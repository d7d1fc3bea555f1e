package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged app's first start as a demo runs it (fresh embedded database, demo data, the built-in demo login) says
 * only what matters: no ERROR, no WARN but the demo login's own, no Liquibase chatter and no warning that the login
 * provider (the portal itself) is not available; and the demo login still works once it listens.
 */
class QuietStartIT {

    private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+ (TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+\\[([^\\]]+)\\]");

    @Test
    void aFirstStartSaysOnlyWhatMatters() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " not found: run ./mvnw package first");
        Path run = Files.createTempDirectory(Path.of("target"), "quiet-start-");
        Path log = run.resolve("app.log");
        int port = freePort();
        int management = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PORTAL_"));
        env.put("PORT", String.valueOf(port));
        env.put("PORTAL_MANAGEMENT_PORT", String.valueOf(management));
        env.put("PORTAL_EMBEDDED_DB_DIR", run.resolve("postgres").toAbsolutePath().toString());
        env.put("PORTAL_EMBEDDED_DB_DURABILITY", "relaxed");
        env.put("PORTAL_DB_CONTEXTS", "demo");
        env.put("PORTAL_DEV_LOGIN_ENABLED", "true");
        env.put("PORTAL_TOKEN_KEY_SECRET", "quiet-start-test-secret-of-more-than-32-chars");
        pb.directory(run.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Process app = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitReady(app, http, "http://127.0.0.1:" + management + "/q/health/ready", log);

            List<String> lines = Files.readAllLines(log);
            StringBuilder unexpected = new StringBuilder();
            for (String line : lines) {
                Matcher m = LEVEL.matcher(line);
                boolean problem = m.find() && (m.group(1).equals("WARN") || m.group(1).equals("ERROR")
                        || m.group(1).equals("FATAL"));
                boolean demoLoginWarning = problem && m.group(2).endsWith("LoginSetupCheck")
                        && line.contains("The built-in demo login is on");
                boolean liquibase = (m.find(0) && m.group(2).startsWith("liquibase"))
                        || line.startsWith("Running Changeset") || line.startsWith("UPDATE SUMMARY")
                        || line.startsWith("Liquibase:");
                if ((problem && !demoLoginWarning) || liquibase || line.contains("OIDC")) {
                    unexpected.append(line).append('\n');
                }
            }
            assertEquals("", unexpected.toString(), "start-up log " + log);

            // the demo login answers the first login although nobody asked it anything at start
            HttpResponse<Void> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/portal")).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(302, page.statusCode());
            String login = page.headers().firstValue("Location").orElseThrow();
            assertTrue(login.startsWith("http://localhost:" + port + "/dev-login/authorize?"), login);
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(login)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static void awaitReady(Process app, HttpClient http, String ready, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (true) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the app exited with " + app.exitValue() + ", see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(ready)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the app was not ready within 180 s, see " + log);
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
