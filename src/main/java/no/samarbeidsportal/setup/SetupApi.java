package no.samarbeidsportal.setup;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.samarbeidsportal.system.QueryFlag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Our extension (issue 17): the organisation's whole set-up as one declarative document, for CI and GitOps tools. */
@Path("/api/v1/setup")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Declarative set-up")
@Authenticated
public class SetupApi {

    private final SetupService setup;

    SetupApi(SetupService setup) {
        this.setup = setup;
    }

    @GET
    @SecurityRequirement(name = "bearer", scopes = {"idporten:scopes.read", "idporten:dcr.read"})
    @SecurityRequirement(name = "bearer", scopes = {"idporten:scopes.write", "idporten:dcr.modify"})
    @SecurityRequirement(name = "bearer", scopes = {"idporten:scopes.write", "idporten:dcr.write"})
    @Operation(summary = "The organisation's set-up (extension)", description = "Needs idporten:scopes.read (or "
            + ".write) and idporten:dcr.read (or .modify/.write). Its prefixes, active scopes with their access lists, "
            + "and its own active Maskinporten clients with their public keys; never secrets or private keys. The "
            + "ETag is a hash of the document: the same state always has the same ETag.")
    @APIResponse(responseCode = "200", description = "The document, its ETag in the ETag header",
            content = @Content(schema = @Schema(implementation = SetupDocument.class)))
    public RestResponse<SetupDocument> get() {
        SetupDocument doc = setup.export();
        return RestResponse.ResponseBuilder.ok(doc).header("ETag", setup.etag(doc)).build();
    }

    @PUT
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @SecurityRequirement(name = "bearer", scopes = {"idporten:scopes.write", "idporten:dcr.write"})
    @SecurityRequirement(name = "bearer", scopes = {"idporten:scopes.read", "idporten:dcr.read"})
    @Operation(summary = "Plan or apply a desired set-up (extension)", description = "With dry_run=true: the plan "
            + "(per object create, change with the fields that differ, deactivate, remove, unchanged); nothing is "
            + "written, and scopes.read and dcr.read suffice. Without it: If-Match with the ETag of a GET is required "
            + "(428 without, 412 when the set-up changed since); the plan is applied in one transaction through the "
            + "same rules as the single calls, audited per object; needs idporten:scopes.write and idporten:dcr.write. "
            + "The members scopes and clients are required (a missing one is a 400; an empty list means none). "
            + "Scopes and clients the document leaves out are deactivated, access entries and keys removed. A client "
            + "without client_id is created; the answer names its new client_id. Unknown members are ignored; any "
            + "refusal is Digdir's 400 naming the place (scopes[2].name, clients[0].jwks[1]) and nothing is applied.")
    @RequestBody(content = @Content(schema = @Schema(implementation = SetupDocument.class)))
    @APIResponse(responseCode = "200", description = "The plan (applied: with the new ETag, also in the header)",
            content = @Content(schema = @Schema(implementation = SetupPlan.class)))
    @APIResponse(responseCode = "400", description = "The document breaks a rule; the error names the place")
    @APIResponse(responseCode = "412", description = "The set-up changed since the ETag in If-Match")
    @APIResponse(responseCode = "428", description = "No If-Match on an apply")
    public RestResponse<SetupPlan> put(@RestQuery("dry_run") @Parameter(description = "true: only the plan")
            String dryRun, @HeaderParam("If-Match") String ifMatch, byte[] body) {
        if (QueryFlag.isTrue(dryRun)) {
            return RestResponse.ok(setup.plan(body));
        }
        SetupPlan applied = setup.apply(body, ifMatch);
        return RestResponse.ResponseBuilder.ok(applied).header("ETag", applied.etag()).build();
    }
}
