package no.samarbeidsportal.delegations;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/** Consumer → supplier delegations (token-protocol.md 12), the project's own API beside Digdir's. */
@Path("/api/v1/delegations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Delegations")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
public class DelegationApi {

    private final DelegationService delegations;

    DelegationApi(DelegationService delegations) {
        this.delegations = delegations;
    }

    @GET
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @Operation(summary = "Delegations my organisation has given or received", description = "Needs idporten:dcr.read.")
    public List<DelegationJson> list() {
        return delegations.list().stream().map(DelegationJson::of).toList();
    }

    @POST
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The delegation, new or as it was",
            content = @Content(schema = @Schema(implementation = DelegationJson.class)))
    @Operation(summary = "Delegate my access to a scope to a supplier", description = "Needs idporten:dcr.write. "
            + "Body {scope, supplier_orgno}; the scope must have a delegation source. Idempotent.")
    public DelegationJson delegate(DelegationJson body) {
        return DelegationJson.of(delegations.delegate(body == null ? new NewDelegation(null, null) : body.toCommand()));
    }

    @DELETE
    @Path("{id}")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such delegation given by my organisation")
    @Operation(summary = "Withdraw a delegation", description = "Needs idporten:dcr.write. The supplier's next token "
            + "request with consumer_org is refused (MP-251).")
    public void withdraw(@RestPath long id) {
        delegations.withdraw(id);
    }
}
