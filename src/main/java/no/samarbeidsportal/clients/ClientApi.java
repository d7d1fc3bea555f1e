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
import java.util.List;
import no.samarbeidsportal.system.IfMatch;
import no.samarbeidsportal.system.JsonBody;
import no.samarbeidsportal.system.QueryFlag;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** admin-api.md 3.1-3.6: clients ("integrations"). Another organisation's client is unknown (404). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
@Tag(name = "Clients")
public class ClientApi {

    private final ClientService clients;

    ClientApi(ClientService clients) {
        this.clients = clients;
    }

    @GET
    @Path("clients")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @Operation(summary = "My clients", description = "Needs idporten:dcr.read, .modify, .write or .supplier. With "
            + "dcr.supplier also the clients the organisation registered for its customers; inactive=true adds "
            + "deactivated ones.")
    public List<ClientJson> list(@RestQuery String inactive) {
        return clients.list(QueryFlag.isTrue(inactive)).stream().map(ClientJson::of).toList();
    }

    @POST
    @Path("clients")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @APIResponse(responseCode = "201", description = "The client, with client_secret for the client_secret_* methods",
            content = @Content(schema = @Schema(implementation = ClientJson.class)))
    @Operation(summary = "Register a client", description = "Needs idporten:dcr.write; a client_orgno of another "
            + "organisation needs idporten:dcr.supplier and makes the caller its supplier. client_id is generated. "
            + "Scopes: those the client's organisation may use and that allow its integration type.")
    public RestResponse<ClientJson> create(ClientJson body) {
        ClientService.Registered registered = clients.create(JsonBody.required(body, "Client").toNewClient());
        return RestResponse.status(RestResponse.Status.CREATED,
                ClientJson.of(registered.client(), registered.clientSecret()));
    }

    @GET
    @Path("clients/{client_id}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @APIResponse(responseCode = "200", description = "The client, its version as ETag")
    @APIResponse(responseCode = "404", description = "No such client of mine")
    @Operation(summary = "One client", description = "404 when unknown, another organisation's, or deactivated "
            + "without inactive=true. The ETag is the client's version, for If-Match on PUT.")
    public RestResponse<ClientJson> get(@RestPath("client_id") String clientId, @RestQuery String inactive) {
        Client client = clients.visible(clientId, QueryFlag.isTrue(inactive));
        return RestResponse.ResponseBuilder.ok(ClientJson.of(client)).tag(String.valueOf(client.version)).build();
    }

    @PUT
    @Path("clients/{client_id}")
    @APIResponse(responseCode = "200", description = "The client as changed")
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @APIResponse(responseCode = "409", description = "Changed since the ETag in If-Match")
    @Operation(summary = "Replace a client", description = "Needs idporten:dcr.modify or .write, or dcr.supplier on "
            + "a client the caller supplies. The integration type never changes; a new authentication method removes "
            + "the secret. If-Match with the ETag of a GET guards against overwriting a concurrent change (409).")
    public ClientJson update(@RestPath("client_id") String clientId, @HeaderParam("If-Match") String ifMatch,
            ClientJson body) {
        return ClientJson.of(clients.update(clientId,
                JsonBody.required(body, "Client").toChange(IfMatch.version(ifMatch, "Client"))));
    }

    @DELETE
    @Path("clients/{client_id}")
    @APIResponse(responseCode = "200", description = "The client, deactivated")
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @Operation(summary = "Deactivate a client", description = "It gets no more tokens; its keys are kept but unusable.")
    public ClientJson deactivate(@RestPath("client_id") String clientId) {
        return ClientJson.of(clients.deactivate(clientId));
    }

    @POST
    @Path("clients/{client_id}/secret")
    @APIResponse(responseCode = "200", description = "The client with its new client_secret")
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @Operation(summary = "A new client secret", description = "For client_secret_basic and client_secret_post "
            + "clients; the secret is in the answer, once, and lives 360 days.")
    public ClientJson renewSecret(@RestPath("client_id") String clientId) {
        ClientService.Registered renewed = clients.renewSecret(clientId);
        return ClientJson.of(renewed.client(), renewed.clientSecret());
    }
}
