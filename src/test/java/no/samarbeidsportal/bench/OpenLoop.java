package no.samarbeidsportal.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator on one thread: request i is due at {@code start + i / rate}, whatever the answers to
 * earlier ones do, and its latency is counted from when it was due (queueing shows; no coordinated omission). One
 * non-blocking selector sends pre-built HTTP/1.1 requests over keep-alive connections, one request per connection at a
 * time, opening another connection when none is free: it costs a fraction of a core at a few thousand requests a
 * second, where a thread per connection cost the app's machine enough to show in the latency it measured.
 */
final class OpenLoop {

    private static final int MAX_CONNECTIONS = 512;

    /** Latencies (ns) of the requests answered 200, sorted; the others, counted; how far sending fell behind. */
    record Result(long[] nanos, int ok, int errors, long maxLagNanos, double seconds, String firstError) {

        double pct(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * nanos.length);
            return nanos[Math.max(0, rank - 1)] / 1e6;
        }

        double max() {
            return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
        }

        double throughput() {
            return ok / seconds;
        }
    }

    private static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out;
        int request = -1;

        Connection(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }
    }

    private OpenLoop() {
    }

    /** Sends {@code requests} (whole HTTP/1.1 requests) at {@code rate} per second to {@code address}. */
    static Result run(InetSocketAddress address, byte[][] requests, int rate) throws IOException {
        return run(address, requests, rate, null);
    }

    /**
     * As {@link #run(InetSocketAddress, byte[][], int)}; an answer counts only when it is 200 and, if
     * {@code mustContain} is given, its body holds those bytes.
     */
    static Result run(InetSocketAddress address, byte[][] requests, int rate, String mustContain)
            throws IOException {
        byte[] marker = mustContain == null ? null : mustContain.getBytes(StandardCharsets.UTF_8);
        int n = requests.length;
        long[] latencies = new long[n];
        boolean[] answered = new boolean[n];
        double period = 1e9 / rate;
        Deque<Connection> idle = new ArrayDeque<>();
        Deque<Integer> waiting = new ArrayDeque<>();
        List<Connection> all = new ArrayList<>();
        int errors = 0;
        int done = 0;
        long maxLag = 0;
        String firstError = null;
        try (Selector selector = Selector.open()) {
            long t0 = System.nanoTime();
            int next = 0;
            long lastEnd = t0;
            while (done < n) {
                long now = System.nanoTime();
                if (now - t0 > TimeUnit.SECONDS.toNanos(60) + (long) (n * period)) {
                    errors += n - done;
                    firstError = firstError == null ? "timed out waiting for answers" : firstError;
                    break;
                }
                // what is due now goes out on a free connection, or waits for one (its clock runs)
                while (next < n && t0 + (long) (next * period) <= now) {
                    maxLag = Math.max(maxLag, now - (t0 + (long) (next * period)));
                    waiting.add(next++);
                }
                while (!waiting.isEmpty()) {
                    Connection c = idle.poll();
                    if (c == null) {
                        if (all.size() >= MAX_CONNECTIONS) {
                            break;
                        }
                        c = open(selector, address);
                        all.add(c);
                    }
                    int i = waiting.poll();
                    c.request = i;
                    c.out = ByteBuffer.wrap(requests[i]);
                    c.channel.write(c.out);
                    c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                }
                long wait = next < n ? t0 + (long) (next * period) - System.nanoTime() : 1_000_000;
                if (wait > 0) {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                } else {
                    selector.selectNow();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    try {
                        if (key.isWritable()) {
                            c.channel.write(c.out);
                            if (!c.out.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            if (c.channel.read(c.in) < 0) {
                                throw new IOException("connection closed by the server");
                            }
                            int status = complete(c.in);
                            if (status > 0) {
                                long end = System.nanoTime();
                                lastEnd = Math.max(lastEnd, end);
                                if (status == 200 && (marker == null || contains(c.in, marker))) {
                                    latencies[c.request] = end - (t0 + (long) (c.request * period));
                                    answered[c.request] = true;
                                } else {
                                    errors++;
                                    firstError = firstError == null ? "HTTP " + status + " " + new String(
                                            c.in.array(), 0, c.in.position(), StandardCharsets.UTF_8) : firstError;
                                }
                                done++;
                                c.in.clear();
                                c.request = -1;
                                key.interestOps(0);
                                idle.add(c);
                            }
                        }
                    } catch (IOException e) {
                        errors++;
                        done++;
                        firstError = firstError == null ? e.toString() : firstError;
                        key.cancel();
                        c.channel.close();
                        all.remove(c);
                    }
                }
                selector.selectedKeys().clear();
            }
            for (Connection c : all) {
                c.channel.close();
            }
            int ok = 0;
            for (boolean a : answered) {
                ok += a ? 1 : 0;
            }
            long[] sorted = new long[ok];
            for (int i = 0, j = 0; i < n; i++) {
                if (answered[i]) {
                    sorted[j++] = latencies[i];
                }
            }
            Arrays.sort(sorted);
            return new Result(sorted, ok, errors, maxLag, (lastEnd - t0) / 1e9, firstError);
        }
    }

    private static Connection open(Selector selector, InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, 0);
        Connection c = new Connection(channel, key);
        key.attach(c);
        return c;
    }

    private static boolean contains(ByteBuffer in, byte[] marker) {
        byte[] a = in.array();
        outer:
        for (int i = 0; i + marker.length <= in.position(); i++) {
            for (int j = 0; j < marker.length; j++) {
                if (a[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The status once a whole Content-Length response is in {@code in}; 0 while it is not. */
    private static int complete(ByteBuffer in) throws IOException {
        byte[] a = in.array();
        int len = in.position();
        int headEnd = -1;
        for (int i = 3; i < len; i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                headEnd = i + 1;
                break;
            }
        }
        if (headEnd < 0) {
            if (len == a.length) {
                throw new IOException("response head larger than " + a.length + " bytes");
            }
            return 0;
        }
        String head = new String(a, 0, headEnd, StandardCharsets.US_ASCII);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (headEnd + length > a.length) {
            throw new IOException("response larger than " + a.length + " bytes");
        }
        return len >= headEnd + length ? status : 0;
    }
}
