package no.samarbeidsportal.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Brønnøysund's open-data API on the loopback address, serving fixtures from a folder in the API's own
 * formats: {@code GET /{enheter,underenheter}/lastned} (a gzipped JSON array, {@code <kind>.json.gz}), the paged HAL
 * change feed {@code GET /oppdateringer/<kind>?oppdateringsid=|dato=&size=} (from {@code feed-<kind>.json}, a JSON array
 * of changes), the search {@code GET /<kind>?organisasjonsnummer=a,b}, and one unit {@code GET /<kind>/{orgnr}} ({@code <kind>/<orgnr>.json}: 200; {@code .gone}: 410;
 * neither: 404). A file {@code _status} makes every answer that status, {@code _delay} slows every answer by its
 * milliseconds, {@code _stall} (a byte count) makes a download stop after that many bytes and send nothing more while
 * the file is there; each request is appended to {@code requests.log}. Tests write the folder; the server reads it on
 * every request, so tests and the server share nothing but files. A benchmark's server ({@code cached}) reads each
 * file once and answers from memory, logging nothing, so that its own cost stays out of what is measured.
 */
public final class FixtureRegister implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FEED_MEMBER = Map.of("enheter", "oppdaterteEnheter", "underenheter",
            "oppdaterteUnderenheter");
    private static final Map<String, String> LINK = Map.of("enheter", "enhet", "underenheter", "underenhet");

    private final Path folder;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final boolean cached;
    private final Map<Path, Optional<byte[]>> files = new ConcurrentHashMap<>();
    private final Map<Path, List<JsonNode>> feeds = new ConcurrentHashMap<>();

    public FixtureRegister(Path folder) throws IOException {
        this(folder, false);
    }

    /** With {@code cached}, every file is read once, on its first request, and never again. */
    public FixtureRegister(Path folder, boolean cached) throws IOException {
        this.cached = cached;
        // answers go out at once, not after the client's delayed acknowledgement
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.folder = folder;
        Files.createDirectories(folder);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** Reads every fixture but the downloads into memory now, so that no request pays for it (cached only). */
    public void preload() throws IOException {
        if (!cached) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".gz")).toList()) {
                Optional<byte[]> bytes = bytes(file);
                if (file.getParent().getFileName().toString().matches("enheter|underenheter")
                        && file.toString().endsWith(".json")) {
                    deleted(bytes.orElseThrow());
                }
            }
        }
        for (String kind : FEED_MEMBER.keySet()) {
            feed(kind, Map.of("size", "1"));
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            answerOrFail(exchange);
        }
    }

    private void answerOrFail(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            log(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            Optional<byte[]> delay = bytes(folder.resolve("_delay"));
            if (delay.isPresent()) {
                Thread.sleep(Long.parseLong(new String(delay.get(), StandardCharsets.UTF_8).trim()));
            }
            Optional<byte[]> status = bytes(folder.resolve("_status"));
            if (status.isPresent()) {
                send(exchange, Integer.parseInt(new String(status.get(), StandardCharsets.UTF_8).trim()), "application/json",
                        "{\"status\": 500}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String[] parts = path.replaceFirst("^/", "").split("/");
            if (parts.length == 2 && parts[1].equals("lastned") && FEED_MEMBER.containsKey(parts[0])) {
                Path file = folder.resolve(parts[0] + ".json.gz");
                if (!Files.exists(file)) {
                    send(exchange, 404, "application/json", new byte[0]);
                    return;
                }
                String kind = parts[0].equals("enheter") ? "enhet" : "underenhet";
                exchange.getResponseHeaders().add("Content-Type",
                        "application/vnd.brreg.enhetsregisteret." + kind + ".v2+gzip;charset=UTF-8");
                exchange.sendResponseHeaders(200, Files.size(file));
                Path stall = folder.resolve("_stall");
                try (OutputStream out = exchange.getResponseBody()) {
                    if (Files.exists(stall)) {
                        // part of the file, then nothing: the connection stays open while the test wants it stalled
                        out.write(Files.readAllBytes(file), 0, Integer.parseInt(Files.readString(stall).trim()));
                        out.flush();
                        for (int waited = 0; Files.exists(stall) && waited < 600; waited++) {
                            Thread.sleep(100);
                        }
                        return;
                    }
                    Files.copy(file, out);
                }
            } else if (parts.length == 2 && parts[0].equals("oppdateringer") && FEED_MEMBER.containsKey(parts[1])) {
                send(exchange, 200, "application/hal+json;charset=UTF-8", feed(parts[1], query(query)));
            } else if (parts.length == 1 && FEED_MEMBER.containsKey(parts[0])) {
                send(exchange, 200, "application/hal+json;charset=UTF-8", search(parts[0], query(query)));
            } else if (parts.length == 2 && FEED_MEMBER.containsKey(parts[0])) {
                Optional<byte[]> unit = bytes(folder.resolve(parts[0]).resolve(parts[1] + ".json"));
                if (unit.isPresent()) {
                    send(exchange, 200, "application/json", unit.get());
                } else if (bytes(folder.resolve(parts[0]).resolve(parts[1] + ".gone")).isPresent()) {
                    send(exchange, 410, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                }
            } else {
                send(exchange, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The feed's HAL page: changes from the id (or the time) on, oldest first; no _embedded when there are none. */
    private byte[] feed(String kind, Map<String, String> query) throws IOException {
        Path file = folder.resolve("feed-" + kind + ".json");
        List<JsonNode> all = cached ? feeds.get(file) : null;
        if (all == null) {
            all = new ArrayList<>();
            Optional<byte[]> bytes = bytes(file);
            if (bytes.isPresent()) {
                JSON.readTree(bytes.get()).forEach(all::add);
            }
            if (cached) {
                feeds.put(file, all);
            }
        }
        long fromId = query.containsKey("oppdateringsid") ? Long.parseLong(query.get("oppdateringsid")) : 1;
        Instant since = query.containsKey("dato") ? Instant.parse(query.get("dato")) : Instant.EPOCH;
        int size = query.containsKey("size") ? Integer.parseInt(query.get("size")) : 20;
        List<JsonNode> matching = all.stream().filter(c -> c.get("oppdateringsid").asLong() >= fromId)
                .filter(c -> !Instant.parse(c.get("dato").asText()).isBefore(since))
                .sorted(java.util.Comparator.comparingLong(c -> c.get("oppdateringsid").asLong())).toList();
        ObjectNode page = JSON.createObjectNode();
        List<JsonNode> first = matching.subList(0, Math.min(size, matching.size()));
        if (!first.isEmpty()) {
            ArrayNode items = page.putObject("_embedded").putArray(FEED_MEMBER.get(kind));
            for (JsonNode change : first) {
                ObjectNode item = change.deepCopy();
                item.putObject("_links").putObject(LINK.get(kind)).put("href",
                        baseUrl() + "/" + kind + "/" + change.path("organisasjonsnummer").asText());
                items.add(item);
            }
        }
        page.putObject("_links").putObject("self").put("href", baseUrl() + "/oppdateringer/" + kind);
        page.putObject("page").put("size", size).put("totalElements", matching.size())
                .put("totalPages", (matching.size() + size - 1) / size).put("number", 0);
        return JSON.writeValueAsBytes(page);
    }

    /**
     * The search {@code GET /<kind>?organisasjonsnummer=a,b&size=n}: the units among the numbers. It leaves deleted
     * units out, the harder case for the client, which then has to look each of those up by itself.
     */
    private byte[] search(String kind, Map<String, String> query) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int found = 0;
        for (String orgno : query.getOrDefault("organisasjonsnummer", "").split(",")) {
            Optional<byte[]> unit = orgno.isEmpty() ? Optional.empty()
                    : bytes(folder.resolve(kind).resolve(orgno + ".json"));
            if (unit.isPresent() && !deleted(unit.get())) {
                out.write(found++ == 0 ? "{\"_embedded\":{\"".getBytes(StandardCharsets.UTF_8) : new byte[] {','});
                if (found == 1) {
                    out.write((kind + "\":[").getBytes(StandardCharsets.UTF_8));
                }
                out.write(unit.get());
            }
        }
        out.write((found == 0 ? "{" : "]},").getBytes(StandardCharsets.UTF_8));
        out.write(("\"_links\":{\"self\":{\"href\":\"" + baseUrl() + "/" + kind + "\"}},\"page\":{\"size\":" + found
                + ",\"totalElements\":" + found + ",\"totalPages\":1,\"number\":0}}").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Whether a unit's JSON has a {@code slettedato}: the search leaves those out. */
    private final Map<byte[], Boolean> deletedUnits = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private boolean deleted(byte[] unit) throws IOException {
        Boolean known = deletedUnits.get(unit);
        if (known == null) {
            known = JSON.readTree(unit).has("slettedato");
            if (cached) {
                deletedUnits.put(unit, known);
            }
        }
        return known;
    }

    /** A file's bytes, or empty when there is none; from memory after the first read when {@code cached}. */
    private Optional<byte[]> bytes(Path file) throws IOException {
        if (cached) {
            Optional<byte[]> known = files.get(file);
            if (known != null) {
                return known;
            }
        }
        Optional<byte[]> read = Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        if (cached) {
            files.put(file, read);
        }
        return read;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private synchronized void log(String line) throws IOException {
        if (cached) {
            return;
        }
        Files.writeString(folder.resolve("requests.log"), line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
