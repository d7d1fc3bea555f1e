package no.samarbeidsportal.clients;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.Paths;
import no.samarbeidsportal.system.QueryFlag;
import org.jboss.resteasy.reactive.RestQuery;

/** "Integrasjoner": a consumer's (and a supplier's) clients, the new-client form with its scope picker, one client. */
@Path(Paths.PORTAL + "/clients")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ClientPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ClientListService.Row> rows, ClientListService.Query query);

        static native TemplateInstance create(ClientForm form, ScopePicker picker, InvalidInput errors);

        static native TemplateInstance create$form(ClientForm form, ScopePicker picker, InvalidInput errors);

        static native TemplateInstance create$picker(ClientForm form, ScopePicker picker, InvalidInput errors);

        static native TemplateInstance detail(ClientService.View view, ClientForm form, InvalidInput errors,
                TokenHelp help, OnBehalfOfForm entry, String section);

        static native TemplateInstance detail$edit(ClientService.View view, ClientForm form, InvalidInput errors,
                TokenHelp help);

        /** The onbehalfof section, swapped by {@link OnBehalfOfPages}. */
        static native TemplateInstance detail$onbehalfof(ClientService.View view, OnBehalfOfForm entry);

        static native TemplateInstance deactivate(Client client);
    }

    /** The client page's sections ("tabs"), each its own address; the keys are {@code KeyPages}'. */
    static final List<String> SECTIONS = List.of("keys", "scopes", "help", "settings");

    private final ClientService clients;
    private final ClientListService listing;
    private final Issuers token;

    @Context
    UriInfo uri;

    ClientPages(ClientService clients, ClientListService listing, Issuers token) {
        this.clients = clients;
        this.listing = listing;
        this.token = token;
    }

    /** The list with search ({@code q}), filters ({@code type}, {@code status}) and sorting, all GET parameters. */
    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String type, @RestQuery String status,
            @RestQuery String sort, @RestQuery String inactive) {
        ClientListService.Query.Status shown = QueryFlag.isTrue(inactive) ? ClientListService.Query.Status.ALL
                : option(ClientListService.Query.Status.class, status, ClientListService.Query.Status.ACTIVE);
        ClientListService.Query query = new ClientListService.Query(q == null ? "" : q.strip(), type, shown,
                option(ClientListService.Query.Sort.class, sort, ClientListService.Query.Sort.CREATED));
        return Templates.list(listing.list(query), query);
    }

    @GET
    @Path("new")
    public TemplateInstance createForm(@RestQuery("integration_type") String integrationType) {
        ClientForm form = ClientForm.blank(integrationType);
        return Templates.create(form, picker(form), null);
    }

    /** The scope picker for the chosen integration type and customer, swapped in by htmx when either changes. */
    @GET
    @Path("new/scopes")
    public TemplateInstance scopePicker(@RestQuery("integration_type") String integrationType,
            @RestQuery("client_orgno") String clientOrgno, @RestQuery List<String> scopes) {
        ClientForm form = ClientForm.blank(integrationType);
        form.clientOrgno = clientOrgno;
        form.scopes = scopes;
        return Templates.create$picker(form, picker(form), null);
    }

    @POST
    public Object create(@BeanParam ClientForm form, @HeaderParam("HX-Request") boolean htmx) {
        try {
            ClientService.Registered registered = clients.create(form.toNewClient(), form.submission);
            if (registered.clientSecret() == null) {
                // the next step of a client that signs with a key is a key: its page opens on them
                Client client = registered.client();
                String next = "private_key_jwt".equals(client.tokenEndpointAuthMethod)
                        ? Paths.portal("clients/keys", "client", client.clientId) : page(client);
                return Flash.seeOther(next, "client.created", htmx);
            }
            // the secret is shown this once, so the answer is the page itself, not a redirect to it
            return withSecret(registered.client().clientId, registered.clientSecret());
        } catch (InvalidInput e) {
            ScopePicker picker = picker(form);
            return Htmx.invalid(htmx ? Templates.create$form(form, picker, e) : Templates.create(form, picker, e));
        }
    }

    @GET
    @Path("view")
    public TemplateInstance detail(@RestQuery String client, @RestQuery String section) {
        ClientService.View view = clients.view(client, true);
        return Templates.detail(view, ClientForm.of(view.client()), null, help(view, null), new OnBehalfOfForm(),
                section != null && SECTIONS.contains(section) ? section : "settings");
    }

    @POST
    @Path("view")
    public Object update(@RestQuery String client, @BeanParam ClientForm form, @HeaderParam("HX-Request") boolean htmx) {
        try {
            return Flash.seeOther(page(clients.update(client, form.toChange())), "client.updated", htmx);
        } catch (InvalidInput e) {
            ClientService.View view = clients.view(client, true);
            return Htmx.invalid(htmx ? Templates.detail$edit(view, form, e, help(view, null))
                    : Templates.detail(view, form, e, help(view, null), new OnBehalfOfForm(), "settings"));
        }
    }

    @POST
    @Path("secret")
    public TemplateInstance renewSecret(@RestQuery String client) {
        return withSecret(client, clients.renewSecret(client).clientSecret());
    }

    /** The warning before deactivating: the client gets no more tokens; its keys are kept (admin-api.md 3.5). */
    @GET
    @Path("deactivate")
    public TemplateInstance confirmDeactivate(@RestQuery String client) {
        return Templates.deactivate(clients.operated(client));
    }

    @POST
    @Path("deactivate")
    public Object deactivate(@RestQuery String client) {
        Client deactivated = clients.deactivate(client);
        return Flash.seeOther(page(deactivated), "client.deactivated.named", deactivated.clientName);
    }

    private TemplateInstance withSecret(String clientId, String secret) {
        ClientService.View view = clients.view(clientId, true);
        return Templates.detail(view, ClientForm.of(view.client()), null, help(view, secret), new OnBehalfOfForm(),
                "settings");
    }

    private ScopePicker picker(ClientForm form) {
        return ScopePicker.of(clients.usableScopes(form.integrationType, OrgNumbers.normalise(form.clientOrgno)),
                form.scopes);
    }

    private TokenHelp help(ClientService.View view, String secret) {
        return TokenHelp.of(token, view, secret, TokenHelp.served(uri));
    }

    /** An option of a list's GET form; anything else is the default, as a link typed by hand may have it. */
    private static <E extends Enum<E>> E option(Class<E> type, String value, E otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    static String page(Client client) {
        return Paths.portal("clients/view", "client", client.clientId);
    }
}
