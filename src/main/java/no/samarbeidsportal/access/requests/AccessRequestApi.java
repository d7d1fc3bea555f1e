package no.samarbeidsportal.access.requests;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.QueryFlag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Access requests (issue 16), our extension beside Digdir's API: the consumer asks and withdraws at
 * {@code /accessrequests} (idporten:dcr.*), the provider decides at {@code /scopes/requests} (idporten:scopes.*).
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access requests")
public class AccessRequestApi {

    private final AccessRequestService requests;

    AccessRequestApi(AccessRequestService requests) {
        this.requests = requests;
    }

    @GET
    @Path("accessrequests")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @Operation(summary = "My organisation's access requests (extension)", description = "Needs idporten:dcr.read, "
            + ".modify, .write or .supplier. Newest first, in every state.")
    public List<AccessRequestJson> mine() {
        return requests.mine().stream().map(AccessRequestJson::of).toList();
    }

    @POST
    @Path("accessrequests")
    @ResponseStatus(201)
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @APIResponse(responseCode = "201", description = "The request: PENDING, or APPROVED when the scope's owner "
            + "approves the organisation's form at once", content = @Content(schema = @Schema(
                    implementation = AccessRequestJson.class)))
    @APIResponse(responseCode = "404", description = "No such scope in the catalogue")
    @Operation(summary = "Ask for access to a scope (extension)", description = "Needs idporten:dcr.write. Body "
            + "{scope, purpose, contact_email}. 400 when the scope takes no requests, is my own, is already given, or "
            + "already has a pending request of mine.")
    public AccessRequestJson ask(AccessRequestJson body) {
        return AccessRequestJson.of(requests.request(body == null ? new NewAccessRequest(null, null, null)
                : body.toCommand()));
    }

    @GET
    @Path("accessrequests/{id}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @APIResponse(responseCode = "200", description = "The request")
    @APIResponse(responseCode = "404", description = "No such request of mine")
    @Operation(summary = "One of my organisation's access requests (extension)", description = "Needs "
            + "idporten:dcr.read, .modify, .write or .supplier.")
    public AccessRequestJson one(@RestPath long id) {
        return AccessRequestJson.of(requests.mine(id));
    }

    @POST
    @Path("accessrequests/{id}/withdraw")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @APIResponse(responseCode = "200", description = "The request, withdrawn")
    @APIResponse(responseCode = "404", description = "No such request of mine")
    @APIResponse(responseCode = "409", description = "Already decided or withdrawn")
    @Operation(summary = "Withdraw my pending access request (extension)", description = "Needs idporten:dcr.write.")
    public AccessRequestJson withdraw(@RestPath long id) {
        return AccessRequestJson.of(requests.withdraw(id));
    }

    @GET
    @Path("scopes/requests")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @Operation(summary = "Access requests for my organisation's scopes (extension)", description = "Needs "
            + "idporten:scopes.read or .write. Pending only, unless all=true; scope= keeps one scope's.")
    public List<AccessRequestJson> toMe(@RestQuery String scope, @RestQuery String all) {
        return requests.toMe(scope, QueryFlag.isTrue(all)).stream().map(AccessRequestJson::of).toList();
    }

    @GET
    @Path("scopes/requests/{id}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The request")
    @APIResponse(responseCode = "404", description = "No such request for a scope of mine")
    @Operation(summary = "One access request for my organisation's scopes (extension)", description = "Needs "
            + "idporten:scopes.read or .write.")
    public AccessRequestJson oneToMe(@RestPath long id) {
        return AccessRequestJson.of(requests.toMe(id));
    }

    @POST
    @Path("scopes/requests/{id}/approve")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The request, approved: the consumer is on the access list")
    @APIResponse(responseCode = "404", description = "No such request for a scope of mine")
    @APIResponse(responseCode = "409", description = "Already decided or withdrawn")
    @Operation(summary = "Approve an access request (extension)", description = "Needs idporten:scopes.write. "
            + "Optional body {reason}. Grants access exactly as PUT /scopes/access/{consumer_orgno} does.")
    public AccessRequestJson approve(@RestPath long id, @RequestBody(required = false) AccessRequestJson body) {
        return AccessRequestJson.of(requests.approve(id, body == null ? new Decision(null) : body.toDecision()));
    }

    @POST
    @Path("scopes/requests/{id}/reject")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @APIResponse(responseCode = "200", description = "The request, rejected")
    @APIResponse(responseCode = "404", description = "No such request for a scope of mine")
    @APIResponse(responseCode = "409", description = "Already decided or withdrawn")
    @Operation(summary = "Reject an access request (extension)", description = "Needs idporten:scopes.write. "
            + "Body {reason}: required, at most 1000 characters.")
    public AccessRequestJson reject(@RestPath long id, @RequestBody(required = false) AccessRequestJson body) {
        return AccessRequestJson.of(requests.reject(id, body == null ? new Decision(null) : body.toDecision()));
    }
}
