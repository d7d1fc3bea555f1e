package no.samarbeidsportal.token;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.NotFound;
import org.jboss.resteasy.reactive.RestPath;

/** The page each token error's {@code error_uri} points to (token-protocol.md 8): what the code means, what to do. */
@Path("/errors")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class TokenErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(ErrorCode code, List<ErrorCode> codes);
    }

    @GET
    public TemplateInstance all() {
        return Templates.error(null, List.of(ErrorCode.values()));
    }

    @GET
    @Path("{code}")
    public TemplateInstance error(@RestPath String code) {
        return Templates.error(ErrorCode.of(code).orElseThrow(() -> new NotFound("token.error.unknown")),
                List.of(ErrorCode.values()));
    }
}
