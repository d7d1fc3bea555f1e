package no.samarbeidsportal.setup;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
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
import no.samarbeidsportal.system.Flash;
import no.samarbeidsportal.system.Htmx;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The declarative set-up on a page (issue 17): download the document, upload a changed one (file or pasted), see the
 * plan per object, and apply it with the ETag of the state the plan was made from in a hidden field.
 */
@Path(Paths.PORTAL + "/setup")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class SetupPages {

    /** What the page shows: the pasted text, its errors, the plan and whether the state changed under it. */
    public record View(String text, InvalidInput errors, SetupPlan plan, boolean stale) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance setup(View view);

        static native TemplateInstance setup$result(View view);
    }

    private final SetupService setup;

    SetupPages(SetupService setup) {
        this.setup = setup;
    }

    @GET
    public TemplateInstance page() {
        setup.export();
        return Templates.setup(new View("", null, null, false));
    }

    @GET
    @Path("setup.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response download() {
        SetupDocument doc = setup.export();
        return Response.ok(setup.text(doc)).header("ETag", setup.etag(doc))
                .header("Content-Disposition", "attachment; filename=\"setup-" + doc.orgno() + ".json\"").build();
    }

    /** The plan for an uploaded or pasted document; nothing is written. */
    @POST
    @Path("plan")
    public Object plan(@RestForm("document") String text, @RestForm FileUpload file,
            @HeaderParam("HX-Request") boolean htmx) {
        String document = text == null ? "" : text;
        try {
            if (file != null && file.size() > 0) {
                document = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
            }
            return show(new View(document, null, setup.plan(document.getBytes(StandardCharsets.UTF_8)), false),
                    htmx);
        } catch (InvalidInput e) {
            return Htmx.invalid(render(new View(document, e, null, false), htmx));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Htmx.invalid(render(new View(document, InvalidInput.of(SetupReader.OBJECT, "file",
                    "error.json.malformed"), null, false), htmx));
        }
    }

    /** Applies the document the plan was made from; a changed state shows the new plan (412). */
    @POST
    @Path("apply")
    public Object apply(@RestForm("document") String text, @RestForm String etag,
            @HeaderParam("HX-Request") boolean htmx) {
        byte[] body = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        try {
            SetupPlan done = setup.apply(body, etag);
            // a flash message's arguments travel as text: the count picks the message, not a choice format
            String message = switch (done.changes()) {
                case 0 -> "setup.applied.none";
                case 1 -> "setup.applied.one";
                default -> "setup.applied";
            };
            return Flash.seeOther(Paths.PORTAL + "/setup", htmx, message, String.valueOf(done.changes()));
        } catch (SetupPrecondition e) {
            return stale(text, body, htmx);
        } catch (InvalidInput e) {
            return Htmx.invalid(render(new View(text, e, null, false), htmx));
        }
    }

    /** The new plan (412), or the document's errors (422) when it cannot be planned: no etag and a bad document. */
    private Object stale(String text, byte[] body, boolean htmx) {
        try {
            View again = new View(text, null, setup.plan(body), true);
            return RestResponse.status(RestResponse.Status.PRECONDITION_FAILED, render(again, htmx));
        } catch (InvalidInput e) {
            return Htmx.invalid(render(new View(text, e, null, false), htmx));
        }
    }

    private static Object show(View view, boolean htmx) {
        return render(view, htmx);
    }

    private static TemplateInstance render(View view, boolean htmx) {
        return htmx ? Templates.setup$result(view) : Templates.setup(view);
    }
}
