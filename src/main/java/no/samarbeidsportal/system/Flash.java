package no.samarbeidsportal.system;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Post/redirect/get for forms without htmx (house style R9): the success message travels to the next page in a
 * short-lived cookie, is shown once in the status region, and is then cleared.
 */
@RequestScoped
@Named("flash")
public class Flash {

    static final String COOKIE = "portal-flash";

    /** The undo offered with the message (issue 14): the path and query the "Angre" button posts to. */
    static final String UNDO_COOKIE = "portal-undo";

    // the message key, then each argument base64url-encoded: names of what changed travel with the message
    private static final java.util.regex.Pattern VALUE =
            java.util.regex.Pattern.compile("[a-z0-9.-]{1,80}(~[A-Za-z0-9_-]{0,400}){0,4}");

    private static final int MAX_ARGUMENT_BYTES = 300;

    @Inject
    Messages messages;

    @Inject
    PageContext page;

    /** The message carried from the previous form, in the page's language; null when there is none. */
    public String message() {
        HttpServerRequest request = CurrentRequest.get();
        Cookie cookie = request == null ? null : request.getCookie(COOKIE);
        if (cookie == null || !VALUE.matcher(cookie.getValue()).matches()) {
            return null;
        }
        String[] parts = cookie.getValue().split("~", -1);
        Object[] args = new Object[parts.length - 1];
        try {
            for (int i = 1; i < parts.length; i++) {
                args[i - 1] = new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException e) {
            // not what this class wrote: no message rather than a broken page
            return null;
        }
        if (args.length == 0 && parts[0].equals(argumentsFor)) {
            // a message whose names only the page knows (the organisation now acting)
            return messages.get(page.locale(), argumentsFor, arguments);
        }
        return messages.get(page.locale(), parts[0], args);
    }

    /** The undo the previous form offered with its message (a path under /portal to post to); null when none. */
    public String undoCarried() {
        HttpServerRequest request = CurrentRequest.get();
        Cookie cookie = request == null ? null : request.getCookie(UNDO_COOKIE);
        if (cookie == null || message() == null) {
            return null;
        }
        try {
            return safeUndo(new String(Base64.getUrlDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String argumentsFor;
    private Object[] arguments;

    /**
     * The values for the carried message's placeholders, given by the page it lands on: the cookie carries only a key,
     * so that nothing the browser sends back is shown as text.
     */
    public void arguments(String messageKey, Object... args) {
        argumentsFor = messageKey;
        arguments = args;
    }

    private String announcement;
    private Object[] announcementArgs = new Object[0];
    private String undo;
    private String undoTarget;

    /** For an htmx swap that stays on the page: the message to put into the status region in the same response. */
    public void announce(String messageKey, Object... args) {
        announcement = messageKey;
        announcementArgs = args;
    }

    /**
     * With the announced message, an "Angre" button that posts to {@code path} (a path under /portal) and swaps its
     * answer into the element {@code target} (a CSS selector).
     */
    public void offerUndo(String path, String target) {
        undo = safeUndo(path);
        undoTarget = target;
    }

    /** The message announced in this response, in the page's language; null when there is none. */
    public String announcement() {
        return announcement == null ? null : messages.get(page.locale(), announcement, announcementArgs);
    }

    /** The undo offered with the announced message; null when there is none. */
    public String undo() {
        return announcement == null ? null : undo;
    }

    /** Where the undo's answer goes. */
    public String undoTarget() {
        return undoTarget;
    }

    /**
     * Whether this response answers an htmx request: then it replaces the status region on every swap, with the
     * announced message or with nothing, so a message about an earlier change never stays above a later error.
     */
    public boolean swap() {
        HttpServerRequest request = CurrentRequest.get();
        return request != null && "true".equals(request.getHeader("HX-Request"));
    }

    /** 303 to the page, with the message key for it to show. */
    public static <T> RestResponse<T> seeOther(String path, String messageKey) {
        return seeOther(path, messageKey, new Object[0]);
    }

    /** 303 to the page, with the message key for it to show and the names it carries. */
    public static <T> RestResponse<T> seeOther(String path, String messageKey, Object... args) {
        return RestResponse.ResponseBuilder.<T>seeOther(URI.create(path)).cookie(cookie(messageKey, args)).build();
    }

    /** The same, with an "Angre" button posting to {@code undoPath} next to the message on the next page. */
    public static <T> RestResponse<T> seeOtherWithUndo(String path, String undoPath, String messageKey,
            Object... args) {
        return RestResponse.ResponseBuilder.<T>seeOther(URI.create(path)).cookie(cookie(messageKey, args))
                .cookie(new NewCookie.Builder(UNDO_COOKIE)
                        .value(Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(safeUndo(undoPath).getBytes(StandardCharsets.UTF_8)))
                        .path(Paths.PORTAL).maxAge(60).httpOnly(true).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    /**
     * The same for a form that may have come through htmx: a 303 would be followed inside the XMLHttpRequest and
     * the whole next page swapped into the form, so htmx gets {@code HX-Redirect} instead.
     */
    public static <T> RestResponse<T> seeOther(String path, String messageKey, boolean htmx) {
        return seeOther(path, htmx, messageKey);
    }

    /** The same, with the names the message carries (what was made or changed). */
    public static <T> RestResponse<T> seeOther(String path, boolean htmx, String messageKey, Object... args) {
        if (!htmx) {
            return seeOther(path, messageKey, args);
        }
        return RestResponse.ResponseBuilder.<T>ok().header("HX-Redirect", path).cookie(cookie(messageKey, args))
                .build();
    }

    private static NewCookie cookie(String messageKey, Object... args) {
        StringBuilder value = new StringBuilder(messageKey);
        for (Object arg : args) {
            value.append('~').append(Base64.getUrlEncoder().withoutPadding().encodeToString(shortened(arg)));
        }
        return new NewCookie.Builder(COOKIE).value(value.toString()).path(Paths.PORTAL).maxAge(60).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    // a name too long for a cookie is cut rather than the message lost: at most 250 characters and 300 bytes (æ, ø
    // and å take two), whole characters only, so that it stays within the 400 base64 characters message() takes back
    private static byte[] shortened(Object arg) {
        String text = String.valueOf(arg);
        byte[] bytes = (text.length() > 250 ? text.substring(0, 250) : text).getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_ARGUMENT_BYTES) {
            return bytes;
        }
        int end = MAX_ARGUMENT_BYTES;
        while ((bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    // the undo button posts only within the portal's own pages
    private static String safeUndo(String path) {
        return path != null && path.startsWith(Paths.PORTAL + "/") && !path.contains("//") ? path : null;
    }

    @ServerResponseFilter
    public void clearShown(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 200 && request.getCookies().containsKey(COOKIE)) {
            response.getHeaders().add("Set-Cookie", new NewCookie.Builder(COOKIE).value("").path(Paths.PORTAL)
                    .maxAge(0).build());
        }
        if (response.getStatus() == 200 && request.getCookies().containsKey(UNDO_COOKIE)) {
            response.getHeaders().add("Set-Cookie", new NewCookie.Builder(UNDO_COOKIE).value("").path(Paths.PORTAL)
                    .maxAge(0).build());
        }
    }
}
