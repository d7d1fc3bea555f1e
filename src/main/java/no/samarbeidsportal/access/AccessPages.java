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
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.register.OrganisationRegister;
import no.samarbeidsportal.system.Confirmation;
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.PageContext;
import no.samarbeidsportal.system.Paths;
import no.samarbeidsportal.system.QueryFlag;
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
    private final PageContext context;
    private final OrganisationRegister register;

    AccessPages(AccessService access, Flash flash, PageContext context, OrganisationRegister register) {
        this.access = access;
        this.flash = flash;
        this.context = context;
        this.register = register;
    }

    @GET
    public TemplateInstance list(@RestQuery String scope, @RestQuery String q, @RestQuery Integer page,
            @RestQuery String added, @RestQuery String removable, @HeaderParam("HX-Request") boolean htmx,
            @HeaderParam("HX-Target") String target) {
        String text = q == null ? "" : q.strip();
        // the removable ones are few: shown all on one page, so the pager need not carry the filter
        boolean onlyRemovable = QueryFlag.isTrue(removable);
        AccessList list = access.list(scope, new AccessQuery(false, null, null, text,
                onlyRemovable ? null : page == null ? 0 : page, onlyRemovable));
        return htmx && "entries".equals(target) ? Templates.list$entries(list, text)
                : Templates.list(list, text, warnIfUnknown(new AccessForm(), added), null);
    }

    @POST
    public Object grant(@RestQuery String scope, @BeanParam AccessForm form, @HeaderParam("HX-Request") boolean htmx) {
        try {
            AccessEntry granted = access.grant(scope, form.orgno());
            String orgno = granted.access().consumerOrgno;
            String who = OrgNumbers.withName(orgno, granted.consumerName());
            if (!htmx) {
                // the warning about a number no register knows is the next page's to show, so it travels along
                return Flash.seeOther(granted.consumerName() == null ? page(scope) + "&added=" + orgno : page(scope),
                        "access.granted.named", who, granted.access().scope.name);
            }
            flash.announce("access.granted.named", who, granted.access().scope.name);
            return Templates.list$access(firstPage(scope), "", warnIfUnknown(new AccessForm(), orgno), null);
        } catch (InvalidInput e) {
            AccessList list = firstPage(scope);
            return Htmx.invalid(htmx ? Templates.list$access(list, "", form, e) : Templates.list(list, "", form, e));
        }
    }

    @POST
    @Path("remove")
    public Object revoke(@RestQuery String scope, @RestForm("consumer_orgno") String consumerOrgno,
            @RestForm String ask, @HeaderParam("HX-Request") boolean htmx) {
        if (Confirmation.asked(ask)) {
            AccessEntry entry = access.list(scope, new AccessQuery(true, consumerOrgno, null, null, null)).entries()
                    .stream().findFirst().orElseThrow(() -> new NotFound("access.not-found", consumerOrgno, scope));
            return Confirmation.page("access.remove.confirm", new Object[] {
                OrgNumbers.withName(entry.access().consumerOrgno, entry.consumerName()), entry.access().scope.name},
                    "access.remove.confirm.button", Paths.portal("scopes/access/remove", "scope", scope),
                    Confirmation.field("consumer_orgno", entry.access().consumerOrgno), page(scope));
        }
        AccessEntry revoked = access.revoke(scope, consumerOrgno);
        String who = OrgNumbers.withName(revoked.access().consumerOrgno, revoked.consumerName());
        String name = revoked.access().scope.name;
        String undo = Paths.portal("scopes/access/undo", "scope", name) + "&consumer_orgno="
                + revoked.access().consumerOrgno + "&revoked_at=" + revoked.access().lastUpdated.toEpochMilli();
        if (!htmx) {
            return Flash.seeOtherWithUndo(page(scope), undo, "access.revoked.named", who, name);
        }
        flash.announce("access.revoked.named", who, name);
        flash.offerUndo(undo, "#access");
        return Templates.list$access(firstPage(scope), "", new AccessForm(), null);
    }

    /** The "Angre" of a removal's message: the organisation is back on the list, if it is still that removal. */
    @POST
    @Path("undo")
    public Object undo(@RestQuery String scope, @RestQuery("consumer_orgno") String consumerOrgno,
            @RestQuery("revoked_at") long revokedAt, @HeaderParam("HX-Request") boolean htmx) {
        AccessEntry restored = access.undoRevoke(scope, consumerOrgno, revokedAt);
        String who = OrgNumbers.withName(restored.access().consumerOrgno, restored.consumerName());
        if (!htmx) {
            return Flash.seeOther(page(scope), "access.restored.named", who, restored.access().scope.name);
        }
        flash.announce("access.restored.named", who, restored.access().scope.name);
        return Templates.list$access(firstPage(scope), "", new AccessForm(), null);
    }

    /** The access list as a CSV file that "Legg til mange" takes back; only the scope's owner gets it. */
    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@RestQuery String scope) {
        AccessList list = access.list(scope, AccessQuery.all(false, null, null));
        String csv = AccessCsv.of(list.entries(), List.of(context.t("access.consumer-orgno"),
                context.t("access.consumer.name"), context.t("access.since")));
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + AccessCsv.fileName(list.scope().name) + "\"")
                .build();
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
    public Object confirm(@RestQuery String scope, @RestForm String consumers,
            @RestForm("import_anyway") String anyway) {
        try {
            access.confirmImport(scope, consumers, QueryFlag.isTrue(anyway));
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
