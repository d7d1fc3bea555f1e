package no.samarbeidsportal.access.requests;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A scope's page in the public catalogue (issue 16): what it is, whose it is and how to get access, for anyone; for a
 * signed-in person the acting organisation's standing with it and, where it may ask, the access request form.
 */
@Path(Paths.PORTAL + "/catalogue/scope")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class CatalogueEntryPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance entry(AccessRequestService.Entry entry, NewAccessRequest form,
                InvalidInput errors);
    }

    private final AccessRequestService requests;

    CatalogueEntryPages(AccessRequestService requests) {
        this.requests = requests;
    }

    @GET
    public TemplateInstance entry(@RestQuery String scope) {
        return Templates.entry(requests.entry(scope), new NewAccessRequest(scope, "", ""), null);
    }

    /** Asks for access for the acting organisation; a bad form comes back with its field messages (422). */
    @POST
    public Object request(@RestQuery String scope, @RestForm String purpose,
            @RestForm("contact_email") String contactEmail) {
        NewAccessRequest form = new NewAccessRequest(scope, purpose, contactEmail);
        try {
            AccessRequest sent = requests.request(form);
            return Flash.seeOther(Paths.portal("catalogue/scope?scope=" + url(sent.scope.name)),
                    sent.pending() ? "access-request.sent" : "access-request.sent.approved", sent.scope.name);
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.entry(requests.entry(scope), form, e));
        }
    }

    private static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
