package no.samarbeidsportal.access;

import static no.samarbeidsportal.TestScopes.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Forbidden;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Undo of a removal from an access list (issue 14): within the time, by the scope's owner, only that very removal; the
 * restore is audited as a grant. anna administers A's APIs, bert B's; NAV (889640782) is not registered.
 */
@QuarkusTest
class AccessUndoTest {

    private static final String NAV = "889640782";

    @Inject
    AccessService access;

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static ScopeAccess entry(String scope, String consumer) {
        return QuarkusTransaction.requiringNew().call(() -> ScopeAccess.of(Scope.named(scope).orElseThrow(), consumer)
                .orElseThrow());
    }

    private static List<String> history(String scope) {
        return AuditEvent.ofSubject("Scope", scope).stream().map(e -> e.action).filter(a -> a.startsWith("access."))
                .toList();
    }

    @Test
    @TestSecurity(user = "anna")
    void anUndoWithinTheTimeRestoresTheGrantAndIsAuditedAsAGrant() {
        String scope = TestScopes.ofA();
        access.grant(scope, NAV);
        AccessEntry revoked = access.revoke(scope, NAV);

        AccessEntry restored = access.undoRevoke(scope, NAV, revoked.access().lastUpdated.toEpochMilli());

        assertEquals(AccessState.APPROVED, restored.access().state);
        assertEquals(AccessState.APPROVED, entry(scope, NAV).state);
        assertEquals(List.of("access.granted", "access.revoked", "access.granted"), history(scope));
        AuditEvent line = AuditEvent.ofSubject("Scope", scope).get(0);
        assertEquals("anna", line.actor);
        assertEquals("DENIED", line.before.get("state"));
        assertEquals("APPROVED", line.after.get("state"));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationCannotUndoTheRemoval() {
        String theirs = TestScopes.ofA();
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", theirs).put("/api/v1/scopes/access/" + NAV)
                .then().statusCode(200);
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", theirs).delete("/api/v1/scopes/access/" + NAV)
                .then().statusCode(200);
        long revokedAt = entry(theirs, NAV).lastUpdated.toEpochMilli();

        // admin-api.md 4.3: another organisation's scope is 403
        assertThrows(Forbidden.class, () -> access.undoRevoke(theirs, NAV, revokedAt));

        assertEquals(AccessState.DENIED, entry(theirs, NAV).state);
        assertEquals(List.of("access.revoked", "access.granted"), history(theirs));
    }

    @Test
    @TestSecurity(user = "anna")
    void anUndoAfterTheTimeIsRefusedAndChangesNothing() {
        String scope = TestScopes.ofA();
        access.grant(scope, NAV);
        access.revoke(scope, NAV);
        Instant longAgo = Instant.now().minus(AccessService.UNDO_WINDOW).minusSeconds(5);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update scope_access set last_updated = ?1 where consumer_orgno = ?2 and scope_id = "
                        + "(select id from scope where name = ?3)")
                .setParameter(1, java.sql.Timestamp.from(longAgo)).setParameter(2, NAV).setParameter(3, scope)
                .executeUpdate());
        long revokedAt = entry(scope, NAV).lastUpdated.toEpochMilli();

        Conflict refused = assertThrows(Conflict.class, () -> access.undoRevoke(scope, NAV, revokedAt));

        assertEquals("access.undo.expired", refused.messageKey());
        assertEquals(AccessState.DENIED, entry(scope, NAV).state);
        assertEquals(List.of("access.revoked", "access.granted"), history(scope));
    }

    @Test
    @TestSecurity(user = "anna")
    void onlyThatRemovalCanBeUndoneNotAnEarlierOneNorAGrantMadeSince() {
        String scope = TestScopes.ofA();
        access.grant(scope, NAV);
        long first = access.revoke(scope, NAV).access().lastUpdated.toEpochMilli();
        access.grant(scope, NAV);

        assertEquals("access.undo.changed",
                assertThrows(Conflict.class, () -> access.undoRevoke(scope, NAV, first)).messageKey());
        long second = waitedRevoke(scope, first);
        assertEquals("access.undo.changed",
                assertThrows(Conflict.class, () -> access.undoRevoke(scope, NAV, first)).messageKey());
        assertEquals(AccessState.DENIED, entry(scope, NAV).state);

        access.undoRevoke(scope, NAV, second);
        assertEquals(AccessState.APPROVED, entry(scope, NAV).state);
    }

    // a second removal in another millisecond than the first, so the two are told apart
    private long waitedRevoke(String scope, long first) {
        long at;
        do {
            at = access.revoke(scope, NAV).access().lastUpdated.toEpochMilli();
            if (at == first) {
                access.grant(scope, NAV);
            }
        } while (at == first);
        return at;
    }
}
