package no.samarbeidsportal.system;

import io.quarkus.arc.Arc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Renders failures of the pages: a full error page, or for htmx an alert swapped into the page's status region. */
@ApplicationScoped
public class PageErrors {

    @CheckedTemplate(basePath = "Layout")
    static class Templates {
        static native TemplateInstance error(int status, String message, List<String> details, String correlationId);

        static native TemplateInstance error$alert(int status, String message, List<String> details,
                String correlationId);

        static native TemplateInstance errorBare(int status, String message, List<String> details,
                String correlationId);
    }

    private static final Logger LOG = Logger.getLogger(PageErrors.class);

    /** Where quarkus-rest-csrf keeps this request's form token (read by {@code inject:csrf.token}). */
    private static final String CSRF_TOKEN = "csrf_token";

    private final PageContext page;
    private final Messages messages;
    private final CorrelationId correlationId;
    private final ApiErrors api;

    private final String csrfCookie;

    PageErrors(PageContext page, Messages messages, CorrelationId correlationId, ApiErrors api,
            @ConfigProperty(name = "quarkus.rest-csrf.cookie-name") String csrfCookie) {
        this.csrfCookie = csrfCookie;
        this.page = page;
        this.messages = messages;
        this.correlationId = correlationId;
        this.api = api;
    }

    public Response render(PortalException e, boolean htmx) {
        String message = messages.get(page.locale(), e.messageKey(), api.localisedArgs(page.locale(), e.args()));
        List<String> details = e instanceof InvalidInput invalid
                ? invalid.errors().stream().map(f -> messages.get(page.locale(), f.messageKey(), f.args())).toList()
                : List.of();
        String id = e.status() >= 500 ? correlationId.get() : null;
        if (htmx) {
            // htmx swaps this into the status region instead of the element that asked
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header("HX-Retarget", "#alerts").header("HX-Reswap", "innerHTML")
                    .entity(Templates.error$alert(e.status(), message, details, id)).build();
        }
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page(e.status(), message, details, id)).build();
    }

    /**
     * The error page in the portal's frame (a signed-in person's menu, organisation switcher and language; the public
     * header for anyone else), so that a wrong turn does not lose the way back. When that frame cannot be drawn (the
     * database is away, the login cannot be checked, the failure is in the frame itself) the page has the bare one.
     */
    private Object page(int status, String message, List<String> details, String id) {
        if (status != 503 && BlockingOperationControl.isBlockingAllowed()) {
            lendFormToken();
            try {
                // rendered here, not after the response is committed, so that a failure still has a page to fall back to
                return Templates.error(status, message, details, id).render();
            } catch (RuntimeException framed) {
                LOG.debugf("The error page is shown without the portal's frame: %s", framed.toString());
            }
        }
        return Templates.errorBare(status, message, details, id);
    }

    /**
     * An address no page has is refused before quarkus-rest-csrf's filter runs, so the frame's forms would have no
     * token: they get the one the browser already holds in its cookie, as that filter itself does for a known page.
     * Without that cookie the token is one that matches nothing, so a form sent from this page is refused as expired.
     */
    private void lendFormToken() {
        RoutingContext routing = currentRouting();
        if (routing != null && routing.get(CSRF_TOKEN) == null) {
            Cookie cookie = routing.request().getCookie(csrfCookie);
            routing.put(CSRF_TOKEN, cookie != null ? cookie.getValue() : UUID.randomUUID().toString());
        }
    }

    private static RoutingContext currentRouting() {
        CurrentVertxRequest current = Arc.container().instance(CurrentVertxRequest.class).get();
        return current == null ? null : current.getCurrent();
    }

    /**
     * The CSRF filter refuses a form without a valid token with a bare 400: give the person a page that says why.
     */
    @ServerResponseFilter
    public void explainRefusedForm(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity()
                && Paths.isPage(request.getUriInfo().getPath())
                && !"GET".equals(request.getMethod())) {
            Response page = render(new ErrorMappers.StatusException(400, "error.csrf"),
                    "true".equals(request.getHeaderString("HX-Request")));
            response.setEntity(page.getEntity(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
            page.getHeaders().forEach((k, v) -> response.getHeaders().put(k, v));
        }
    }
}
