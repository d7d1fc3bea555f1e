package no.samarbeidsportal.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real webhook receiver for the tests: the JDK's HTTP server on a loopback address and a free port, recording every
 * request it gets. What it answers is set per test ({@link #answer}); it can be stopped and started again on the same
 * port (a receiver that is down). Signatures are checked with the Standard Webhooks library, not the portal's code.
 */
final class Receiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One request as it came: the path, the headers (names in lower case) and the body. */
    record Request(String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Whether the Standard Webhooks library accepts the signature with {@code secret}. */
        boolean verifiedWith(String secret) {
            try {
                new Webhook(secret).verify(body, headers);
                return true;
            } catch (WebhookVerificationException | RuntimeException e) {
                return false;
            } catch (Exception e) {
                return false;
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return JSON.readValue(body, Map.class);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) json().get("data");
        }

        String type() {
            return (String) json().get("type");
        }
    }

    /** What the receiver answers: a status, a body, extra headers, after a pause. */
    record Answer(int status, String body, Map<String, String> headers, long pauseMillis) {

        static Answer ok() {
            return new Answer(204, "", Map.of(), 0);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile Answer answer = Answer.ok();
    private final InetAddress address;
    private int port;
    private HttpServer server;

    Receiver(String address) {
        try {
            this.address = InetAddress.getByName(address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        start();
    }

    Receiver() {
        this("127.0.0.1");
    }

    /** A {@code whsec_} secret with a fresh random key. */
    static String secret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    String url(String path) {
        return "http://" + address.getHostAddress() + ":" + port + path;
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + address + ":" + port, e);
        }
        port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    List<Request> to(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestURI().getPath(), headers, body));
        Answer a = answer;
        if (a.pauseMillis() > 0) {
            try {
                Thread.sleep(a.pauseMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        } catch (IOException e) {
            // the sender gave up waiting or stopped reading: fine
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
