package no.samarbeidsportal.scopes;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.samarbeidsportal.system.Flash;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

/** The platform administrator's prefix assignment, from an organisation's page. */
@Path("/portal/orgs/{orgno}/prefixes")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PrefixPages {

    private final PrefixService prefixes;

    PrefixPages(PrefixService prefixes) {
        this.prefixes = prefixes;
    }

    @POST
    public RestResponse<Object> assign(@PathParam("orgno") String orgno, @RestForm String prefix) {
        prefixes.assign(orgno, new NewPrefix(prefix));
        return Flash.seeOther("/portal/orgs/" + orgno, "prefix.assigned");
    }
}
