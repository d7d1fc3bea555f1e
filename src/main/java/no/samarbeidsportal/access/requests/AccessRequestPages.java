package no.samarbeidsportal.access.requests;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.system.Confirmation;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Access requests (issue 16): the API administrators' queue of requests for their organisation's scopes, where they
 * approve or reject with a reason, and the organisation's own requests, which it may withdraw while pending.
 */
@Path(Paths.PORTAL + "/requests")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AccessRequestPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance requests(AccessRequestService.Overview overview, Long failed, String reason,
                InvalidInput errors);
    }

    private static final String PAGE = Paths.portal("requests");

    private final AccessRequestService requests;

    AccessRequestPages(AccessRequestService requests) {
        this.requests = requests;
    }

    @GET
    public TemplateInstance requests() {
        return Templates.requests(requests.overview(), null, null, null);
    }

    @POST
    @Path("{id}/approve")
    public Object approve(@PathParam("id") long id) {
        AccessRequest r = requests.approve(id, new Decision(null));
        return Flash.seeOther(PAGE, "access-request.approved.named", named(r));
    }

    /** Rejects with the reason typed next to the request; without one the page comes back saying so (422). */
    @POST
    @Path("{id}/reject")
    public Object reject(@PathParam("id") long id, @RestForm String reason) {
        try {
            AccessRequest r = requests.reject(id, new Decision(reason));
            return Flash.seeOther(PAGE, "access-request.rejected.named", named(r));
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.requests(requests.overview(), id, reason, e));
        }
    }

    @POST
    @Path("{id}/withdraw")
    public Object withdraw(@PathParam("id") long id, @RestForm String ask) {
        if (Confirmation.asked(ask)) {
            AccessRequest r = requests.mine(id);
            return Confirmation.page("access-request.withdraw.confirm", new Object[] {r.scope.name},
                    "access-request.withdraw.confirm.button", Paths.portal("requests/" + id + "/withdraw"),
                    List.of(), PAGE);
        }
        AccessRequest r = requests.withdraw(id);
        return Flash.seeOther(PAGE, "access-request.withdrawn.named", r.scope.name);
    }

    private static Object[] named(AccessRequest r) {
        return new Object[] {r.scope.name, OrgNumbers.withName(r.consumerOrgno, null)};
    }
}
