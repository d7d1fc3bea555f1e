package no.samarbeidsportal.access;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
    private final InactiveAccessService inactive;

    AccessApi(AccessService access, InactiveAccessService inactive) {
        this.access = access;
        this.inactive = inactive;
    }

    @GET
    @Path("inactive")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The entries, by scope and consumer")
    @Operation(summary = "Organisations on my access lists that should go (extension)", description = "An extension "
            + "of this portal, not in Digdir's API. The approved entries on all my scopes whose organisation the "
            + "register copy has as DELETED, BANKRUPT, UNDER_LIQUIDATION or UNDER_FORCED_LIQUIDATION. Needs "
            + "idporten:scopes.read or .write.")
    public List<InactiveAccessJson> inactive() {
        return inactive.list().stream().map(InactiveAccessJson::of).toList();
    }

    @POST
    @Path("remove-inactive")
    @APIResponse(responseCode = "200", description = "The entries removed (now DENIED)")
    @Operation(summary = "Remove them all (extension)", description = "An extension of this portal, not in Digdir's "
            + "API. Revokes every entry GET /scopes/access/inactive lists, in one transaction, each audited as a "
            + "DELETE of one consumer would be. Needs idporten:scopes.write.")
    public List<InactiveAccessJson> removeInactive() {
        return inactive.removeAll().stream().map(InactiveAccessJson::of).toList();
    }

    @GET
    @Path("auto-removal")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The scope's setting")
    @APIResponse(responseCode = "404", description = "No such scope")
    @Operation(summary = "Whether deleted organisations leave the list by themselves (extension)", description = "An "
            + "extension of this portal, not in Digdir's API (the scope's JSON does not change). Owner only.")
    public AutoRemovalJson autoRemoval(@RestQuery @Parameter(required = true) String scope) {
        return new AutoRemovalJson(scope, inactive.autoRemoval(scope));
    }

    @PUT
    @Path("auto-removal")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The scope's setting, as saved")
    @APIResponse(responseCode = "404", description = "No such scope")
    @Operation(summary = "Let deleted organisations leave the list by themselves (extension)", description = "An "
            + "extension of this portal, not in Digdir's API. With remove_deleted_consumers true, the entries of "
            + "organisations the register has as deleted are revoked by the system after each register update, "
            + "audited in the owner's history. Owner only; needs idporten:scopes.write.")
    public AutoRemovalJson setAutoRemoval(@RestQuery @Parameter(required = true) String scope, AutoRemovalJson body) {
        return new AutoRemovalJson(scope, inactive.setAutoRemoval(scope,
                body == null ? null : body.removeDeletedConsumers()));
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
