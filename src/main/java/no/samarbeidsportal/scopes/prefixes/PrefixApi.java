package no.samarbeidsportal.scopes.prefixes;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** admin-api.md 4.7: {@code GET /prefix} and its alias {@code GET /scopes/prefix}, also under the other bases. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prefixes")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
public class PrefixApi {

    private final PrefixService prefixes;

    PrefixApi(PrefixService prefixes) {
        this.prefixes = prefixes;
    }

    @GET
    @Path("prefix")
    @Operation(summary = "My organisation's scope prefixes", description = "Needs idporten:scopes.read or .write")
    public List<PrefixJson> mine() {
        return prefixes.mine().stream().map(PrefixJson::of).toList();
    }

    @GET
    @Path("scopes/prefix")
    @Operation(summary = "Alias of GET /prefix")
    public List<PrefixJson> alias() {
        return mine();
    }
}
