package no.samarbeidsportal.register;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The organisation register (issue 15), the project's extension beside Digdir's API: read-only register data for
 * automation, and the copy's state and an update for the platform administrator.
 */
@Path("/api/v1/register")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Register")
public class RegisterApi {

    private final RegisterService register;

    RegisterApi(RegisterService register) {
        this.register = register;
    }

    @GET
    @Path("units/{orgno}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The unit",
            content = @Content(schema = @Schema(implementation = RegisterJson.class)))
    @APIResponse(responseCode = "404", description = "The register copy has no unit with this number")
    @Operation(summary = "An organisation number in the register copy", description = "Needs any scope that reads "
            + "scopes or clients. Name, organisational form, parent unit and status from the portal's copy of "
            + "Enhetsregisteret (open data, NLOD). A number the register no longer knows (removed) is 404.")
    public RegisterJson unit(@RestPath String orgno) {
        return RegisterJson.of(register.unit(orgno));
    }

    @GET
    @Path("status")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Where the register copy stands", description = "Platform administrator only. When it was "
            + "last loaded and updated, the last change-feed oppdateringsid per kind, and the last failure.")
    public RegisterStatusJson status() {
        return RegisterStatusJson.of(register.state());
    }

    @POST
    @Path("update")
    @ResponseStatus(202)
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "202", description = "The update has started; the status as it was",
            content = @Content(schema = @Schema(implementation = RegisterStatusJson.class)))
    @Operation(summary = "Update the register copy now", description = "Platform administrator only. Runs the "
            + "update in the background (a full load when there is no copy, else the change feed); one instance "
            + "at a time, so a run already going on makes this one skip.")
    public RegisterStatusJson update() {
        return RegisterStatusJson.of(register.requestUpdate());
    }
}
