package no.samarbeidsportal.access;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.identity.OrganisationRegister;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A scope's access list: search and pages, add and remove one organisation, and the bulk import with its dry run. */
@Path(Paths.PORTAL + "/scopes/access")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AccessPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(AccessList list, String q, AccessForm form, InvalidInput errors);

        static native TemplateInstance list$access(AccessList list, String q, AccessForm form, InvalidInput errors);

        static native TemplateInstance list$entries(AccessList list, String q);

        static native TemplateInstance importing(String scope, String consumers, InvalidInput errors);

        static native TemplateInstance report(String scope, AccessImport report, String consumers);
    }

    private final AccessService access;
    private final Flash flash;
    private final OrganisationRegister register;

    AccessPages(AccessService access, Flash flash, OrganisationRegister register) {
        this.access = access;
        this.flash = flash;
        this.register = register;
    }

    @GET
    public TemplateInstance list(@RestQuery String scope, @RestQuery String q, @RestQuery Integer page,
            @RestQuery String added, @HeaderParam("HX-Request") boolean htmx, @HeaderParam("HX-Target") String target) {
        String text = q == null ? "" : q.strip();
        AccessList list = access.list(scope, new AccessQuery(false, null, null, text, page == null ? 0 : page));
        return htmx && "entries".equals(target) ? Templates.list$entries(list, text)
                : Templates.list(list, text, warnIfUnknown(new AccessForm(), added), null);
    }

    @POST
    public Object grant(@RestQuery String scope, @BeanParam AccessForm form, @HeaderParam("HX-Request") boolean htmx) {
        try {
            AccessEntry added = access.grant(scope, form.orgno());
            String orgno = added.access().consumerOrgno;
            if (!htmx) {
                // the warning about a number no register knows is the next page's to show, so it travels along
                return Flash.seeOther(added.consumerName() == null ? page(scope) + "&added=" + orgno : page(scope),
                        "access.granted");
            }
            flash.announce("access.granted");
            return Templates.list$access(firstPage(scope), "", warnIfUnknown(new AccessForm(), orgno), null);
        } catch (InvalidInput e) {
            AccessList list = firstPage(scope);
            return Htmx.invalid(htmx ? Templates.list$access(list, "", form, e) : Templates.list(list, "", form, e));
        }
    }

    @POST
    @Path("remove")
    public Object revoke(@RestQuery String scope, @RestForm("consumer_orgno") String consumerOrgno,
            @HeaderParam("HX-Request") boolean htmx) {
        access.revoke(scope, consumerOrgno);
        if (!htmx) {
            return Flash.seeOther(page(scope), "access.revoked");
        }
        flash.announce("access.revoked");
        return Templates.list$access(firstPage(scope), "", new AccessForm(), null);
    }

    @GET
    @Path("import")
    public TemplateInstance importForm(@RestQuery String scope) {
        return Templates.importing(access.importTarget(scope).name, "", null);
    }

    /** The dry run: each row and what confirming would do with it. Nothing is written yet. */
    @POST
    @Path("import")
    public Object preview(@RestQuery String scope, @RestForm String consumers, @RestForm FileUpload file) {
        String text = consumers == null ? "" : consumers;
        try {
            if (file != null && file.size() > 0) {
                text = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
            }
            return Templates.report(scope, access.previewImport(scope, text), text);
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.importing(required(scope, e), text, e));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Htmx.invalid(Templates.importing(scope, "", InvalidInput.of("ScopeAccess", "file",
                    "access.import.unreadable")));
        }
    }

    /** Adds every valid new organisation of the report in one transaction, or none. */
    @POST
    @Path("import/confirm")
    public Object confirm(@RestQuery String scope, @RestForm String consumers) {
        try {
            access.confirmImport(scope, consumers);
            return Flash.seeOther(page(scope), "access.imported");
        } catch (InvalidInput e) {
            return Htmx.invalid(Templates.importing(required(scope, e), consumers == null ? "" : consumers, e));
        }
    }

    /** Without a scope there is no form to show again: the error page says the scope is missing. */
    private static String required(String scope, InvalidInput e) {
        if (scope == null || scope.isBlank()) {
            throw e;
        }
        return scope;
    }

    /** Sets the page's warning when the number is valid and no register knows it (identity/OrganisationRegister). */
    private AccessForm warnIfUnknown(AccessForm form, String orgno) {
        if (orgno != null && OrgNumberValidator.isValid(orgno) && !register.knows(orgno)) {
            form.unknownOrgno = OrgNumbers.format(orgno);
        }
        return form;
    }

    private AccessList firstPage(String scope) {
        return access.list(scope, new AccessQuery(false, null, null, null, 0));
    }

    private static String page(String scope) {
        return Paths.portal("scopes/access", "scope", scope);
    }
}
