package no.samarbeidsportal.history;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.samarbeidsportal.system.Messages;
import no.samarbeidsportal.system.PageContext;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The organisation's history, or one scope's: who changed what, when, and from what to what, in words; filtered by
 * person, kind of change and days, and downloadable as CSV with the same filter.
 */
@Path(Paths.PORTAL + "/audit")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class HistoryPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance history(HistoryService.History history, List<HistoryWords.Row> rows,
                HistoryFilter filter, List<HistoryWords.Choice> actions);

        static native TemplateInstance history$results(HistoryService.History history, List<HistoryWords.Row> rows,
                HistoryFilter filter, List<HistoryWords.Choice> actions);
    }

    private final HistoryService audit;
    private final HistoryWords words;
    private final PageContext page;
    private final Messages messages;

    HistoryPages(HistoryService audit, HistoryWords words, PageContext page, Messages messages) {
        this.audit = audit;
        this.words = words;
        this.page = page;
        this.messages = messages;
    }

    @GET
    public TemplateInstance history(@RestQuery String scope, @RestQuery String person, @RestQuery String action,
            @RestQuery String from, @RestQuery String to, @RestQuery("page") Integer number,
            @HeaderParam("HX-Target") String target) {
        HistoryFilter filter = HistoryFilter.of(scope, person, action, from, to);
        HistoryService.History history = audit.history(filter, number == null ? 0 : number, HistoryService.PAGE_SIZE);
        List<HistoryWords.Row> rows = words.rows(history, page.locale());
        List<HistoryWords.Choice> actions = words.actions(page.locale());
        return "history-results".equals(target) ? Templates.history$results(history, rows, filter, actions)
                : Templates.history(history, rows, filter, actions);
    }

    /** The filtered history as a spreadsheet file: the same events the page shows for the same filter. */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public RestResponse<String> export(@RestQuery String scope, @RestQuery String person, @RestQuery String action,
            @RestQuery String from, @RestQuery String to) {
        HistoryService.History history = audit.export(HistoryFilter.of(scope, person, action, from, to));
        String csv = HistoryCsv.of(words.rows(history, page.locale()), messages, page.locale());
        return RestResponse.ResponseBuilder.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + messages.get(page.locale(),
                        "history.export.file") + ".csv\"").build();
    }
}
