package no.samarbeidsportal.scopes;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.IfMatch;
import no.samarbeidsportal.system.JsonBody;
import no.samarbeidsportal.system.QueryFlag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** admin-api.md 4: scopes, the public catalogue and the delegation sources. The scope name is always in the query. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scopes")
public class ScopeApi {

    private final ScopeService scopes;
    private final CatalogueService catalogue;

    ScopeApi(ScopeService scopes, CatalogueService catalogue) {
        this.scopes = scopes;
        this.catalogue = catalogue;
    }

    @GET
    @Path("scopes/all")
    @PermitAll
    @Operation(summary = "The public scope catalogue", description = "No authentication. Active PUBLIC scopes; "
            + "integration_type keeps scopes that allow it or allow any type.")
    public List<ScopeJson> all(@RestQuery("accessible_for_all") String accessibleForAll,
            @RestQuery("integration_type") String integrationType, @RestQuery String prefix,
            @RestQuery String inactive) {
        return catalogue.all(new CatalogueService.Filter(QueryFlag.isTrue(accessibleForAll) ? Boolean.TRUE : null,
                integrationType, prefix, QueryFlag.isTrue(inactive))).stream().map(ScopeJson::of).toList();
    }

    @GET
    @Path("delegationsources")
    @PermitAll
    @Operation(summary = "Delegation sources a scope may name", description = "No authentication.")
    public List<DelegationSourceJson> delegationSources() {
        return scopes.delegationSources().entrySet().stream()
                .map(e -> DelegationSourceJson.of(e.getKey(), e.getValue())).toList();
    }

    @GET
    @Path("scopes")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @Operation(summary = "My scopes, or one scope with ?scope=", description = "Needs idporten:scopes.read or "
            + ".write. Without scope: an array; with it: one object (404 unknown, 403 another organisation's).")
    @APIResponse(responseCode = "200", description = "Without scope: my scopes; with it: that scope, its version "
            + "as ETag", content = @Content(schema = @Schema(ref = "ScopeOrScopes")))
    @APIResponse(responseCode = "404", description = "No such scope, or deactivated without inactive=true")
    public RestResponse<Object> mine(@RestQuery @Parameter(description = "full scope name") String scope,
            @RestQuery String inactive) {
        if (scope == null) {
            return RestResponse.ok(scopes.mine(QueryFlag.isTrue(inactive)).stream().map(ScopeJson::of).toList());
        }
        Scope found = scopes.mine(scope, QueryFlag.isTrue(inactive));
        return RestResponse.ResponseBuilder.ok((Object) ScopeJson.of(found)).tag(String.valueOf(found.version)).build();
    }

    @POST
    @Path("scopes")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "201", description = "The scope",
            content = @Content(schema = @Schema(implementation = ScopeJson.class)))
    @APIResponse(responseCode = "409", description = "The scope exists, active or not")
    @Operation(summary = "Create a scope", description = "Needs idporten:scopes.write. 409 if it exists, active or not.")
    public RestResponse<ScopeJson> create(ScopeJson body) {
        return RestResponse.status(RestResponse.Status.CREATED,
                ScopeJson.of(scopes.create(JsonBody.required(body, "Scope").toNewScope())));
    }

    @PUT
    @Path("scopes")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The scope as changed")
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    @APIResponse(responseCode = "409", description = "Changed since the ETag in If-Match")
    @Operation(summary = "Update or re-activate a scope", description = "Needs idporten:scopes.write. The query "
            + "names the scope; the body's prefix, subscope and name are ignored (admin-api.md 1.4). The body is the "
            + "full scope; \"active\": true re-activates. An If-Match with the ETag of a GET guards against "
            + "overwriting a concurrent change (409).")
    public ScopeJson update(@RestQuery @Parameter(required = true) String scope,
            @HeaderParam("If-Match") String ifMatch, ScopeJson body) {
        return ScopeJson.of(scopes.update(scope,
                JsonBody.required(body, "Scope").toChange(IfMatch.version(ifMatch, "Scope"))));
    }

    @DELETE
    @Path("scopes")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The scope, deactivated")
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    @Operation(summary = "Deactivate a scope", description = "Needs idporten:scopes.write. Access entries and clients "
            + "are kept; no token carries the scope until it is re-activated.")
    public ScopeJson deactivate(@RestQuery @Parameter(required = true) String scope) {
        return ScopeJson.of(scopes.deactivate(scope));
    }

    @GET
    @Path("scopes/requestpolicy")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The scope's access request policy")
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    @Operation(summary = "Whether a scope takes access requests (extension)", description = "Needs "
            + "idporten:scopes.read or .write. Our extension (issue 16): takes_requests, and the organisational "
            + "forms of Enhetsregisteret whose requests are approved at once.")
    public RequestPolicyJson requestPolicy(@RestQuery @Parameter(required = true) String scope) {
        return RequestPolicyJson.of(scopes.mine(scope, true));
    }

    @PUT
    @Path("scopes/requestpolicy")
    @Authenticated
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The scope's access request policy, as changed")
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    @Operation(summary = "Set whether a scope takes access requests (extension)", description = "Needs "
            + "idporten:scopes.write. Body {takes_requests, auto_approve_org_forms}; forms are 2-4 capital letters "
            + "(KOMM, FYLK, STAT, ORGL...), at most 20. Auto-approval needs the organisation register's copy.")
    public RequestPolicyJson changeRequestPolicy(@RestQuery @Parameter(required = true) String scope,
            RequestPolicyJson body) {
        return RequestPolicyJson.of(scopes.changeRequestPolicy(scope, JsonBody.required(body, "Scope").toPolicy()));
    }
}
