package no.samarbeidsportal.scopes;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.scopes.prefixes.PrefixService;
import no.samarbeidsportal.scopes.prefixes.ScopePrefix;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * "Mine API": the provider's scopes with search and filters, a new scope, a scope's overview (its edit form only on
 * "Endre scopet"), deactivate and re-activate. The access list and the history are the scope's other two sections.
 */
@Path(Paths.PORTAL + "/scopes")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ScopePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ScopeQuery.Row> rows, ScopeQuery query, List<String> prefixes);

        static native TemplateInstance list$rows(List<ScopeQuery.Row> rows, ScopeQuery query);

        static native TemplateInstance create(ScopeForm form, List<ScopePrefix> prefixes, InvalidInput errors,
                ScopeService.Choices choices);

        static native TemplateInstance create$form(ScopeForm form, List<ScopePrefix> prefixes, InvalidInput errors,
                ScopeService.Choices choices);

        static native TemplateInstance detail(ScopeService.Detail detail);

        static native TemplateInstance edit(ScopeService.Detail detail, ScopeForm form, InvalidInput errors,
                ScopeService.Choices choices);

        static native TemplateInstance edit$form(ScopeService.Detail detail, ScopeForm form, InvalidInput errors,
                ScopeService.Choices choices);

        static native TemplateInstance deactivate(ScopeService.Detail detail);
    }

    private final ScopeService scopes;
    private final PrefixService prefixes;

    ScopePages(ScopeService scopes, PrefixService prefixes) {
        this.scopes = scopes;
        this.prefixes = prefixes;
    }

    /** The list with its search, filters and order from the query, so that a filtered list has an address. */
    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String prefix, @RestQuery String status,
            @RestQuery("accessible_for_all") String accessibleForAll, @RestQuery String sort,
            @HeaderParam("HX-Request") boolean htmx, @HeaderParam("HX-Target") String target) {
        ScopeQuery query = new ScopeQuery(q, prefix, status, accessibleForAll, sort);
        List<ScopeQuery.Row> rows = scopes.mine(query);
        return htmx && "rows".equals(target) ? Templates.list$rows(rows, query)
                : Templates.list(rows, query, scopes.minePrefixes());
    }

    @GET
    @Path("new")
    public TemplateInstance createForm() {
        return Templates.create(ScopeForm.blank(), prefixes.mine(), null, scopes.choices());
    }

    @POST
    public Object create(@BeanParam ScopeForm form, @HeaderParam("HX-Request") boolean htmx) {
        try {
            Scope scope = scopes.create(form.toNewScope(), form.submission);
            return Flash.seeOther(page(scope), "scope.created", htmx);
        } catch (InvalidInput e) {
            List<ScopePrefix> mine = prefixes.mine();
            return Htmx.invalid(htmx ? Templates.create$form(form, mine, e, scopes.choices())
                    : Templates.create(form, mine, e, scopes.choices()));
        }
    }

    /** The scope's overview, or with {@code section=edit} its edit form: the form is open only when asked for. */
    @GET
    @Path("view")
    public TemplateInstance detail(@RestQuery String scope, @RestQuery String section) {
        ScopeService.Detail detail = scopes.detail(scope);
        return "edit".equals(section) ? Templates.edit(detail, ScopeForm.of(detail.scope()), null, scopes.choices())
                : Templates.detail(detail);
    }

    @POST
    @Path("view")
    public Object update(@RestQuery String scope, @BeanParam ScopeForm form, @HeaderParam("HX-Request") boolean htmx) {
        try {
            return Flash.seeOther(page(scopes.update(scope, form.toChange())), "scope.updated", htmx);
        } catch (InvalidInput e) {
            ScopeService.Detail detail = scopes.detail(scope);
            return Htmx.invalid(htmx ? Templates.edit$form(detail, form, e, scopes.choices())
                    : Templates.edit(detail, form, e, scopes.choices()));
        }
    }

    /** The warning before deactivating: how many consumers have access, and what happens to them (admin-api.md 4.6). */
    @GET
    @Path("deactivate")
    public TemplateInstance confirmDeactivate(@RestQuery String scope) {
        return Templates.deactivate(scopes.detail(scope));
    }

    @POST
    @Path("deactivate")
    public Object deactivate(@RestQuery String scope) {
        Scope deactivated = scopes.deactivate(scope);
        return Flash.seeOther(page(deactivated), "scope.deactivated.named", deactivated.name);
    }

    @POST
    @Path("reactivate")
    public Object reactivate(@RestQuery String scope) {
        return Flash.seeOther(page(scopes.reactivate(scope)), "scope.reactivated");
    }

    static String page(Scope scope) {
        return Paths.portal("scopes/view", "scope", scope.name);
    }
}
