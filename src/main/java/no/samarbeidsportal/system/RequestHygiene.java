package no.samarbeidsportal.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one request-hygiene layer, first in the router (ahead of the token endpoint, the API aliases and RESTEasy): it
 * looks at the request as it came off the wire, before anything normalises or decodes it, and refuses what no route
 * may see. Dot segments, encoded slashes, malformed percent-encoding, text PostgreSQL cannot store (NUL, invalid
 * UTF-8) in the path, query or headers, and malformed or unusable content types are 400; a body on a page that is not
 * a form is 415. The admin API is authenticated by bearer tokens only, so its requests lose their cookies here. Every
 * response gets the security headers ({@link SecurityHeaders}).
 */
@ApplicationScoped
public class RequestHygiene {

    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?", Pattern.DOTALL);
    // RFC 2046 5.1.1: 1-70 characters from bchars, not ending in a space
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]");

    private final Messages messages;
    private final ObjectMapper json;
    private final Clock clock;

    RequestHygiene(Messages messages, ObjectMapper json, Clock clock) {
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        boolean page = Paths.isPage(rawPath);
        ctx.addHeadersEndHandler(v -> SecurityHeaders.apply(ctx.response().headers(), rawPath));

        String refusal = refusal(request, rawPath, q < 0 ? null : uri.substring(q + 1));
        if (refusal != null) {
            refuse(ctx, page, 400, refusal);
            return;
        }
        if (page && hasBody(request) && !isForm(request.getHeader("Content-Type"))) {
            // pages take forms only (htmx sends them too): a JSON or text/plain body is no page's input
            refuse(ctx, true, 415, "error.media-type");
            return;
        }
        NegotiationHeaders.dropMalformed(request.headers());
        if (Paths.isApi(rawPath)) {
            // admin-api.md 2.1: the admin API takes bearer tokens only; the portal's login session is no credential
            request.headers().remove("Cookie");
        }
        ctx.next();
    }

    /** The message key of why the request is refused, or null when it may go on. */
    static String refusal(HttpServerRequest request, String rawPath, String rawQuery) {
        if (!rawPath.startsWith("/")) {
            return "error.request.path";
        }
        for (String segment : rawPath.split("/", -1)) {
            String lower = segment.toLowerCase(Locale.ROOT);
            // admin-api.md 1.2: never normalise and then route
            String dots = lower.replace("%2e", ".");
            if (dots.equals(".") || dots.equals("..") || lower.contains("%2f") || lower.contains("%5c")
                    || segment.indexOf('\\') >= 0) {
                return "error.request.path";
            }
            if (decoded(segment, false) == null) {
                return "error.request.text";
            }
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (decoded(pair, true) == null) {
                    return "error.request.text";
                }
            }
        }
        MultiMap headers = request.headers();
        for (Map.Entry<String, String> header : headers) {
            if (!storable(header.getValue())) {
                return "error.request.header";
            }
        }
        String contentType = headers.get("Content-Type");
        if (contentType != null) {
            // a present but empty Content-Type is no media type either (RESTEasy fails to parse it)
            if (contentType.isBlank() || !MEDIA_TYPE.matcher(contentType.trim()).matches()) {
                return "error.request.content-type";
            }
            if (contentType.trim().regionMatches(true, 0, "multipart/", 0, 10)) {
                String boundary = parameter(contentType, "boundary");
                if (boundary == null || !BOUNDARY.matcher(boundary).matches()) {
                    return "error.request.boundary";
                }
            }
        }
        return null;
    }

    /** Percent-decodes {@code raw}; null when the encoding is malformed or the text is not storable. */
    static String decoded(String raw, boolean query) {
        if (raw.indexOf('%') < 0) {
            return storable(raw) ? raw : null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.put((byte) Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.put(String.valueOf(c == '+' && query ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            return storable(text) ? text : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** PostgreSQL's text cannot hold NUL, and UTF-8 cannot hold a lone surrogate. */
    public static boolean storable(CharSequence text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String parameter(String contentType, String name) {
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static boolean hasBody(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return false;
        }
        String type = request.getHeader("Content-Type");
        return type != null && !type.isBlank();
    }

    private static boolean isForm(String contentType) {
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }

    private void refuse(RoutingContext ctx, boolean page, int status, String key) {
        HttpServerRequest request = ctx.request();
        if (page) {
            Locale locale = pageLocale(request);
            String title = messages.get(locale, "error.title", status);
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html;charset=UTF-8")
                    .end("<!DOCTYPE html>\n<html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                            + "<title>" + title + "</title><link rel=\"stylesheet\" href=\"/static/portal.css\"></head>"
                            + "<body><main id=\"main\"><h1>" + title + "</h1><p>" + messages.get(locale, key)
                            + "</p><p><a href=\"" + Paths.PORTAL + "\">" + messages.get(locale, "error.back")
                            + "</a></p></main></body></html>");
            return;
        }
        // admin-api.md 6.7: Digdir's error body, also for requests that never reach a resource
        String description = messages.get(Locale.ENGLISH, key);
        ApiErrors.Body body = new ApiErrors.Body(status, clock.instant(), CorrelationId.newId(), "invalid_request",
                description, null);
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json;charset=UTF-8")
                    .end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    private static Locale pageLocale(HttpServerRequest request) {
        io.vertx.core.http.Cookie chosen = request.getCookie(PageContext.COOKIE);
        if (chosen != null) {
            return PageContext.of(chosen.getValue());
        }
        String accept = request.getHeader("Accept-Language");
        return accept != null && accept.trim().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Messages.NB;
    }
}
