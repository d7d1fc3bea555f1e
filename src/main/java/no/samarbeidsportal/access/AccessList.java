package no.samarbeidsportal.access;

import java.util.List;
import no.samarbeidsportal.scopes.Scope;

/** One page of a scope's access list. */
public record AccessList(Scope scope, List<AccessEntry> entries, long total, int page, int pageSize) {

    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }
}
