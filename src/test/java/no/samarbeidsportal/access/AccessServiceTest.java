package no.samarbeidsportal.access;

import static no.samarbeidsportal.TestScopes.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access lists (admin-api.md 5): anna administers A's APIs, bert B's; every test has a new scope of A. Consumers not
 * registered in the portal are Digdir (991825827) and NAV (889640782).
 */
@QuarkusTest
class AccessServiceTest {

    private static final String DIGDIR = "991825827";
    private static final String NAV = "889640782";

    @Inject
    AccessService access;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** The scope's access-list audit lines, newest first. */
    private static List<AuditEvent> history(String scope) {
        return AuditEvent.ofSubject("Scope", scope).stream().filter(e -> e.action.startsWith("access.")).toList();
    }

    private static AccessState state(String scope, String consumer) {
        return QuarkusTransaction.requiringNew().call(() -> ScopeAccess.of(Scope.named(scope).orElseThrow(), consumer)
                .map(a -> a.state).orElse(null));
    }

    private static List<String> consumers(AccessList list) {
        return list.entries().stream().map(e -> e.access().consumerOrgno).toList();
    }

    private static void grantOverTheApi(String scope, String consumer) {
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + consumer)
                .then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "anna")
    void grantingPutsTheConsumerOnTheListOnceWithOneAuditLine() {
        String scope = TestScopes.ofA();

        AccessEntry entry = access.grant(scope, " " + TestData.ORG_B + " ");
        AccessEntry again = access.grant(scope, TestData.ORG_B);

        assertEquals(TestData.ORG_B, entry.access().consumerOrgno);
        assertEquals(AccessState.APPROVED, entry.access().state);
        assertEquals("Org B AS", entry.consumerName());
        assertEquals("Org A AS", entry.ownerName());
        assertEquals(entry.access().id, again.access().id);
        List<AuditEvent> lines = history(scope);
        assertEquals(1, lines.size());
        assertEquals("access.granted", lines.get(0).action);
        assertEquals("anna", lines.get(0).actor);
        assertEquals(TestData.ORG_A, lines.get(0).orgno);
        assertNull(lines.get(0).before);
        assertEquals(Map.of("scope", scope, "consumer_orgno", TestData.ORG_B, "state", "APPROVED"),
                lines.get(0).after);
    }

    @Test
    @TestSecurity(user = "anna")
    void revokingKeepsTheEntryAsDeniedAndGrantingAgainReApprovesIt() {
        String scope = TestScopes.ofA();
        access.grant(scope, NAV);

        assertEquals(AccessState.DENIED, access.revoke(scope, NAV).access().state);
        access.revoke(scope, NAV);

        assertEquals(List.of(), consumers(access.list(scope, AccessQuery.all(false, null, null))));
        assertEquals(List.of(NAV), consumers(access.list(scope, AccessQuery.all(true, null, null))));
        assertEquals(AccessState.DENIED, state(scope, NAV));
        access.grant(scope, NAV);
        assertEquals(AccessState.APPROVED, state(scope, NAV));
        List<AuditEvent> lines = history(scope);
        assertEquals(List.of("access.granted", "access.revoked", "access.granted"),
                lines.stream().map(e -> e.action).toList());
        assertEquals("APPROVED", lines.get(1).before.get("state"));
        assertEquals("DENIED", lines.get(1).after.get("state"));
    }

    @Test
    @TestSecurity(user = "anna")
    void refusesAnInvalidNumberAndAConsumerNotOnTheListCannotBeRevoked() {
        String scope = TestScopes.ofA();

        InvalidInput invalid = assertThrows(InvalidInput.class, () -> access.grant(scope, "123456789"));
        assertEquals("ScopeAccess", invalid.objectName());
        assertEquals("orgno.invalid", invalid.of("consumer_orgno"));
        assertThrows(NotFound.class, () -> access.revoke(scope, DIGDIR));
        assertThrows(NotFound.class, () -> access.grant("alfa:finnes.ikke", DIGDIR));
        assertNull(state(scope, DIGDIR));
        assertEquals(List.of(), history(scope));
    }

    @Test
    @TestSecurity(user = "anna")
    void theListFiltersByConsumerSearchesNumberAndNameAndPages() {
        String scope = TestScopes.ofA();
        access.grant(scope, TestData.ORG_B);
        access.grant(scope, DIGDIR);
        access.grant(scope, NAV);

        assertEquals(List.of(TestData.ORG_B, NAV, DIGDIR),
                consumers(access.list(scope, AccessQuery.all(false, null, null))));
        assertEquals(List.of(DIGDIR), consumers(access.list(scope, AccessQuery.all(false, DIGDIR, null))));
        assertEquals(List.of(), consumers(access.list(scope, AccessQuery.all(false, null, TestData.ORG_B))));
        assertEquals(List.of(TestData.ORG_B), consumers(access.list(scope,
                new AccessQuery(false, null, null, "org b", null))));
        assertEquals(List.of(DIGDIR), consumers(access.list(scope,
                new AccessQuery(false, null, null, "991 825", null))));
        AccessList page = access.list(scope, new AccessQuery(false, null, null, null, 0));
        assertEquals(3, page.total());
        assertEquals(1, page.pages());
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsAccessListIsRefusedAndStaysAsItWas() {
        String theirs = TestScopes.ofA();
        grantOverTheApi(theirs, TestData.ORG_B);

        // admin-api.md 4.3: another organisation's scope is 403, where its other objects are 404
        assertThrows(Forbidden.class, () -> access.list(theirs, AccessQuery.all(true, null, null)));
        assertThrows(Forbidden.class, () -> access.grant(theirs, NAV));
        assertThrows(Forbidden.class, () -> access.revoke(theirs, TestData.ORG_B));
        assertThrows(Forbidden.class, () -> access.importTarget(theirs));
        assertThrows(Forbidden.class, () -> access.previewImport(theirs, NAV));
        assertThrows(Forbidden.class, () -> access.confirmImport(theirs, NAV, false));

        assertEquals(AccessState.APPROVED, state(theirs, TestData.ORG_B));
        assertNull(state(theirs, NAV));
        assertTrue(history(theirs).stream().noneMatch(e -> e.actor.equals("bert")));
    }

    @Test
    @TestSecurity(user = "bert")
    void aConsumerSeesTheScopesItWasGrantedAndNoOneElses() {
        String granted = TestScopes.ofA();
        String toSomeoneElse = TestScopes.ofA();
        String revoked = TestScopes.ofA();
        String idportenOnly = TestScopes.createInA(TestScopes.unique("idporten"),
                Map.of("allowed_integration_types", List.of("idporten")));
        grantOverTheApi(granted, TestData.ORG_B);
        grantOverTheApi(toSomeoneElse, DIGDIR);
        grantOverTheApi(revoked, TestData.ORG_B);
        grantOverTheApi(idportenOnly, TestData.ORG_B);
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", revoked)
                .delete("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);

        List<AccessEntry> mine = access.grantedToMe(false, null);
        AccessEntry entry = mine.stream().filter(e -> e.access().scope.name.equals(granted)).findFirst()
                .orElseThrow();
        assertEquals("Org B AS", entry.consumerName());
        assertEquals("Org A AS", entry.ownerName());
        assertTrue(mine.stream().allMatch(e -> e.access().consumerOrgno.equals(TestData.ORG_B)));
        List<String> names = mine.stream().map(e -> e.access().scope.name).toList();
        assertTrue(names.contains(idportenOnly));
        assertTrue(!names.contains(toSomeoneElse) && !names.contains(revoked), names.toString());
        assertTrue(access.grantedToMe(true, null).stream().anyMatch(e -> e.access().scope.name.equals(revoked)));
        assertTrue(access.grantedToMe(false, "maskinporten").stream()
                .noneMatch(e -> e.access().scope.name.equals(idportenOnly)));
    }

    @Test
    @TestSecurity(user = "anna")
    void aPreviewWritesNothingAndConfirmingAddsEveryNewNumberInOneAuditLine() {
        String scope = TestScopes.ofA();
        access.grant(scope, TestData.ORG_B);
        access.grant(scope, NAV);
        access.revoke(scope, NAV);
        String text = "orgno\n991 825 827\n991825828\n991825827\n" + TestData.ORG_B + "\n12345\n" + NAV + "\n";

        AccessImport preview = access.previewImport(scope, text);

        assertEquals(List.of(AccessImport.Status.ADD, AccessImport.Status.INVALID_CHECK_DIGIT,
                AccessImport.Status.DUPLICATE, AccessImport.Status.ALREADY_PRESENT,
                AccessImport.Status.INVALID_FORMAT, AccessImport.Status.ADD),
                preview.rows().stream().map(AccessImport.Row::status).toList());
        assertNull(state(scope, DIGDIR));
        assertEquals(AccessState.DENIED, state(scope, NAV));

        AccessImport done = access.confirmImport(scope, text, false);

        assertEquals(List.of(DIGDIR, NAV), done.toAdd());
        assertEquals(AccessState.APPROVED, state(scope, DIGDIR));
        assertEquals(AccessState.APPROVED, state(scope, NAV), "a revoked entry is re-approved");
        AuditEvent line = history(scope).get(0);
        assertEquals("access.imported", line.action);
        assertEquals("anna", line.actor);
        assertEquals(2, ((Number) line.after.get("count")).intValue());
        assertEquals(List.of(DIGDIR, NAV), line.after.get("consumer_orgnos"));
        assertEquals(1, history(scope).stream().filter(e -> e.action.equals("access.imported")).count());

        InvalidInput nothing = assertThrows(InvalidInput.class, () -> access.confirmImport(scope, text, false));
        assertEquals("access.import.nothing", nothing.of("consumers"));
        InvalidInput empty = assertThrows(InvalidInput.class, () -> access.previewImport(scope, " \n "));
        assertEquals("access.import.empty", empty.of("consumers"));
        assertEquals(1, history(scope).stream().filter(e -> e.action.equals("access.imported")).count());
    }

    @Test
    @TestSecurity(user = "ivar")
    void anIntegrationAdministratorCannotChangeAccessLists() {
        String scope = TestScopes.ofA();
        assertThrows(Forbidden.class, () -> access.grant(scope, DIGDIR));
        assertThrows(Forbidden.class, () -> access.list(scope, AccessQuery.all(false, null, null)));
        assertThrows(Forbidden.class, () -> access.confirmImport(scope, DIGDIR, false));
        assertNull(state(scope, DIGDIR));
    }
}
