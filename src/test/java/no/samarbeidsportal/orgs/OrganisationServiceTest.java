package no.samarbeidsportal.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Membership;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.identity.Person;
import no.samarbeidsportal.identity.Role;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganisationServiceTest {

    @Inject
    OrganisationService organisations;

    @Inject
    Actor actor;

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "platform")
    void platformAdministratorRegistersAnOrganisationAndTheChangeIsAudited() {
        String orgno = TestData.FREE[0];
        Organisation created = organisations.create(new NewOrganisation(orgno.substring(0, 3) + " "
                + orgno.substring(3), "  Ny Organisasjon AS "));

        assertEquals(orgno, created.orgno);
        assertEquals("Ny Organisasjon AS", created.name);
        List<AuditEvent> history = AuditEvent.ofSubject("Organisation", orgno);
        assertEquals(1, history.size());
        assertEquals("platform", history.get(0).actor);
        assertEquals("PERSON", history.get(0).actorKind);
        assertEquals("Ny Organisasjon AS", history.get(0).after.get("name"));
    }

    @Test
    @TestSecurity(user = "platform")
    void refusesAnOrganisationNumberWithAWrongCheckDigitAndWritesNothing() {
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> organisations.create(new NewOrganisation("123456789", "Feil AS")));

        assertEquals("orgno.invalid", e.of("orgno"));
        assertNull(Organisation.findById("123456789"));
    }

    @Test
    @TestSecurity(user = "platform")
    void reportsEveryInvalidFieldAtOnce() {
        InvalidInput e = assertThrows(InvalidInput.class, () -> organisations.create(new NewOrganisation("", " ")));

        assertEquals("orgno.required", e.of("orgno"));
        assertEquals("organisation.name.required", e.of("name"));
    }

    @Test
    @TestSecurity(user = "platform")
    void refusesAnOrganisationThatIsAlreadyRegistered() {
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> organisations.create(new NewOrganisation(TestData.ORG_A, "Kopi AS")));

        assertEquals("orgno.taken", e.of("orgno"));
        assertEquals("Org A AS", Organisation.<Organisation>findById(TestData.ORG_A).name);
    }

    @Test
    @TestSecurity(user = "anna")
    void onlyThePlatformAdministratorRegistersOrganisations() {
        assertThrows(Forbidden.class, () -> organisations.create(new NewOrganisation(TestData.FREE[1], "X AS")));
        assertNull(Organisation.findById(TestData.FREE[1]));
    }

    @Test
    @TestSecurity(user = "anna")
    void anOrganisationsAdministratorGrantsRolesInTheirOrganisation() {
        Membership m = organisations.grantRole(TestData.ORG_A, new RoleGrant("new.person@a.example", Role.SUPPLIER));

        assertNotNull(Person.bySubject("new.person@a.example").orElse(null));
        assertEquals(Role.SUPPLIER, m.role);
        assertEquals("anna", m.grantedBy);
        AuditEvent audit = AuditEvent.ofSubject("Membership", m.id.toString()).get(0);
        assertEquals(TestData.ORG_A, audit.orgno);
        assertEquals("role.granted", audit.action);
    }

    @Test
    @TestSecurity(user = "anna")
    void anotherOrganisationsPeopleAreNotFound() {
        assertThrows(NotFound.class, () -> organisations.detail(TestData.ORG_B));
        assertThrows(NotFound.class,
                () -> organisations.grantRole(TestData.ORG_B, new RoleGrant("anna", Role.API_ADMIN)));
        Person anna = Person.bySubject("anna").orElseThrow();
        assertEquals(0, Membership.count(anna, TestData.ORG_B, Role.API_ADMIN));
    }

    @Test
    @TestSecurity(user = "anna")
    void anotherOrganisationsMembershipCannotBeRevokedThroughOurs() {
        long bertsRole = Membership.inOrganisation(TestData.ORG_B).get(0).id;

        assertThrows(NotFound.class, () -> organisations.revokeRole(TestData.ORG_A, bertsRole));
        assertNotNull(Membership.findById(bertsRole));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aPersonWithoutTheAdministratorRoleCannotGrantRoles() {
        assertThrows(Forbidden.class,
                () -> organisations.grantRole(TestData.ORG_A, new RoleGrant("ivar", Role.API_ADMIN)));
    }

    @Test
    @TestSecurity(user = "anna")
    void refusesARoleThePersonAlreadyHas() {
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> organisations.grantRole(TestData.ORG_A, new RoleGrant("anna", Role.API_ADMIN)));
        assertEquals("role.duplicate", e.of("role"));
    }

    @Test
    @TestSecurity(user = "platform")
    void thePlatformAdministratorGrantsAndRevokesRolesAnywhere() {
        Membership m = organisations.grantRole(TestData.ORG_B, new RoleGrant("nina", Role.INTEGRATION_ADMIN));
        organisations.revokeRole(TestData.ORG_B, m.id);

        assertNull(Membership.findById(m.id));
        List<AuditEvent> history = AuditEvent.ofSubject("Membership", m.id.toString());
        assertEquals(List.of("role.revoked", "role.granted"), history.stream().map(a -> a.action).toList());
        assertEquals("INTEGRATION_ADMIN", history.get(0).before.get("role"));
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonActsOnlyForOrganisationsTheyHaveARoleIn() {
        assertEquals(TestData.ORG_A, actor.orgno());
        assertTrue(actor.may(Permission.SCOPES_WRITE));
        assertTrue(actor.may(Permission.ROLES_MANAGE));
        assertEquals(List.of(TestData.ORG_A), actor.organisations().stream().map(o -> o.orgno).toList());
        assertThrows(NotFound.class, () -> organisations.switchTo(TestData.ORG_B));
    }

    @Test
    @TestSecurity(user = "someone.new")
    void aFirstLoginRegistersThePersonWithoutAnyOrganisation() {
        assertNull(actor.orgno());
        assertTrue(actor.permissions().isEmpty());
        assertNotNull(Person.bySubject("someone.new").orElse(null));
        assertThrows(Forbidden.class, () -> actor.require(Permission.SCOPES_READ));
    }

    @Test
    void theDatabaseItselfRefusesAnInvalidOrganisationNumber() {
        assertThrows(PersistenceException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("insert into organisation (orgno, name) values ('123456789', 'Feil AS')")
                        .executeUpdate()));
    }

    @Test
    void theDatabaseItselfRefusesAnUnknownRole() {
        assertThrows(PersistenceException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("insert into membership (person_id, orgno, role, granted_by) "
                        + "select id, '310000019', 'SUPERUSER', 'test' from person where subject = 'nina'")
                        .executeUpdate()));
    }

    @Test
    @TestSecurity(user = "olga.operator")
    void aPlatformAdministratorNamedInTheConfigurationMayRegisterOrganisations() {
        assertTrue(actor.isPlatformAdmin());
        assertTrue(organisations.all().stream().anyMatch(o -> o.orgno.equals(TestData.ORG_A)));
    }

    @Test
    @TestSecurity(user = "bert")
    void anOrganisationKeepsItsLastAdministrator() {
        Membership last = Membership.inOrganisation(TestData.ORG_B).stream()
                .filter(m -> m.role == Role.ORG_ADMIN).findFirst().orElseThrow();

        assertThrows(Conflict.class, () -> organisations.revokeRole(TestData.ORG_B, last.id));
        assertNotNull(Membership.findById(last.id));
    }
}
