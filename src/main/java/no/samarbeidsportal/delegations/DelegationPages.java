package no.samarbeidsportal.delegations;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.system.Confirmation;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** Delegations in the browser: a consumer delegates a scope to its supplier, and sees what it has received. */
@Path(Paths.PORTAL + "/delegations")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DelegationPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance delegations(List<Delegation> delegations, List<Scope> delegable,
                NewDelegation form, InvalidInput errors);
    }

    private final DelegationService delegations;

    DelegationPages(DelegationService delegations) {
        this.delegations = delegations;
    }

    @GET
    public TemplateInstance list() {
        return Templates.delegations(delegations.list(), delegations.delegable(), new NewDelegation("", ""), null);
    }

    @POST
    public Object delegate(@RestForm String scope, @RestForm("supplier_orgno") String supplierOrgno,
            @RestForm String submission) {
        NewDelegation form = new NewDelegation(scope, OrgNumbers.normalise(supplierOrgno));
        try {
            Delegation made = delegations.delegate(form, submission);
            return Flash.seeOther(Paths.portal("delegations"), "delegation.created.named", named(made));
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.delegations(delegations.list(), delegations.delegable(), form, e));
        }
    }

    @POST
    @Path("{id}/withdraw")
    public Object withdraw(@RestPath long id, @RestForm String ask) {
        if (Confirmation.asked(ask)) {
            Delegation d = delegations.list().stream()
                    .filter(x -> x.id == id).findFirst()
                    .orElseThrow(() -> new NotFound("delegation.not-found"));
            return Confirmation.page("delegation.withdraw.confirm", named(d), "delegation.withdraw.confirm.button",
                    Paths.portal("delegations/" + id + "/withdraw"), List.of(), Paths.portal("delegations"));
        }
        return Flash.seeOther(Paths.portal("delegations"), "delegation.withdrawn.named",
                named(delegations.withdraw(id)));
    }

    private static Object[] named(Delegation d) {
        return new Object[] {d.scope.name, OrgNumbers.format(d.supplierOrgno)};
    }
}
