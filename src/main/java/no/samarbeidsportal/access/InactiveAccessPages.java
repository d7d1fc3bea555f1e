package no.samarbeidsportal.access;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.Confirmation;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Paths;
import no.samarbeidsportal.system.QueryFlag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * "Organisasjoner som bør fjernes" (issue 15): over all the provider's scopes, the organisations on its access lists
 * that the register has as deleted, bankrupt or being wound up, removed in one confirmed step; and a scope's setting
 * that removes deleted ones by itself.
 */
@Path(Paths.PORTAL + "/scopes/access/inactive")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class InactiveAccessPages {

    static final String PAGE = Paths.PORTAL + "/scopes/access/inactive";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<InactiveAccess> inactive);
    }

    private final InactiveAccessService inactive;

    InactiveAccessPages(InactiveAccessService inactive) {
        this.inactive = inactive;
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(inactive.list());
    }

    /** Removes them all; without JavaScript the confirmation step comes first, naming how many. */
    @POST
    @Path("remove")
    public Object removeAll(@RestForm String ask) {
        if (Confirmation.asked(ask)) {
            return Confirmation.page("access.inactive.remove.confirm", new Object[] {inactive.list().size()},
                    "access.inactive.remove.button", PAGE + "/remove", List.of(), PAGE);
        }
        int removed = inactive.removeAll().size();
        // the flash cookie carries its arguments as text, so the plural is chosen here, not by a choice format
        return Flash.seeOther(PAGE, "access.inactive.removed." + (removed == 0 ? "none" : removed == 1 ? "one"
                : "many"), String.valueOf(removed));
    }

    /** A scope's "remove deleted organisations automatically", from its access list page. */
    @POST
    @Path("auto")
    public Object autoRemoval(@RestQuery String scope, @RestForm("remove_deleted") String on) {
        boolean now = inactive.setAutoRemoval(scope, QueryFlag.isTrue(on));
        return Flash.seeOther(Paths.portal("scopes/access", "scope", scope),
                now ? "access.auto-removal.on" : "access.auto-removal.off");
    }
}
