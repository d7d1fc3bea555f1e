package no.samarbeidsportal.system;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** The site's root is the portal. */
@Path("/")
@PermitAll
public class RootRedirect {

    @GET
    public RestResponse<Void> root() {
        return RestResponse.seeOther(URI.create(Paths.PORTAL));
    }
}
