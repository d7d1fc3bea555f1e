package no.samarbeidsportal.orgs;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Membership;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.scopes.prefixes.NewPrefix;
import no.samarbeidsportal.scopes.prefixes.PrefixService;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.system.Confirmation;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.PageContext;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

/** Organisations and roles administration: the platform administrator's list, and each organisation's people. */
@Path(Paths.PORTAL + "/orgs")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class OrganisationPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(OrganisationService.Search search, String q, OrganisationForm form,
                InvalidInput errors);

        static native TemplateInstance list$create(OrganisationForm form, InvalidInput errors);

        static native TemplateInstance list$name(OrganisationForm form, InvalidInput errors);

        static native TemplateInstance detail(OrganisationService.Detail detail, RoleForm form, InvalidInput errors,
                InvalidInput prefixErrors, AppointmentForm supplierForm);

        static native TemplateInstance detail$grant(OrganisationService.Detail detail, RoleForm form,
                InvalidInput errors);

        static native TemplateInstance detail$suppliers(OrganisationService.Detail detail,
                AppointmentForm supplierForm);
    }

    private final OrganisationService organisations;
    private final PrefixService prefixes;
    private final SupplierService suppliers;
    private final Actor actor;
    private final Flash flash;
    private final PageContext page;

    OrganisationPages(OrganisationService organisations, PrefixService prefixes, SupplierService suppliers,
            Actor actor, Flash flash, PageContext page) {
        this.organisations = organisations;
        this.prefixes = prefixes;
        this.suppliers = suppliers;
        this.actor = actor;
        this.flash = flash;
        this.page = page;
    }

    @GET
    public Object list(@org.jboss.resteasy.reactive.RestQuery String q,
            @org.jboss.resteasy.reactive.RestQuery Integer page) {
        if (!actor.isPlatformAdmin() && actor.orgno() != null) {
            // an organisation's own administrator has one organisation to look after: theirs
            return RestResponse.seeOther(java.net.URI.create(Paths.portal("orgs/" + actor.orgno())));
        }
        String text = q == null ? "" : q.strip();
        return Templates.list(organisations.search(text, page == null ? 0 : page), text, new OrganisationForm(), null);
    }

    @POST
    public Object create(@BeanParam OrganisationForm form, @RestForm String submission,
            @HeaderParam("HX-Request") boolean htmx) {
        try {
            Organisation org = organisations.create(form.toCommand(), submission);
            return Flash.seeOther(Paths.portal("orgs/" + org.orgno), htmx, "organisation.created.named",
                    OrgNumbers.withName(org.orgno, org.name));
        } catch (InvalidInput e) {
            TemplateInstance page = htmx ? Templates.list$create(form, e) : Templates.list(organisations.search("", 0), "", form, e);
            return Htmx.invalid(page);
        }
    }

    /**
     * "Hent fra Enhetsregisteret": fills the form's name from the register (htmx, on a change of the number: the name
     * field alone; without JS, the button: the whole page). Changes nothing, so it answers 200 rather than redirecting.
     * An htmx look-up that finds nothing answers 204 and swaps nothing, so a name typed meanwhile is kept.
     */
    @POST
    @Path("prefill")
    public Object prefill(@BeanParam OrganisationForm form, @HeaderParam("HX-Request") boolean htmx) {
        form.found = organisations.lookUp(form.orgno).orElse(null);
        form.lookedUp = true;
        if (form.found != null) {
            form.name = form.found.name();
        } else if (htmx) {
            return RestResponse.noContent();
        }
        return htmx ? Templates.list$name(form, null) : Templates.list(organisations.search("", 0), "", form, null);
    }

    @GET
    @Path("{orgno}")
    public TemplateInstance detail(@PathParam("orgno") String orgno) {
        return Templates.detail(organisations.detail(orgno), new RoleForm(), null, null, new AppointmentForm());
    }

    @POST
    @Path("{orgno}/roles")
    public Object grant(@PathParam("orgno") String orgno, @BeanParam RoleForm form, @RestForm String submission,
            @HeaderParam("HX-Request") boolean htmx) {
        try {
            Membership m = organisations.grantRole(orgno, form.toCommand(), submission);
            Object[] named = named(m);
            if (!htmx) {
                return Flash.seeOther(Paths.portal("orgs/" + orgno), "role.granted.named", named);
            }
            flash.announce("role.granted.named", named);
            return Templates.detail$grant(organisations.detail(orgno), new RoleForm(), null);
        } catch (InvalidInput e) {
            OrganisationService.Detail detail = organisations.detail(orgno);
            return Htmx.invalid(htmx ? Templates.detail$grant(detail, form, e)
                    : Templates.detail(detail, form, e, null, new AppointmentForm()));
        }
    }

    @POST
    @Path("{orgno}/roles/{id}/delete")
    public Object revoke(@PathParam("orgno") String orgno, @PathParam("id") long id, @RestForm String ask,
            @HeaderParam("HX-Request") boolean htmx) {
        if (Confirmation.asked(ask)) {
            Membership m = organisations.detail(orgno).memberships().stream().filter(x -> x.id == id).findFirst()
                    .orElseThrow(() -> new NotFound("error.membership.not-found"));
            return Confirmation.page("role.revoke.confirm", named(m), "role.revoke.confirm.button",
                    Paths.portal("orgs/" + orgno + "/roles/" + id + "/delete"), java.util.List.of(),
                    Paths.portal("orgs/" + orgno));
        }
        Object[] named = named(organisations.revokeRole(orgno, id));
        if (!htmx) {
            return Flash.seeOther(Paths.portal("orgs/" + orgno), "role.revoked.named", named);
        }
        flash.announce("role.revoked.named", named);
        return Templates.detail$grant(organisations.detail(orgno), new RoleForm(), null);
    }

    // the role in the page's language, the person by name and login
    private Object[] named(Membership m) {
        return new Object[] {page.t(m.role.messageKey()), m.person.displayName(), m.person.subject};
    }

    /** The platform administrator assigns a scope prefix from the organisation's page. */
    @POST
    @Path("{orgno}/prefixes")
    public Object assignPrefix(@PathParam("orgno") String orgno, @RestForm String prefix) {
        try {
            prefixes.assign(orgno, new NewPrefix(prefix));
            return Flash.seeOther(Paths.portal("orgs/" + orgno), "prefix.assigned");
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.detail(organisations.detail(orgno), new RoleForm(), null, e,
                    new AppointmentForm()));
        }
    }

    /** The customer's access administrator (or the platform administrator) appoints a supplier (admin-api.md 2.5). */
    @POST
    @Path("{orgno}/suppliers")
    public Object appoint(@PathParam("orgno") String orgno, @BeanParam AppointmentForm form,
            @HeaderParam("HX-Request") boolean htmx) {
        try {
            SupplierAppointment a = suppliers.appoint(orgno, form.toCommand());
            Object[] named = {OrgNumbers.format(a.supplierOrgno),
                OrgNumbers.format(a.customerOrgno)};
            if (!htmx) {
                return Flash.seeOther(Paths.portal("orgs/" + orgno), "supplier.appointed.named", named);
            }
            flash.announce("supplier.appointed.named", named);
            return Templates.detail$suppliers(organisations.detail(orgno), new AppointmentForm());
        } catch (InvalidInput e) {
            OrganisationService.Detail detail = organisations.detail(orgno);
            return Htmx.invalid(htmx ? Templates.detail$suppliers(detail, form.withErrors(e))
                    : Templates.detail(detail, new RoleForm(), null, null, form.withErrors(e)));
        }
    }

    /** Either side ends an appointment, from the "Leverandører" or the "Kunder" list. */
    @POST
    @Path("{orgno}/suppliers/{id}/end")
    public Object endAppointment(@PathParam("orgno") String orgno, @PathParam("id") long id,
            @RestForm String ask, @HeaderParam("HX-Request") boolean htmx) {
        if (Confirmation.asked(ask)) {
            OrganisationService.Detail detail = organisations.detail(orgno);
            SupplierAppointment a = java.util.stream.Stream.concat(detail.suppliers().stream(),
                    detail.customers().stream()).filter(x -> x.id == id).findFirst()
                    .orElseThrow(() -> new NotFound("supplier.not-found"));
            return Confirmation.page("supplier.end.confirm", parties(a), "supplier.end.confirm.button",
                    Paths.portal("orgs/" + orgno + "/suppliers/" + id + "/end"), java.util.List.of(),
                    Paths.portal("orgs/" + orgno));
        }
        Object[] named = parties(suppliers.end(orgno, id));
        if (!htmx) {
            return Flash.seeOther(Paths.portal("orgs/" + orgno), "supplier.ended.named", named);
        }
        flash.announce("supplier.ended.named", named);
        return Templates.detail$suppliers(organisations.detail(orgno), new AppointmentForm());
    }

    private static Object[] parties(SupplierAppointment a) {
        return new Object[] {OrgNumbers.format(a.customerOrgno),
            OrgNumbers.format(a.supplierOrgno)};
    }
}
