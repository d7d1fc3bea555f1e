package no.samarbeidsportal.clients;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.samarbeidsportal.system.Confirmation;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The onbehalfof section of the client page (admin-api.md 3.8): add and remove entries. With htmx the section is
 * swapped in place; without, the browser goes back to the client page.
 */
@Path(Paths.PORTAL + "/clients/onbehalfof")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class OnBehalfOfPages {

    private final OnBehalfOfService entries;
    private final ClientService clients;
    private final Issuers issuers;
    private final Flash flash;

    OnBehalfOfPages(OnBehalfOfService entries, ClientService clients, Issuers issuers, Flash flash) {
        this.entries = entries;
        this.clients = clients;
        this.issuers = issuers;
        this.flash = flash;
    }

    @POST
    public Object add(@RestQuery String client, @BeanParam OnBehalfOfForm form, @RestForm String submission,
            @HeaderParam("HX-Request") boolean htmx) {
        try {
            OnBehalfOf entry = entries.create(client, form.toCommand(), submission);
            return done(entry.client, "onbehalfof.created.named", htmx, entry.onbehalfof);
        } catch (InvalidInput e) {
            return invalid(client, form.withErrors(e), htmx);
        } catch (Conflict e) {
            // a value the client already has is the form's mistake: shown at the field, where it can be fixed
            return invalid(client, form.withErrors(InvalidInput.of("OnBehalfOf", "onbehalfof", e.messageKey(),
                    e.args())), htmx);
        }
    }

    @POST
    @Path("remove")
    public Object remove(@RestQuery String client, @RestForm String onbehalfof, @RestForm String ask,
            @HeaderParam("HX-Request") boolean htmx) {
        if (Confirmation.asked(ask)) {
            OnBehalfOf entry = entries.get(client, onbehalfof);
            return Confirmation.page("onbehalfof.remove.confirm", new Object[] {entry.onbehalfof, entry.name},
                    "onbehalfof.remove.confirm.button", Paths.portal("clients/onbehalfof/remove", "client", client),
                    Confirmation.field("onbehalfof", entry.onbehalfof), ClientPages.page(entry.client));
        }
        OnBehalfOf removed = entries.delete(client, onbehalfof);
        return done(removed.client, "onbehalfof.deleted.named", htmx, removed.onbehalfof);
    }

    private Object invalid(String client, OnBehalfOfForm form, boolean htmx) {
        ClientService.View view = clients.view(client, true);
        return Htmx.invalid(htmx ? ClientPages.Templates.detail$onbehalfof(view, form)
                : ClientPages.Templates.detail(view, ClientForm.of(view.client()), null,
                        TokenHelp.of(issuers, view, null, null), form, "settings"));
    }

    private Object done(Client client, String messageKey, boolean htmx, String named) {
        if (!htmx) {
            return Flash.seeOther(ClientPages.page(client), messageKey, named);
        }
        flash.announce(messageKey, named);
        return ClientPages.Templates.detail$onbehalfof(clients.view(client.clientId, true), new OnBehalfOfForm());
    }
}
