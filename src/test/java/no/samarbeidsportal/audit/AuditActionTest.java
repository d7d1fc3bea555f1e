package no.samarbeidsportal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The actions audit lines store: written lines, the history API and the pages' texts all depend on their codes. */
class AuditActionTest {

    @Test
    void codesStayAsLinesAlreadyStoredHaveThem() {
        assertEquals(List.of("organisation.created", "role.granted", "role.revoked", "supplier.appointed",
                "supplier.ended", "prefix.requested", "prefix.request-approved", "prefix.request-rejected",
                "prefix.assigned", "scope.created", "scope.updated", "scope.deactivated", "scope.reactivated",
                "access.granted", "access.revoked", "access.imported", "client.created", "client.updated",
                "client.deactivated", "client.secret-renewed", "keys.replaced", "keys.added", "key.removed",
                "keys.cleared", "delegation.created", "delegation.withdrawn", "signing-key.created"),
                Arrays.stream(AuditAction.values()).map(AuditAction::code).toList());
    }

    @Test
    void everyCodeFitsTheColumnOnce() {
        Set<String> codes = new TreeSet<>();
        for (AuditAction action : AuditAction.values()) {
            assertTrue(action.code().length() <= 64, action.name());
            assertTrue(codes.add(action.code()), action.name());
        }
    }
}
