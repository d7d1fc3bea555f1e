package no.samarbeidsportal.scopes;

import java.util.Comparator;
import java.util.Locale;

/**
 * "Mine API"'s search, filters and order, as the page's GET parameters give them: {@code q} on name and description,
 * {@code prefix}, {@code status} (active or inactive), {@code accessible_for_all} (true or false) and {@code sort} (name,
 * created or access). A blank or unknown value means no filter, and the list is by name.
 */
public record ScopeQuery(String q, String prefix, String status, String accessibleForAll, String sort) {

    /** One row of the list: the scope and how many organisations have access to it now. */
    public record Row(Scope scope, long access) {
    }

    public ScopeQuery {
        q = clean(q);
        prefix = clean(prefix);
        status = "active".equals(status) || "inactive".equals(status) ? status : "";
        accessibleForAll = "true".equals(accessibleForAll) || "false".equals(accessibleForAll) ? accessibleForAll : "";
        sort = "created".equals(sort) || "access".equals(sort) ? sort : "name";
    }

    public static ScopeQuery none() {
        return new ScopeQuery(null, null, null, null, null);
    }

    /** Whether any filter or search narrows the list (the page then says so when nothing matches). */
    public boolean narrowed() {
        return !q.isEmpty() || !prefix.isEmpty() || !status.isEmpty() || !accessibleForAll.isEmpty();
    }

    boolean keeps(Scope scope) {
        String text = q.toLowerCase(Locale.ROOT);
        return (text.isEmpty() || scope.name.toLowerCase(Locale.ROOT).contains(text)
                || scope.description.toLowerCase(Locale.ROOT).contains(text))
                && (prefix.isEmpty() || prefix.equals(scope.prefix))
                && (status.isEmpty() || scope.active == "active".equals(status))
                && (accessibleForAll.isEmpty() || scope.accessibleForAll == "true".equals(accessibleForAll));
    }

    /** Newest first by creation, most organisations first by access; then by name. */
    Comparator<Row> order() {
        Comparator<Row> byName = Comparator.comparing(r -> r.scope().name);
        return switch (sort) {
            case "created" -> Comparator.comparing((Row r) -> r.scope().created).reversed().thenComparing(byName);
            case "access" -> Comparator.comparingLong(Row::access).reversed().thenComparing(byName);
            default -> byName;
        };
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
