package no.samarbeidsportal.scopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.scopes.prefixes.NewPrefix;
import no.samarbeidsportal.scopes.prefixes.PrefixService;
import no.samarbeidsportal.scopes.prefixes.ScopePrefix;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PrefixServiceTest {

    @Inject
    PrefixService prefixes;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "platform")
    void thePlatformAdministratorAssignsAPrefixAndItIsAudited() {
        ScopePrefix p = prefixes.assign(TestData.ORG_B, new NewPrefix(" beta-two "));

        assertEquals("beta-two", p.prefix);
        AuditEvent audit = AuditEvent.ofSubject("ScopePrefix", "beta-two").get(0);
        assertEquals(TestData.ORG_B, audit.orgno);
        assertEquals("prefix.assigned", audit.action);
    }

    @Test
    @TestSecurity(user = "platform")
    void refusesAMalformedPrefix() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> prefixes.assign(TestData.ORG_A, new NewPrefix("Ugyldig:x")));
        assertEquals("prefix.format", e.of("prefix"));
        assertNull(ScopePrefix.findById("Ugyldig:x"));
    }

    @Test
    @TestSecurity(user = "platform")
    void aPrefixIsAssignedOnce() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> prefixes.assign(TestData.ORG_B, new NewPrefix("alfa")));
        assertEquals("prefix.taken", e.of("prefix"));
    }

    @Test
    @TestSecurity(user = "platform")
    void anUnknownOrganisationIsNotFound() {
        assertThrows(NotFound.class, () -> prefixes.assign(TestData.FREE[7], new NewPrefix("ukjent")));
    }

    @Test
    @TestSecurity(user = "anna")
    void anApiAdministratorCannotAssignPrefixesButReadsTheirOwn() {
        assertThrows(Forbidden.class, () -> prefixes.assign(TestData.ORG_A, new NewPrefix("alfa-two")));
        assertEquals("alfa", prefixes.mine().get(0).prefix);
    }

    @Test
    @TestSecurity(user = "ivar")
    void anIntegrationAdministratorCannotReadPrefixes() {
        assertThrows(Forbidden.class, () -> prefixes.mine());
    }
}
