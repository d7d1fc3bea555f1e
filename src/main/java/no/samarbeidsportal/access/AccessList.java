package no.samarbeidsportal.access;

import java.util.List;
import java.util.Map;
import no.samarbeidsportal.register.RegisterStatus;
import no.samarbeidsportal.scopes.Scope;

/**
 * One page of a scope's access list, with the register's status of those of its organisations that are deleted,
 * bankrupt or being wound up ({@code removable}, by number), how many such the whole list holds, and whether the page shows only those.
 */
public record AccessList(Scope scope, List<AccessEntry> entries, long total, int page, int pageSize,
        Map<String, RegisterStatus> removable, long removableTotal, boolean onlyRemovable) {

    public AccessList(Scope scope, List<AccessEntry> entries, long total, int page, int pageSize) {
        this(scope, entries, total, page, pageSize, Map.of(), 0, false);
    }

    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }

    /** The message key of the register's status of the organisation when it should probably go, else null. */
    public String removableKey(String orgno) {
        RegisterStatus status = removable.get(orgno);
        return status == null ? null : InactiveAccessService.statusKey(status);
    }
}
