package no.samarbeidsportal.keys;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.InvalidInput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * admin-api.md 3.7: a client's key set, replaced whole as Digdir's API does; besides it, one key added or removed at a
 * time, and the keys that expire soon. A body may be a JWKS, a JWK or JWK array, PEM public keys or certificates, or a
 * DER certificate.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Authenticated
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
@Tag(name = "Keys")
public class KeyApi {

    private final KeyService keys;

    KeyApi(KeyService keys) {
        this.keys = keys;
    }

    @GET
    @Path("clients/{client_id}/jwks")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @APIResponse(responseCode = "200", description = "The key set",
            content = @Content(schema = @Schema(ref = "Jwks")))
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @Operation(summary = "A client's key set", description = "Every key carries exp (epoch seconds). {\"keys\": []} "
            + "when there are none.")
    public KeyJson get(@RestPath("client_id") String clientId) {
        return KeyJson.of(keys.keys(clientId));
    }

    @POST
    @Path("clients/{client_id}/jwks")
    @APIResponse(responseCode = "201", description = "The new key set",
            content = @Content(schema = @Schema(ref = "Jwks")))
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @Operation(summary = "Replace the key set", description = "Needs idporten:dcr.modify or .write (or dcr.supplier "
            + "on a supplied client). Keys left out are removed; each posted key expires a year from now, or at the "
            + "exp it was sent with, or its certificate's end, whichever is first. 1-5 keys; empty it with DELETE.")
    public RestResponse<KeyJson> replace(@RestPath("client_id") String clientId,
            @RequestBody(ref = "KeySet") byte[] body) {
        return RestResponse.status(RestResponse.Status.CREATED, KeyJson.of(keys.replace(clientId, body)));
    }

    @PUT
    @Path("clients/{client_id}/jwks")
    @APIResponse(responseCode = "200", description = "The new key set",
            content = @Content(schema = @Schema(ref = "Jwks")))
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @Operation(summary = "Replace the key set", description = "As POST, answering 200.")
    public KeyJson replaceByPut(@RestPath("client_id") String clientId,
            @RequestBody(ref = "KeySet") byte[] body) {
        return KeyJson.of(keys.replace(clientId, body));
    }

    @DELETE
    @Path("clients/{client_id}/jwks")
    @APIResponse(responseCode = "200", description = "The empty key set",
            content = @Content(schema = @Schema(ref = "Jwks")))
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @Operation(summary = "Remove every key", description = "Answers the empty set.")
    public KeyJson clear(@RestPath("client_id") String clientId) {
        return KeyJson.of(keys.clear(clientId));
    }

    @POST
    @Path("clients/{client_id}/jwks/keys")
    @APIResponse(responseCode = "201", description = "The key set with the keys added",
            content = @Content(schema = @Schema(ref = "Jwks")))
    @APIResponse(responseCode = "404", description = "No such active client of mine")
    @Operation(summary = "Add keys to the set", description = "Not in Digdir's API. Adds without replacing; the same "
            + "kid with the same key renews it, with another key it is refused.")
    public RestResponse<KeyJson> add(@RestPath("client_id") String clientId,
            @RequestBody(ref = "KeySet") byte[] body) {
        return RestResponse.status(RestResponse.Status.CREATED, KeyJson.of(keys.add(clientId, body)));
    }

    @DELETE
    @Path("clients/{client_id}/jwks/{kid}")
    @APIResponse(responseCode = "200", description = "The key set without the key",
            content = @Content(schema = @Schema(ref = "Jwks")))
    @APIResponse(responseCode = "404", description = "No such active client of mine, or no key with this kid")
    @Operation(summary = "Remove one key", description = "Not in Digdir's API. 404 for an unknown kid.")
    public KeyJson remove(@RestPath("client_id") String clientId, @RestPath String kid) {
        return KeyJson.of(keys.remove(clientId, kid));
    }

    @GET
    @Path("keys/expiring")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
    @Operation(summary = "Keys that expire soon", description = "Not in Digdir's API. The keys of the organisation's "
            + "active clients (and those it supplies) that expire within days (default 30, at most 3650), soonest "
            + "first.")
    public List<KeyJson.Expiring> expiring(@RestQuery String days) {
        return keys.expiring(days(days)).stream().map(KeyJson.Expiring::of).toList();
    }

    /** A query value that is not a whole number is a 400 (admin-api.md 6.7), not JAX-RS's 404. */
    private static int days(String days) {
        if (days == null || days.isBlank()) {
            return 30;
        }
        try {
            return Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("Request", "days", "key.expiring.days", KeyService.MAX_EXPIRING_DAYS);
        }
    }
}
