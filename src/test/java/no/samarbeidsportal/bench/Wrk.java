package no.samarbeidsportal.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The token benchmarks' load generator: Debian's {@code wrk} (a C program on epoll that costs little CPU) with
 * {@code src/test/resources/bench/replay.lua}, which sends pre-signed requests, each once. Our service and Keycloak are
 * measured with the same generator and the same settings.
 *
 * <p>A grant is fresh only around its {@code iat} (ours: 10 s either way; Keycloak: see {@link KeycloakServer}), and
 * signing them costs as much CPU as issuing tokens, so they are signed before the clock starts, in buckets of
 * {@link #BUCKET_SECONDS}: bucket b carries {@code iat = start + b * width + width / 2} and is sent during its own
 * seconds. Each bucket holds what the fastest expected rate needs; a thread that still runs out stops and the result
 * says so ({@link Result#exhausted}).
 */
final class Wrk {

    static final int BUCKET_SECONDS = 10;

    /** The form body of the i-th request, for a grant issued at {@code iat}; called from several threads. */
    interface Bodies {
        String body(int i, Instant iat);
    }

    /** What one run measured. Latencies in ms, of the answered requests, from wrk's own histogram. */
    record Result(String name, double seconds, long requests, long non2xx, long socketErrors, long exhausted,
            double p50, double p90, double p99, double p999) {

        double okPerSecond() {
            return (requests - non2xx) / seconds;
        }

        boolean clean() {
            return non2xx == 0 && socketErrors == 0 && exhausted == 0;
        }

        String line() {
            return String.format(Locale.ROOT, "%s: %,.0f ok/s (%,d requests in %.1f s, %,d not 2xx, %,d socket "
                    + "errors, %,d exhausted), p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms", name,
                    okPerSecond(), requests, seconds, non2xx, socketErrors, exhausted, p50, p90, p99, p999);
        }
    }

    private final Path dir;
    private final Consumer<String> log;
    private final int threads;
    private final int connections;

    Wrk(Path dir, int threads, int connections, Consumer<String> log) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.log = log;
        this.threads = threads;
        this.connections = connections;
        try (InputStream script = Wrk.class.getResourceAsStream("/bench/replay.lua")) {
            Files.write(dir.resolve("replay.lua"), script.readAllBytes());
        }
    }

    /**
     * Signs grants for {@code seconds} at up to {@code maxRate} requests/s, then runs wrk for {@code seconds} against
     * {@code uri} once they are ready.
     */
    Result run(String name, URI uri, Bodies bodies, int maxRate, int seconds) throws Exception {
        int buckets = (seconds + BUCKET_SECONDS - 1) / BUCKET_SECONDS + 1;
        int perBucket = maxRate * BUCKET_SECONDS;
        int total = perBucket * buckets;
        // the start is when the signing will be done, estimated from a sample; a start up to one bucket late still
        // finds fresh grants (bucket 0 stays fresh until start + 15 s), a later one signs again with more time
        int sample = Math.min(2000, total);
        IntStream.range(0, sample).parallel().forEach(i -> bodies.body(i, Instant.now()));
        long s0 = System.nanoTime();
        IntStream.range(0, sample).parallel().forEach(i -> bodies.body(i, Instant.now()));
        double signRate = sample / ((System.nanoTime() - s0) / 1e9);
        Path prefix = dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-"));
        for (double margin = 1.3; ; margin *= 1.5) {
            long start = Instant.now().getEpochSecond() + (long) Math.ceil(total / signRate * margin) + 2;
            s0 = System.nanoTime();
            sign(bodies, prefix, start, buckets, perBucket);
            long late = Instant.now().getEpochSecond() - start;
            log.accept(String.format(Locale.ROOT, "%s: %,d requests signed in %.1f s (%s)", name, total,
                    (System.nanoTime() - s0) / 1e9, late > 0 ? late + " s later than planned" : "on time"));
            if (late >= BUCKET_SECONDS - 1) {
                if (margin > 4) {
                    throw new IllegalStateException("signing took far longer than estimated: is the machine busy?");
                }
                continue;
            }
            while (Instant.now().getEpochSecond() < start) {
                Thread.sleep(20);
            }
            Result result = wrk(name, uri, prefix, start, seconds);
            log.accept(result.line());
            return result;
        }
    }

    private void sign(Bodies bodies, Path prefix, long start, int buckets, int perBucket) throws IOException {
        List<Writer> files = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            files.add(Files.newBufferedWriter(Path.of(prefix + "." + t), StandardCharsets.US_ASCII));
        }
        for (int b = 0; b < buckets; b++) {
            Instant iat = Instant.ofEpochSecond(start + (long) b * BUCKET_SECONDS + BUCKET_SECONDS / 2);
            int base = b * perBucket;
            String[] signed = IntStream.range(0, perBucket).parallel().mapToObj(i -> bodies.body(base + i, iat))
                    .toArray(String[]::new);
            for (int i = 0; i < signed.length; i++) {
                Writer w = files.get(i % threads);
                w.write(Integer.toString(b));
                w.write('\t');
                w.write(signed[i]);
                w.write('\n');
            }
        }
        for (Writer w : files) {
            w.close();
        }
    }

    private Result wrk(String name, URI uri, Path prefix, long start, int seconds) throws Exception {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", dir.resolve("replay.lua").toString(), uri.toString(), "--",
                prefix.toString(), Long.toString(start), Integer.toString(BUCKET_SECONDS));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk failed: " + out);
        }
        Files.writeString(Path.of(prefix + ".wrk.txt"), out);
        Matcher s = Pattern.compile("replay-summary requests (\\d+) duration_us (\\d+) non2xx (\\d+) connect (\\d+) "
                + "read (\\d+) write (\\d+) timeout (\\d+)").matcher(out);
        Matcher e = Pattern.compile("replay-exhausted (\\d+)").matcher(out);
        if (!s.find() || !e.find()) {
            throw new IllegalStateException("no summary in wrk's output: " + out);
        }
        long sockets = 0;
        for (int g = 4; g <= 7; g++) {
            sockets += Long.parseLong(s.group(g));
        }
        return new Result(name, Long.parseLong(s.group(2)) / 1e6, Long.parseLong(s.group(1)),
                Long.parseLong(s.group(3)), sockets, Long.parseLong(e.group(1)), percentile(out, "50"),
                percentile(out, "90"), percentile(out, "99"), percentile(out, "99.9"));
    }

    private static double percentile(String out, String p) {
        Matcher m = Pattern.compile("replay-latency p" + Pattern.quote(p) + " (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) / 1000.0 : Double.NaN;
    }
}
