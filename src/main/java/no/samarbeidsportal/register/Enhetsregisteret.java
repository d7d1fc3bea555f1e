package no.samarbeidsportal.register;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/**
 * Brønnøysund's open-data API for Enhetsregisteret (base {@code https://data.brreg.no/enhetsregisteret/api}): the
 * bulk download, the change feed and the lookup of one unit, over the JDK's HTTP client. Every answer other than the
 * documented ones is a {@link SourceFailure}.
 */
final class Enhetsregisteret {

    /** The feed's {@code dato}: ISO-8601 in UTC with milliseconds, as its description asks. */
    private static final DateTimeFormatter FEED_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final HttpClient http;
    private final String base;
    private final Duration timeout;
    private final Clock clock;

    Enhetsregisteret(HttpClient http, String base, Duration timeout, Clock clock) {
        this.http = http;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeout = timeout;
        this.clock = clock;
    }

    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** What went wrong talking to the source, in words for the platform administrator. */
    static final class SourceFailure extends IOException {
        SourceFailure(String message) {
            super(message);
        }
    }

    /** One entry of the change feed. */
    record Change(long id, String orgno, String type) {
    }

    /** The answer to a unit lookup: the unit, or null when the register no longer has it (404, 410). */
    record Lookup(String orgno, RegisterUnit unit) {
    }

    /**
     * The whole register of one kind, {@code GET /enheter/lastned}: a gzipped JSON array, read as it arrives. A
     * download of national size takes minutes, so the timeout is not for the whole answer: it bounds the wait for the
     * first bytes and then every wait for more ({@link StallGuard}); a download that stalls is a failure.
     */
    InputStream download(RegisterKind kind) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + kind.path() + "/lastned"))
                .timeout(timeout).GET().build();
        HttpResponse<java.util.concurrent.Flow.Publisher<List<java.nio.ByteBuffer>>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure("interrupted waiting for " + request.uri());
        } catch (IOException e) {
            throw new SourceFailure("GET " + request.uri() + " failed: " + e);
        }
        StallGuard body = new StallGuard(timeout, "GET " + request.uri());
        response.body().subscribe(body);
        if (response.statusCode() != 200) {
            body.close();
            throw new SourceFailure("GET " + request.uri() + " answered " + response.statusCode());
        }
        try {
            return new GZIPInputStream(body, 64 * 1024);
        } catch (IOException e) {
            body.close();
            throw e instanceof SourceFailure ? e : new SourceFailure("GET " + request.uri() + " is not gzip: " + e);
        }
    }

    /**
     * One page of the change feed from {@code fromId} on ({@code oppdateringsid}), or, with no id yet, from
     * {@code since} on ({@code dato}); oldest first, at most {@code size}.
     */
    List<Change> changes(RegisterKind kind, Long fromId, Instant since, int size) throws IOException {
        String query = fromId != null ? "oppdateringsid=" + fromId : "dato=" + FEED_DATE.format(since);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oppdateringer/" + kind.path() + "?" + query
                + "&size=" + size)).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = send(request);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new SourceFailure("GET " + request.uri() + " answered " + response.statusCode());
            }
            return embedded(body, kind.feedMember(), request.uri(), p -> readChange(p, request.uri()));
        }
    }

    /** {@code GET /enheter/{orgnr}}: 200 the unit, 404 unknown and 410 removed both mean the register lacks it. */
    CompletableFuture<Lookup> lookup(RegisterKind kind, String orgno) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + kind.path() + "/" + orgno))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        Instant now = clock.instant();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            int status = response.statusCode();
            if (status == 404 || status == 410) {
                return new Lookup(orgno, null);
            }
            if (status != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + status);
            }
            try {
                RegisterUnit unit = UnitReader.readOne(new java.io.ByteArrayInputStream(response.body()), kind, now);
                if (unit == null || !unit.orgno().equals(orgno)) {
                    throw new IllegalStateException("GET " + request.uri() + " answered a unit that is not " + orgno);
                }
                return new Lookup(orgno, unit);
            } catch (IOException e) {
                throw new IllegalStateException("GET " + request.uri() + " answered something that is not a unit: "
                        + e.getMessage(), e);
            }
        });
    }

    /**
     * {@code GET /enheter?organisasjonsnummer=a,b,c&size=n}: the units among these numbers that the search finds, in
     * one request. A number it leaves out may be deleted or removed: look that one up by itself.
     */
    CompletableFuture<List<RegisterUnit>> search(RegisterKind kind, List<String> orgnos) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + kind.path() + "?organisasjonsnummer="
                + String.join(",", orgnos) + "&size=" + orgnos.size())).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        Instant now = clock.instant();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
            try {
                return embedded(new java.io.ByteArrayInputStream(response.body()), kind.path(), request.uri(),
                        p -> UnitReader.readObject(p, kind, now));
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure("interrupted waiting for " + request.uri());
        } catch (IOException e) {
            throw new SourceFailure("GET " + request.uri() + " failed: " + e);
        }
    }

    /** Reads one item of a HAL page from the start of its object up to and including its end; null skips it. */
    private interface Item<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * The items of a HAL page, {@code {"_embedded": {"<member>": [...]}, "page": {...}}}: the feed's
     * {@code oppdaterteEnheter} and the search's {@code enheter} alike; no {@code _embedded} when there are none.
     */
    private static <T> List<T> embedded(InputStream body, String member, URI uri, Item<T> item) throws IOException {
        List<T> items = new ArrayList<>();
        try (JsonParser p = UnitReader.JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SourceFailure("GET " + uri + " answered a page that is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("_embedded") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken list = p.nextToken();
                        if (name.equals(member)) {
                            if (list != JsonToken.START_ARRAY) {
                                throw new SourceFailure("GET " + uri + ": " + name + " is not an array");
                            }
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                T read = item.read(p);
                                if (read != null) {
                                    items.add(read);
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SourceFailure("GET " + uri + " answered a page that is not JSON: " + e.getOriginalMessage());
        }
        return items;
    }

    private static Change readChange(JsonParser p, URI uri) throws IOException {
        Long id = null;
        String orgno = null;
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "oppdateringsid" -> id = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "organisasjonsnummer" -> orgno = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "endringstype" -> type = value == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
        if (id == null || orgno == null || !orgno.matches("[0-9]{9}")) {
            throw new SourceFailure("GET " + uri + " answered a change without oppdateringsid or organisasjonsnummer");
        }
        return new Change(id, orgno, type == null ? "Ukjent" : type);
    }
}
