package no.samarbeidsportal.register;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * The organisation register at national size (issue 15, README "The organisation register"): a full load of a
 * synthetic Enhetsregisteret (1.1 million units and 0.9 million sub-units in the download format, gzipped, generated
 * here once into {@code target/bench-register/}) over HTTP from the loopback stand-in into a fresh embedded PostgreSQL
 * (durable settings, as the portal's own), and 10,000 change-feed changes applied. Prints time and peak heap.
 *
 * <p>Not a test (its name ends in neither Test nor IT). Run with {@code ./mvnw -o -Pbench-register
 * process-test-classes}, which starts it with {@code -Xmx512m}, the heap the load must stay within. System properties:
 * {@code bench.units} (1100000), {@code bench.subunits} (900000), {@code bench.changes} (10000).
 */
public final class RegisterBenchmark {

    private static final String[] WORDS = {"NORD", "FJORD", "KYST", "BYGG", "DATA", "HAV", "FJELL", "SKOG", "ELV",
        "TRANSPORT", "REGNSKAP", "EIENDOM", "HELSE", "ENERGI", "FISK", "MEDIA", "SERVICE", "HOLDING", "INVEST", "LAKS"};
    private static final String[] FORMS = {"AS", "ENK", "FLI", "DA", "ANS", "SA", "STI", "ESEK", "NUF", "ASA"};

    private RegisterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int units = Integer.getInteger("bench.units", 1_100_000);
        int subunits = Integer.getInteger("bench.subunits", 900_000);
        int changes = Integer.getInteger("bench.changes", 10_000);
        Path folder = Path.of(System.getProperty("bench.folder", "target/bench-register"));
        Files.createDirectories(folder);
        generate(folder.resolve("enheter.json.gz"), units, false);
        generate(folder.resolve("underenheter.json.gz"), subunits, true);
        System.out.printf("Download files: enheter %d MB, underenheter %d MB (gzipped)%n",
                Files.size(folder.resolve("enheter.json.gz")) >> 20, Files.size(folder.resolve("underenheter.json.gz")) >> 20);

        HeapWatch heap = new HeapWatch();
        try (FixtureRegister source = new FixtureRegister(folder, true);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                        .setServerConfig("full_page_writes", "on").setServerConfig("synchronous_commit", "on").start();
                Connection c = postgres.getPostgresDatabase().getConnection()) {
            schema(c);
            Clock clock = Clock.systemUTC();
            Enhetsregisteret register = new Enhetsregisteret(HttpClient.newHttpClient(), source.baseUrl(),
                    Duration.ofSeconds(30), clock);

            c.setAutoCommit(false);
            System.gc();
            heap.start();
            Cpu cpu = new Cpu(c);
            long start = System.nanoTime();
            // -Dbench.from-file=true reads the files straight from disk, to tell HTTP from parsing and COPY
            BulkLoad.Downloads downloads = Boolean.getBoolean("bench.from-file")
                    ? kind -> new java.util.zip.GZIPInputStream(Files.newInputStream(folder.resolve(kind.path()
                            + ".json.gz")), 64 * 1024)
                    : register::download;
            BulkLoad.Loaded loaded = BulkLoad.replace(c, downloads, clock.instant());
            c.commit();
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            heap.stop();
            String loadCpu = cpu.since();
            String loadLoad = loadAverage();
            System.out.printf("Full load: %,d units and %,d sub-units in %.1f s, peak heap %d MB (max %d MB)%n",
                    loaded.units().get(RegisterKind.ENHET), loaded.units().get(RegisterKind.UNDERENHET), loadSeconds,
                    heap.peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("  CPU during the load: %s; load average %s%n", loadCpu, loadAverage());

            // the measured feed changes units; a first one of the same size changes sub-units, so that the JVM has
            // compiled the feed's code (HTTP client, parsing) before the measurement, as in a portal that has run a
            // while: in a fresh JVM the compiler threads take most of the CPU
            int warmUp = changes;
            feedFixture(folder, "underenheter", 900_000_000, Math.min(warmUp, subunits), subunits);
            feedFixture(folder, "enheter", 800_000_000, changes, units);
            RegisterState state = new RegisterState(clock.instant(), Instant.EPOCH, 0L, 0L, null, null, null, 0);
            source.preload();
            // each page in a transaction of its own, as RegisterJob does
            ChangeFeed.Transactions pages = write -> {
                write.to(c);
                c.commit();
            };
            cpu = new Cpu(c);
            long coldStart = System.nanoTime();
            ChangeFeed.Applied cold = ChangeFeed.apply(pages, register, RegisterKind.UNDERENHET, state,
                    config(changes), new ChangeFeed.Progress());
            double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
            System.out.printf("Change feed, first run in this JVM: %,d changes in %.2f s (%s)%n", cold.changes(),
                    coldSeconds, cpu.since());
            cpu = new Cpu(c);
            long feedStart = System.nanoTime();
            ChangeFeed.Applied applied = ChangeFeed.apply(pages, register, RegisterKind.ENHET, state,
                    config(changes), new ChangeFeed.Progress());
            double feedSeconds = (System.nanoTime() - feedStart) / 1e9;
            String feedCpu = cpu.since();
            String feedLoad = loadAverage();
            System.out.printf("Change feed: %,d changes (%,d units looked up and written, %,d removed) in %.2f s%n",
                    applied.changes(), applied.upserted(), applied.removed(), feedSeconds);
            System.out.printf("  CPU during the feed: %s; load average %s%n", feedCpu, loadAverage());
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select count(*), count(*) filter (where status = 'DELETED') "
                            + "from register_unit")) {
                r.next();
                System.out.printf("Register copy: %,d units, %,d deleted%n", r.getLong(1), r.getLong(2));
            }
            String table = String.format("| full load, %,d + %,d units, `-Xmx512m` | ≤ 60 s, heap ≤ 512 MB | %.1f s, peak "
                    + "heap %d MB | %s | CPU: %s |%n| change feed, %,d changes | ≤ 2 s | %.2f s (first run in the JVM,"
                    + " %,d changes: %.2f s) | %s | CPU: %s |%n", loaded.units().get(RegisterKind.ENHET),
                    loaded.units().get(RegisterKind.UNDERENHET), loadSeconds, heap.peak >> 20, loadLoad, loadCpu,
                    changes, feedSeconds, cold.changes(), coldSeconds, feedLoad, feedCpu);
            Files.writeString(folder.resolve("results.md"), table);
            System.out.print(table);
        }
    }

    /** {@code changes} changes of one kind (one in ten a deletion), and each changed unit as the lookup answers it. */
    private static void feedFixture(Path folder, String kind, int first, int changes, int count) throws IOException {
        List<Map<String, Object>> feed = new ArrayList<>(changes);
        Files.createDirectories(folder.resolve(kind));
        for (int i = 1; i <= changes; i++) {
            String orgno = String.valueOf(first + (int) ((long) i * 7 % count));
            feed.add(RegisterFixtures.change(i, orgno, i % 10 == 0 ? "Sletting" : "Endring"));
            Map<String, Object> unit = i % 10 == 0
                    ? RegisterFixtures.unit(orgno, "ENDRET " + i + " AS", "AS", "slettedato", "2030-01-01")
                    : RegisterFixtures.unit(orgno, "ENDRET " + i + " AS", "AS", "konkurs", i % 3 == 0);
            Files.write(folder.resolve(kind).resolve(orgno + ".json"), RegisterFixtures.json(unit));
        }
        Files.write(folder.resolve("feed-" + kind + ".json"), RegisterFixtures.json(feed));
    }

    private static RegisterConfig config(int changes) {
        return new RegisterConfig() {
            public boolean enabled() {
                return true;
            }

            public String baseUrl() {
                return "";
            }

            public Duration interval() {
                return Duration.ofMinutes(10);
            }

            public int pageSize() {
                return 1000;
            }

            public int maxChangesPerRun() {
                return changes;
            }

            public Duration timeout() {
                return Duration.ofSeconds(30);
            }

            public Duration fullLoadTimeout() {
                return Duration.ofMinutes(30);
            }

            public int parallelLookups() {
                return 16;
            }
        };
    }

    /** The register's two tables as the changesets make them. */
    private static void schema(Connection c) throws IOException, java.sql.SQLException {
        for (String change : List.of("0030-create-register-unit.sql", "0031-create-register-state.sql")) {
            StringBuilder sql = new StringBuilder();
            for (String line : Files.readAllLines(Path.of("db/changes", change))) {
                if (!line.startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute(sql.toString());
            }
        }
    }

    /** A download file as Brønnøysund writes it: one JSON array of full units, gzipped; kept for the next run. */
    private static void generate(Path file, int count, boolean sub) throws IOException {
        if (Files.exists(file) && Files.size(file) > 0 && Files.exists(Path.of(file + ".count"))
                && Files.readString(Path.of(file + ".count")).equals(String.valueOf(count))) {
            return;
        }
        long start = System.nanoTime();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024);
                JsonGenerator g = UnitReader.JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (int i = 0; i < count; i++) {
                String orgno = String.valueOf((sub ? 900_000_000 : 800_000_000) + i);
                g.writeStartObject();
                g.writeStringField("organisasjonsnummer", orgno);
                g.writeStringField("navn", WORDS[i % WORDS.length] + " " + WORDS[(i / 20) % WORDS.length] + " "
                        + (sub ? "AVD " + i % 97 : FORMS[i % FORMS.length]));
                String form = sub ? "BEDR" : FORMS[i % FORMS.length];
                g.writeObjectFieldStart("organisasjonsform");
                g.writeStringField("kode", form);
                g.writeStringField("beskrivelse", "Organisasjonsform " + form);
                g.writeObjectFieldStart("_links");
                g.writeObjectFieldStart("self");
                g.writeStringField("href", "https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/" + form);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
                if (sub) {
                    g.writeStringField("overordnetEnhet", String.valueOf(800_000_000 + i % 1_100_000));
                    g.writeStringField("oppstartsdato", "2015-0" + (1 + i % 9) + "-1" + i % 10);
                }
                g.writeStringField("registreringsdatoEnhetsregisteret", "20" + (10 + i % 15) + "-0" + (1 + i % 9) + "-2"
                        + i % 8);
                g.writeBooleanField("registrertIMvaregisteret", i % 2 == 0);
                g.writeObjectFieldStart("naeringskode1");
                g.writeStringField("kode", "62.0" + i % 10 + "0");
                g.writeStringField("beskrivelse", "Programmeringstjenester og konsulentvirksomhet");
                g.writeEndObject();
                g.writeNumberField("antallAnsatte", i % 250);
                g.writeBooleanField("harRegistrertAntallAnsatte", i % 3 != 0);
                g.writeObjectFieldStart(sub ? "beliggenhetsadresse" : "forretningsadresse");
                g.writeStringField("land", "Norge");
                g.writeStringField("landkode", "NO");
                g.writeStringField("postnummer", String.format("%04d", i % 9999));
                g.writeStringField("poststed", WORDS[i % 13]);
                g.writeArrayFieldStart("adresse");
                g.writeString(WORDS[i % 17] + "VEIEN " + i % 300);
                g.writeEndArray();
                g.writeStringField("kommune", WORDS[i % 11]);
                g.writeStringField("kommunenummer", String.format("%04d", 301 + i % 5000));
                g.writeEndObject();
                if (!sub) {
                    g.writeStringField("stiftelsedato", "2009-0" + (1 + i % 9) + "-15");
                    g.writeObjectFieldStart("institusjonellSektorkode");
                    g.writeStringField("kode", "2100");
                    g.writeStringField("beskrivelse", "Private aksjeselskaper mv.");
                    g.writeEndObject();
                    g.writeBooleanField("registrertIForetaksregisteret", i % 2 == 0);
                    g.writeBooleanField("registrertIStiftelsesregisteret", false);
                    g.writeBooleanField("registrertIFrivillighetsregisteret", i % 11 == 0);
                    g.writeStringField("sisteInnsendteAarsregnskap", "2024");
                    g.writeBooleanField("konkurs", i % 97 == 0);
                    g.writeBooleanField("underAvvikling", i % 89 == 0);
                    g.writeBooleanField("underTvangsavviklingEllerTvangsopplosning", i % 83 == 0);
                    g.writeStringField("maalform", "Bokmål");
                    g.writeArrayFieldStart("vedtektsfestetFormaal");
                    g.writeString("Utvikling og salg av programvare og tjenester");
                    g.writeString("og hva som står i forbindelse med dette");
                    g.writeEndArray();
                }
                g.writeObjectFieldStart("_links");
                g.writeObjectFieldStart("self");
                g.writeStringField("href", "https://data.brreg.no/enhetsregisteret/api/" + (sub ? "underenheter/"
                        : "enheter/") + orgno);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        Files.writeString(Path.of(file + ".count"), String.valueOf(count));
        System.out.printf("Generated %s (%,d units) in %.0f s%n", file, count, (System.nanoTime() - start) / 1e9);
    }

    /** The machine's load average over the last minute, from /proc/loadavg (Linux). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Where the time went: CPU seconds of this JVM (parsing, the stand-in server) and of the database's backend
     * serving the connection (COPY, indexes, WAL), read from /proc on Linux.
     */
    private static final class Cpu {
        private final long jvm;
        private final long backend;
        private final int pid;

        Cpu(Connection c) throws java.sql.SQLException {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
                r.next();
                pid = r.getInt(1);
            }
            jvm = jvmNanos();
            backend = backendTicks();
        }

        String since() {
            long ticks = backendTicks() - backend;
            return String.format("JVM %.1f s, database backend %.1f s", (jvmNanos() - jvm) / 1e9,
                    ticks / 100.0);
        }

        private static long jvmNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** utime + stime of the backend in clock ticks (100 a second on Linux). */
        private long backendTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** The heap in use, sampled every 20 ms while the load runs. */
    private static final class HeapWatch {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running;
        private long peak;
        private Thread thread;

        void start() {
            running = true;
            AtomicLong max = new AtomicLong();
            thread = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    peak = max.get();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
