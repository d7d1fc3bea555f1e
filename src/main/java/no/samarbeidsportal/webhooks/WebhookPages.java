package no.samarbeidsportal.webhooks;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Webhooks in the browser (issue 17): the organisation's endpoints, the form for a new one, and one endpoint with its
 * settings, its secret (shown once, in the answer to creating or rotating it), its delivery log, "send again" and
 * "send a test event".
 */
@Path(Paths.PORTAL + "/webhooks")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WebhookPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<WebhookEndpoint> endpoints);

        static native TemplateInstance create(WebhookForm form, InvalidInput errors);

        static native TemplateInstance detail(WebhookService.Log log, WebhookForm form, InvalidInput errors,
                String secret);

        static native TemplateInstance detail$log(WebhookService.Log log);
    }

    private final WebhookService webhooks;

    WebhookPages(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(webhooks.list());
    }

    @GET
    @Path("new")
    public TemplateInstance createForm() {
        webhooks.list();
        return Templates.create(WebhookForm.blank(), null);
    }

    @POST
    public Object create(@BeanParam WebhookForm form) {
        try {
            WebhookService.WithSecret created = webhooks.create(form.toNew());
            // the secret is shown this once, so the answer is the page itself, not a redirect to it
            return Templates.detail(webhooks.log(created.endpoint().id), WebhookForm.of(created.endpoint()), null,
                    created.secret());
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.create(form, e));
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance detail(@RestPath long id) {
        WebhookService.Log log = webhooks.log(id);
        return Templates.detail(log, WebhookForm.of(log.endpoint()), null, null);
    }

    /** The delivery log alone, for the page's "refresh" (htmx). */
    @GET
    @Path("{id}/log")
    public TemplateInstance log(@RestPath long id) {
        return Templates.detail$log(webhooks.log(id));
    }

    @POST
    @Path("{id}")
    public Object change(@RestPath long id, @BeanParam WebhookForm form, @HeaderParam("HX-Request") boolean htmx) {
        try {
            WebhookEndpoint changed = webhooks.change(id, form.toChange());
            return Flash.seeOther(page(changed.id), htmx, "webhooks.changed", changed.displayUrl());
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.detail(webhooks.log(id), form, e, null));
        }
    }

    @POST
    @Path("{id}/rotate")
    public TemplateInstance rotate(@RestPath long id) {
        WebhookService.WithSecret rotated = webhooks.rotateSecret(id);
        return Templates.detail(webhooks.log(id), WebhookForm.of(rotated.endpoint()), null, rotated.secret());
    }

    @POST
    @Path("{id}/delete")
    public Object delete(@RestPath long id) {
        return Flash.seeOther(Paths.portal("webhooks"), "webhooks.deleted", webhooks.delete(id).displayUrl());
    }

    @POST
    @Path("{id}/test")
    public Object sendTest(@RestPath long id) {
        webhooks.sendTest(id);
        return Flash.seeOther(page(id), "webhooks.test.queued");
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/resend")
    public Object resend(@RestPath long id, @RestPath long deliveryId) {
        webhooks.resend(id, deliveryId);
        return Flash.seeOther(page(id), "webhooks.resend.queued");
    }

    static String page(long id) {
        return Paths.portal("webhooks/" + id);
    }
}
