package no.samarbeidsportal.scopes;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import no.samarbeidsportal.identity.OrgNames;
import no.samarbeidsportal.system.Like;

/** The public catalogue: active PUBLIC scopes, for anyone, without login (admin-api.md 4.2). */
@ApplicationScoped
public class CatalogueService {

    /** {@code GET /scopes/all}'s filters; null means "no filter". */
    public record Filter(Boolean accessibleForAll, String integrationType, String prefix, boolean inactive) {
    }

    /** One page of a catalogue search, for the catalogue page. */
    public record Result(List<Scope> scopes, long total, int page, int pageSize) {

        public int pages() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }

        public boolean hasNext() {
            return page + 1 < pages();
        }
    }

    public static final int PAGE_SIZE = 50;

    private final OrgNames orgNames;

    CatalogueService(OrgNames orgNames) {
        this.orgNames = orgNames;
    }

    /** The catalogue with Digdir's filters: {@code integration_type} keeps scopes that allow it or allow any type. */
    public List<Scope> all(Filter filter) {
        StringBuilder q = new StringBuilder("visibility = :public");
        Parameters p = Parameters.with("public", Visibility.PUBLIC);
        if (!filter.inactive()) {
            q.append(" and active");
        }
        if (Boolean.TRUE.equals(filter.accessibleForAll())) {
            q.append(" and accessibleForAll");
        }
        if (filter.prefix() != null && !filter.prefix().isBlank()) {
            q.append(" and prefix = :prefix");
            p.and("prefix", filter.prefix().trim());
        }
        List<Scope> scopes = Scope.list(q + " order by name", p);
        if (filter.integrationType() == null || filter.integrationType().isBlank()) {
            return scopes;
        }
        String type = filter.integrationType().trim();
        return scopes.stream().filter(s -> IntegrationType.allowedBy(s.allowedIntegrationTypes, type)).toList();
    }

    /** A page of active PUBLIC scopes whose name or description contains {@code text}, by name. */
    public Result search(String text, int page) {
        String like = Like.contains(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        var query = Scope.find("visibility = ?1 and active and (lower(name) like ?2 escape '\\' "
                + "or lower(description) like ?2 escape '\\') order by name", Visibility.PUBLIC, like);
        int safePage = no.samarbeidsportal.system.Paging.page(page, PAGE_SIZE);
        List<Scope> scopes = query.page(Page.of(safePage, PAGE_SIZE)).list();
        orgNames.load(scopes.stream().map(s -> s.ownerOrgno).toList());
        return new Result(scopes, query.count(), safePage, PAGE_SIZE);
    }
}
