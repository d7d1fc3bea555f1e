package no.samarbeidsportal.scopes.prefixes;

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
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;

/** Prefixes: an API administrator sees the organisation's and asks for a new one; the platform administrator decides. */
@Path(Paths.PORTAL + "/prefixes")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PrefixPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance prefixes(List<ScopePrefix> prefixes, List<PrefixRequest> requests,
                NewPrefixRequest form, InvalidInput errors);

        static native TemplateInstance requests(List<PrefixRequest> requests);
    }

    private final PrefixService prefixes;
    private final PrefixRequestService requests;
    PrefixPages(PrefixService prefixes, PrefixRequestService requests) {
        this.prefixes = prefixes;
        this.requests = requests;
    }

    @GET
    public TemplateInstance prefixes() {
        return Templates.prefixes(prefixes.mine(), requests.mine(), new NewPrefixRequest("", ""), null);
    }

    @POST
    public Object request(@RestForm String prefix, @RestForm String reason, @RestForm String submission) {
        NewPrefixRequest form = new NewPrefixRequest(prefix, reason);
        try {
            PrefixRequest sent = requests.request(form, submission);
            return Flash.seeOther(Paths.portal("prefixes"), "prefix-request.sent.named", sent.prefix);
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.prefixes(prefixes.mine(), requests.mine(), form, e));
        }
    }

    /** The platform administrator's queue of open requests. */
    @GET
    @Path("requests")
    public TemplateInstance open() {
        return Templates.requests(requests.open());
    }

    @POST
    @Path("requests/{id}/approve")
    public Object approve(@PathParam("id") long id) {
        return Flash.seeOther(Paths.portal("prefixes/requests"), "prefix-request.approved.named",
                named(requests.approve(id)));
    }

    @POST
    @Path("requests/{id}/reject")
    public Object reject(@PathParam("id") long id, @RestForm String ask) {
        if (Confirmation.asked(ask)) {
            PrefixRequest r = requests.open().stream().filter(x -> x.id == id).findFirst()
                    .orElseThrow(() -> new NotFound("prefix-request.not-found"));
            return Confirmation.page("prefix-request.reject.confirm", named(r),
                    "prefix-request.reject.confirm.button", Paths.portal("prefixes/requests/" + id + "/reject"),
                    List.of(), Paths.portal("prefixes/requests"));
        }
        return Flash.seeOther(Paths.portal("prefixes/requests"), "prefix-request.rejected.named",
                named(requests.reject(id)));
    }

    private static Object[] named(PrefixRequest r) {
        return new Object[] {r.prefix, OrgNumbers.withName(r.organisation.orgno, r.organisation.name)};
    }

}
