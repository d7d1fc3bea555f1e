package no.samarbeidsportal.history;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestQuery;

/** The organisation's history, or one scope's: who changed what, when, and from what to what. */
@Path(Paths.PORTAL + "/audit")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class HistoryPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance history(HistoryService.History history);
    }

    private final HistoryService audit;

    HistoryPages(HistoryService audit) {
        this.audit = audit;
    }

    @GET
    public TemplateInstance history(@RestQuery String scope, @RestQuery Integer page) {
        return Templates.history(audit.history(scope, page == null ? 0 : page, HistoryService.PAGE_SIZE));
    }
}
