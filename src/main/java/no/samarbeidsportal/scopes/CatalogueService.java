package no.samarbeidsportal.scopes;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.register.OrgNames;
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

    /** The catalogue page's search: text on name and description, owner's organisation number, prefix. */
    public record Search(String q, String owner, String prefix) {

        public Search {
            q = q == null ? "" : q.strip();
            owner = owner == null ? "" : owner.strip();
            prefix = prefix == null ? "" : prefix.strip();
        }

        /** The search as a query string, for the pager's links. */
        public String link() {
            return "q=" + url(q) + "&owner=" + url(owner) + "&prefix=" + url(prefix);
        }

        private static String url(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** An organisation with scopes in the catalogue; its name where the portal knows it. */
    public record Owner(String orgno, String name) {

        public String label() {
            return name == null ? orgno : name + " (" + orgno + ")";
        }
    }

    /** What the catalogue's filters offer. */
    public record Options(List<Owner> owners, List<String> prefixes) {
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

    /** A page of active PUBLIC scopes the search keeps (text, owner, prefix), by name. */
    public Result search(Search search, int page) {
        StringBuilder q = new StringBuilder("visibility = :public and active and (lower(name) like :text escape '\\' "
                + "or lower(description) like :text escape '\\')");
        Parameters p = Parameters.with("public", Visibility.PUBLIC)
                .and("text", Like.contains(search.q().toLowerCase(Locale.ROOT)));
        if (!search.owner().isEmpty()) {
            q.append(" and ownerOrgno = :owner");
            p.and("owner", OrgNumbers.normalise(search.owner()));
        }
        if (!search.prefix().isEmpty()) {
            q.append(" and prefix = :prefix");
            p.and("prefix", search.prefix());
        }
        var query = Scope.find(q + " order by name", p);
        int safePage = no.samarbeidsportal.system.Paging.page(page, PAGE_SIZE);
        List<Scope> scopes = query.page(Page.of(safePage, PAGE_SIZE)).list();
        orgNames.load(scopes.stream().map(s -> s.ownerOrgno).toList());
        return new Result(scopes, query.count(), safePage, PAGE_SIZE);
    }

    /** One scope of the catalogue (active and PUBLIC) by name, with its owner's name loaded; any other is 404. */
    public Scope entry(String name) {
        Scope scope = name == null ? null : Scope.named(name.trim()).orElse(null);
        if (scope == null || !scope.active || scope.visibility != Visibility.PUBLIC) {
            throw new no.samarbeidsportal.system.NotFound("scope.not-found", name == null ? "" : name);
        }
        orgNames.load(List.of(scope.ownerOrgno));
        return scope;
    }

    /** The owners and prefixes that have scopes in the catalogue, for its filters; owners by name. */
    public Options options() {
        List<String> numbers = Scope.getEntityManager().createQuery("select distinct s.ownerOrgno from Scope s "
                + "where s.visibility = :public and s.active", String.class).setParameter("public", Visibility.PUBLIC)
                .getResultList();
        // by the name people see everywhere else (the register's where it knows the owner)
        orgNames.load(numbers);
        List<Owner> owners = numbers.stream().map(n -> new Owner(n, orgNames.name(n)))
                .sorted(java.util.Comparator.comparing(Owner::label, String.CASE_INSENSITIVE_ORDER)).toList();
        List<String> prefixes = Scope.getEntityManager().createQuery("select distinct s.prefix from Scope s "
                + "where s.visibility = :public and s.active order by s.prefix", String.class)
                .setParameter("public", Visibility.PUBLIC).getResultList();
        return new Options(owners, prefixes);
    }
}
