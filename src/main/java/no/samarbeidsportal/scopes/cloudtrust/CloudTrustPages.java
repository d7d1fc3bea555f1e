package no.samarbeidsportal.scopes.cloudtrust;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * "Sky-tillit (Skyporten)": a scope's provider picks a consumer and an audience (a GET form, since nothing changes)
 * and gets the trust set-up for each cloud to copy or download.
 */
@Path(Paths.PORTAL + "/scopes/cloud-trust")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class CloudTrustPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(CloudTrustService.View view, CloudTrustForm form,
                CloudTrustService.CloudTrust trust, InvalidInput errors);
    }

    private final CloudTrustService trust;

    CloudTrustPages(CloudTrustService trust) {
        this.trust = trust;
    }

    /** The form, and once a consumer or an audience is given, the documents or the form's errors (422). */
    @GET
    public Object page(@BeanParam CloudTrustForm form) {
        if (!form.toQuery().asked()) {
            return Templates.page(trust.view(form.scope), form, null, null);
        }
        try {
            CloudTrustService.CloudTrust generated = trust.generate(form.toQuery());
            return Templates.page(trust.view(form.scope), form, generated, null);
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.page(trust.view(form.scope), form, null, e));
        }
    }

    /** One document as a file, for the download link beside it. */
    @GET
    @Path("file")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response file(@BeanParam CloudTrustForm form, @RestQuery String document) {
        CloudDocument doc = trust.generate(form.toQuery()).documents().stream()
                .filter(d -> d.key().equals(document)).findFirst()
                .orElseThrow(() -> new NotFound("cloudtrust.document.not-found", document));
        return Response.ok(doc.content(), doc.mediaType() + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + doc.fileName() + "\"").build();
    }
}
