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

    @Inject
    Messages messages;

    @Inject
    PageContext page;

    /** The message carried from the previous form, in the page's language; null when there is none. */
    public String message() {
        HttpServerRequest request = CurrentRequest.get();
        Cookie cookie = request == null ? null : request.getCookie(COOKIE);
        if (cookie == null || !cookie.getValue().matches("[a-z0-9.-]{1,80}")) {
            return null;
        }
        return cookie.getValue().equals(argumentsFor) ? messages.get(page.locale(), argumentsFor, arguments)
                : messages.get(page.locale(), cookie.getValue());
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

    /** For an htmx swap that stays on the page: the message to put into the status region in the same response. */
    public void announce(String messageKey) {
        announcement = messageKey;
    }

    /** The message announced in this response, in the page's language; null when there is none. */
    public String announcement() {
        return announcement == null ? null : messages.get(page.locale(), announcement);
    }

    /** 303 to the page, with the message key for it to show. */
    public static <T> RestResponse<T> seeOther(String path, String messageKey) {
        return RestResponse.ResponseBuilder.<T>seeOther(URI.create(path)).cookie(cookie(messageKey)).build();
    }

    /**
     * The same for a form that may have come through htmx: a 303 would be followed inside the XMLHttpRequest and
     * the whole next page swapped into the form, so htmx gets {@code HX-Redirect} instead.
     */
    public static <T> RestResponse<T> seeOther(String path, String messageKey, boolean htmx) {
        if (!htmx) {
            return seeOther(path, messageKey);
        }
        return RestResponse.ResponseBuilder.<T>ok().header("HX-Redirect", path).cookie(cookie(messageKey)).build();
    }

    private static NewCookie cookie(String messageKey) {
        return new NewCookie.Builder(COOKIE).value(messageKey).path(Paths.PORTAL).maxAge(60).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    @ServerResponseFilter
    public void clearShown(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 200 && request.getCookies().containsKey(COOKIE)) {
            response.getHeaders().add("Set-Cookie", new NewCookie.Builder(COOKIE).value("").path(Paths.PORTAL)
                    .maxAge(0).build());
        }
    }
}
