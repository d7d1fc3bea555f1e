package no.samarbeidsportal.system;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Renders failures of the pages: a full error page, or for htmx an alert swapped into the page's status region. */
@ApplicationScoped
public class PageErrors {

    @CheckedTemplate(basePath = "Layout")
    static class Templates {
        static native TemplateInstance error(int status, String message, List<String> details, String correlationId);

        static native TemplateInstance error$alert(int status, String message, List<String> details,
                String correlationId);
    }

    private final PageContext page;
    private final Messages messages;
    private final CorrelationId correlationId;
    private final ApiErrors api;

    PageErrors(PageContext page, Messages messages, CorrelationId correlationId, ApiErrors api) {
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
                .entity(Templates.error(e.status(), message, details, id)).build();
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
