package no.samarbeidsportal.notices;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.Paths;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/** Notices and notice contacts (issue 16): the project's own API beside Digdir's. */
@Path(Paths.API + "/notices")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notices")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
@SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.read")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.modify")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
@SecurityRequirement(name = "bearer", scopes = "idporten:dcr.supplier")
public class NoticeApi {

    private final NoticeService notices;

    NoticeApi(NoticeService notices) {
        this.notices = notices;
    }

    @GET
    @Operation(summary = "My organisation's notices", description = "The newest 200, each with its e-mails "
            + "(recipient, state PENDING/SENT/FAILED). Needs a token that may read the organisation's history.")
    public List<NoticeJson> list() {
        return notices.notices().stream().map(NoticeJson::of).toList();
    }

    @GET
    @Path("contacts")
    @Operation(summary = "My organisation's notice contacts", description = "The addresses that get the notices "
            + "of each topic (ACCESS, KEYS, INCIDENTS).")
    public List<ContactJson> contacts() {
        return notices.contacts().stream().map(ContactJson::of).toList();
    }

    @POST
    @Path("contacts")
    @ResponseStatus(201)
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @APIResponse(responseCode = "201", description = "The new contact",
            content = @Content(schema = @Schema(implementation = ContactJson.class)))
    @Operation(summary = "Add a notice contact", description = "Needs idporten:scopes.write or idporten:dcr.write. "
            + "Body {topic, email}; topic is ACCESS, KEYS or INCIDENTS, email at most 254 characters, each address "
            + "once per topic.")
    public ContactJson add(ContactJson body) {
        return ContactJson.of(notices.addContact(body == null ? new NewContact(null, null) : body.toCommand()));
    }

    @DELETE
    @Path("contacts/{id}")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @SecurityRequirement(name = "bearer", scopes = "idporten:dcr.write")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such contact of my organisation")
    @Operation(summary = "Remove a notice contact", description = "Needs idporten:scopes.write or "
            + "idporten:dcr.write.")
    public void remove(@RestPath long id) {
        notices.removeContact(id);
    }
}
