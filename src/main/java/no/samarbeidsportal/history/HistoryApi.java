package no.samarbeidsportal.history;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The organisation's history over the API; outside Digdir's surface, which has none (admin-api.md 10.6). */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
public class HistoryApi {

    private final HistoryService audit;

    HistoryApi(HistoryService audit) {
        this.audit = audit;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The events on this page",
            headers = @Header(name = "X-Total-Count", description = "the number of events on all pages",
                    schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    @Operation(summary = "My organisation's change history, newest first", description = "With scope=: that scope "
            + "and its access list (needs idporten:scopes.read). Paged with page (from 0) and size (≤ 500); the "
            + "X-Total-Count header gives the number of events.")
    public RestResponse<List<HistoryJson>> history(@RestQuery String scope, @RestQuery Integer page,
            @RestQuery Integer size) {
        HistoryService.History history = audit.history(scope, page == null ? 0 : page,
                size == null ? HistoryService.PAGE_SIZE : size);
        return RestResponse.ResponseBuilder.ok(history.events().stream().map(HistoryJson::of).toList())
                .header("X-Total-Count", history.total()).build();
    }
}
