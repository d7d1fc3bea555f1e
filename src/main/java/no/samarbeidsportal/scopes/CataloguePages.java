package no.samarbeidsportal.scopes;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.samarbeidsportal.system.Paths;
import org.jboss.resteasy.reactive.RestQuery;

/** The public scope catalogue: anyone may browse and search the PUBLIC scopes, without logging in. */
@Path(Paths.PORTAL + "/catalogue")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class CataloguePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance catalogue(CatalogueService.Result result, CatalogueService.Search search,
                CatalogueService.Options options);

        static native TemplateInstance catalogue$results(CatalogueService.Result result,
                CatalogueService.Search search);
    }

    private final CatalogueService catalogue;

    CataloguePages(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    public TemplateInstance catalogue(@RestQuery String q, @RestQuery String owner, @RestQuery String prefix,
            @RestQuery Integer page, @HeaderParam("HX-Request") boolean htmx) {
        CatalogueService.Search search = new CatalogueService.Search(q, owner, prefix);
        CatalogueService.Result result = catalogue.search(search, page == null ? 0 : page);
        return htmx ? Templates.catalogue$results(result, search)
                : Templates.catalogue(result, search, catalogue.options());
    }
}
