package no.samarbeidsportal.orgs;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Supplier appointments, the project's extension beside Digdir's API (admin-api.md 2.5). Appointing is done on the
 * organisation page by the customer's access administrator, which no admin token scope stands for; the API lists
 * appointments and lets either side end one.
 */
@Path("/api/v1/suppliers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suppliers")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
public class SupplierApi {

    private final SupplierService suppliers;

    SupplierApi(SupplierService suppliers) {
        this.suppliers = suppliers;
    }

    @GET
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @Operation(summary = "My organisation's supplier appointments, both ways", description = "Needs idporten:dcr.read "
            + "(or any dcr scope). Lists the suppliers my organisation appointed and the customers that appointed it, "
            + "ended ones included.")
    public List<SupplierJson> list() {
        SupplierService.Appointments mine = suppliers.mine();
        return java.util.stream.Stream.concat(mine.suppliers().stream(), mine.customers().stream())
                .map(SupplierJson::of).toList();
    }

    @DELETE
    @Path("{orgno}")
    @APIResponse(responseCode = "200", description = "The appointment, ended")
    @APIResponse(responseCode = "404", description = "No active appointment between the two")
    @Operation(summary = "End the active appointment between my organisation and another",
            description = "Needs idporten:dcr.supplier when my organisation is the supplier. The supplier's clients for "
                    + "the customer get no more tokens from the commit on.")
    public SupplierJson end(@RestPath String orgno) {
        return SupplierJson.of(suppliers.endWith(orgno));
    }
}
