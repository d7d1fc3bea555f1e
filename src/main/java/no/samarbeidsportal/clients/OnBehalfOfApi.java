package no.samarbeidsportal.clients;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.samarbeidsportal.system.IfMatch;
import no.samarbeidsportal.system.JsonBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * admin-api.md 3.8: the onbehalfof entries of an organisation's own ID-porten client. Only this spelling is served
 * (Digdir's docs also show the typo {@code /onbehalof}).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Clients")
public class OnBehalfOfApi {

    private final OnBehalfOfService entries;

    OnBehalfOfApi(OnBehalfOfService entries) {
        this.entries = entries;
    }

    @POST
    @Path("clients/{client_id}/onbehalfof")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr/onbehalfof:write")
    @APIResponse(responseCode = "201", description = "The new entry", content = @Content(schema = @Schema(implementation = OnBehalfOfJson.class)))
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @APIResponse(responseCode = "409", description = "The client has an entry with this onbehalfof value")
    @Operation(summary = "Add an onbehalfof entry", description = "Needs idporten:dcr/onbehalfof:write. ID-porten "
            + "clients of the caller's own organisation only; a maskinporten or krr client gets 400, an existing "
            + "onbehalfof value 409.")
    public RestResponse<OnBehalfOfJson> create(@RestPath("client_id") String clientId, OnBehalfOfJson body) {
        return RestResponse.status(RestResponse.Status.CREATED,
                OnBehalfOfJson.of(entries.create(clientId, JsonBody.required(body, "OnBehalfOf").toCommand())));
    }

    @GET
    @Path("clients/{client_id}/onbehalfof/{onbehalfof}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr/onbehalfof:write")
    @APIResponse(responseCode = "200", description = "The entry", content = @Content(schema = @Schema(implementation = OnBehalfOfJson.class)))
    @APIResponse(responseCode = "404", description = "No such active client of mine, or no such entry")
    @Operation(summary = "One onbehalfof entry", description = "Needs idporten:dcr.read, .modify, .write, .supplier "
            + "or dcr/onbehalfof:write. The ETag is the entry's version, for If-Match on PUT.")
    public RestResponse<OnBehalfOfJson> get(@RestPath("client_id") String clientId,
            @RestPath("onbehalfof") String onbehalfof) {
        OnBehalfOf entry = entries.get(clientId, onbehalfof);
        return RestResponse.ResponseBuilder.ok(OnBehalfOfJson.of(entry)).tag(String.valueOf(entry.version)).build();
    }

    @PUT
    @Path("clients/{client_id}/onbehalfof/{onbehalfof}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr/onbehalfof:write")
    @APIResponse(responseCode = "200", description = "The entry", content = @Content(schema = @Schema(implementation = OnBehalfOfJson.class)))
    @APIResponse(responseCode = "404", description = "No such active client of mine, or no such entry")
    @APIResponse(responseCode = "409", description = "Changed meanwhile (If-Match)")
    @Operation(summary = "Replace an onbehalfof entry", description = "Needs idporten:dcr/onbehalfof:write. The "
            + "onbehalfof value never changes; If-Match with the ETag of a GET guards against a concurrent change "
            + "(409).")
    public OnBehalfOfJson update(@RestPath("client_id") String clientId, @RestPath("onbehalfof") String onbehalfof,
            @HeaderParam("If-Match") String ifMatch, OnBehalfOfJson body) {
        return OnBehalfOfJson.of(entries.update(clientId, onbehalfof, JsonBody.required(body, "OnBehalfOf").toCommand(),
                IfMatch.version(ifMatch, "OnBehalfOf")));
    }

    @DELETE
    @Path("clients/{client_id}/onbehalfof/{onbehalfof}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr/onbehalfof:write")
    @APIResponse(responseCode = "200", description = "Removed; the body is empty")
    @APIResponse(responseCode = "404", description = "No such active client of mine, or no such entry")
    @Operation(summary = "Remove an onbehalfof entry", description = "Needs idporten:dcr/onbehalfof:write. Answers "
            + "200 with an empty body.")
    public RestResponse<Void> delete(@RestPath("client_id") String clientId,
            @RestPath("onbehalfof") String onbehalfof) {
        entries.delete(clientId, onbehalfof);
        // admin-api.md 1.4: a removed entry is answered with an empty body
        return RestResponse.ok();
    }
}
