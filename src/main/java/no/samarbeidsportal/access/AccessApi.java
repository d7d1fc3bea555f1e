package no.samarbeidsportal.access;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.QueryFlag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** admin-api.md 5: access lists. {@code /scopes/access/all} is a literal route, never a consumer number. */
@Path("/api/v1/scopes/access")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access lists")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
public class AccessApi {

    private final AccessService access;

    AccessApi(AccessService access) {
        this.access = access;
    }

    @GET
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The entries")
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    @Operation(summary = "A scope's access list", description = "Owner only; needs idporten:scopes.read or .write. "
            + "Revoked (DENIED) entries only with inactive=true.")
    public List<AccessJson> list(@RestQuery @Parameter(required = true) String scope, @RestQuery String inactive,
            @RestQuery("consumer_orgno") String consumerOrgno, @RestQuery("owner_orgno") String ownerOrgno) {
        return access.list(scope, AccessQuery.all(QueryFlag.isTrue(inactive), consumerOrgno, ownerOrgno)).entries().stream()
                .map(AccessJson::of).toList();
    }

    @GET
    @Path("all")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @Operation(summary = "What my organisation has been granted", description = "Needs idporten:dcr.read, "
            + "dcr.write, scopes.read or scopes.write. integration_type keeps entries whose scope allows it.")
    public List<AccessJson> grantedToMe(@RestQuery String inactive,
            @RestQuery("integration_type") String integrationType) {
        return access.grantedToMe(QueryFlag.isTrue(inactive), integrationType).stream().map(AccessJson::granted).toList();
    }

    @PUT
    @Path("{consumer_orgno}")
    @APIResponse(responseCode = "200", description = "The entry, approved")
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    @Operation(summary = "Grant a consumer access", description = "Needs idporten:scopes.write. Idempotent; "
            + "re-approves a revoked entry. An invalid organisation number gets 400.")
    public AccessJson grant(@PathParam("consumer_orgno") String consumerOrgno,
            @RestQuery @Parameter(required = true) String scope) {
        return AccessJson.of(access.grant(scope, consumerOrgno));
    }

    @DELETE
    @Path("{consumer_orgno}")
    @APIResponse(responseCode = "200", description = "The entry, denied")
    @APIResponse(responseCode = "404", description = "No such scope of mine, or no entry for the consumer")
    @Operation(summary = "Revoke a consumer's access", description = "Needs idporten:scopes.write. The entry is kept "
            + "with state DENIED.")
    public AccessJson revoke(@PathParam("consumer_orgno") String consumerOrgno,
            @RestQuery @Parameter(required = true) String scope) {
        return AccessJson.of(access.revoke(scope, consumerOrgno));
    }
}
