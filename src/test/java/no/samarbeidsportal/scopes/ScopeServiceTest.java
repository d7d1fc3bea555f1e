package no.samarbeidsportal.scopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScopeServiceTest {

    @Inject
    ScopeService scopes;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static ScopeAttributes described(String description) {
        return new ScopeAttributes(description, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonCreatesAScopeAndTheAuditLineNamesThePerson() {
        String subscope = TestScopes.unique("person");
        Scope scope = scopes.create(new NewScope("alfa", subscope, described("Av en person")));

        assertEquals("alfa:" + subscope, scope.name);
        assertEquals(TestData.ORG_A, scope.ownerOrgno);
        List<AuditEvent> history = AuditEvent.ofSubject("Scope", scope.name);
        assertEquals(1, history.size());
        assertEquals("PERSON", history.get(0).actorKind);
        assertEquals("anna", history.get(0).actor);
        assertEquals(TestData.ORG_A, history.get(0).orgno);
        assertEquals("Av en person", history.get(0).after.get("description"));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationNeitherSeesNorChangesTheScope() {
        String name = TestScopes.ofA();
        assertThrows(Forbidden.class, () -> scopes.mine(name, true));
        assertThrows(Forbidden.class, () -> scopes.update(name, new ScopeChange(described("x"), null)));
        assertThrows(Forbidden.class, () -> scopes.deactivate(name));
        assertTrue(scopes.mine(true).stream().noneMatch(s -> s.name.equals(name)));
        assertThrows(Forbidden.class, () -> scopes.create(new NewScope("alfa", "x", described("x"))));
    }

    @Test
    @TestSecurity(user = "anna")
    void invalidInputIsReportedFieldByFieldAndNothingIsWritten() {
        String subscope = TestScopes.unique("bad");
        InvalidInput e = assertThrows(InvalidInput.class, () -> scopes.create(new NewScope("alfa", subscope + "/",
                described(" "))));
        assertEquals(List.of("subscope", "description"), e.errors().stream().map(f -> f.field()).toList());
        assertTrue(Scope.named("alfa:" + subscope + "/").isEmpty());
    }

    @Test
    @TestSecurity(user = "anna")
    void aNumberThePageCouldNotReadIsReportedWithTheOtherErrors() {
        String subscope = TestScopes.unique("tall");
        ScopeAttributes attributes = new ScopeAttributes(" ", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, java.util.Set.of("at_max_age"));
        InvalidInput e = assertThrows(InvalidInput.class, () -> scopes.create(new NewScope("alfa", subscope,
                attributes)));
        assertEquals("scope.description.required", e.of("description"));
        assertEquals("field.whole-number", e.of("at_max_age"));
        assertTrue(Scope.named("alfa:" + subscope).isEmpty());
    }

    @Test
    @TestSecurity(user = "anna")
    void twoTransactionsSavingTheSameScopeCannotBothWin() {
        String name = TestScopes.ofA();
        Throwable failure = assertThrows(Throwable.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Scope stale = Scope.named(name).orElseThrow();
            stale.description = "slow editor";
            // someone else saves in between, in their own transaction
            QuarkusTransaction.requiringNew().run(() -> scopes.update(name,
                    new ScopeChange(described("fast editor"), null)));
        }));
        assertNotNull(no.samarbeidsportal.system.ConcurrentChanges.of(failure), failure.toString());
        assertInstanceOf(Conflict.class, no.samarbeidsportal.system.ConcurrentChanges.of(failure));
        assertEquals("fast editor", QuarkusTransaction.requiringNew().call(() ->
                Scope.named(name).orElseThrow().description));
    }
}
