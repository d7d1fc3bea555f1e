package no.samarbeidsportal.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.orgs.NewOrganisation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganisationRegisterTest {

    @Inject
    OrganisationRegister register;

    @Inject
    OrgNames names;

    @Inject
    Validator validator;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void namesTheNumbersItKnowsAndLeavesOutTheOthers() {
        String unknown = TestData.unknownOrgno();
        Map<String, String> found = register.names(List.of(TestData.ORG_A, TestData.ORG_B, unknown, TestData.ORG_A));
        assertEquals(Map.of(TestData.ORG_A, "Org A AS", TestData.ORG_B, "Org B AS"), found);
        assertTrue(register.knows(TestData.ORG_A));
        assertFalse(register.knows(unknown));
        assertEquals(Map.of(), register.names(List.of()));
    }

    @Test
    void aPageLoadsTheNamesOfItsListInOneGoAndThenOnlyReadsThem() {
        String early = TestData.freshOrganisation("Tidlig AS");
        String late = TestData.freshOrganisation("Sen AS");
        String unknown = TestData.unknownOrgno();
        assertNull(names.name(early), "nothing is looked up before the service loads it");

        names.load(List.of(early, late, unknown, early));
        // renamed after the load: the page shows the names of the one load and asks the register no more
        rename(late, "Omdøpt AS");
        names.load(List.of(late));
        assertEquals("Tidlig AS", names.name(early));
        assertEquals("Sen AS", names.name(late));
        assertNull(names.name(unknown));
        assertEquals(OrgNumbers.format(unknown), names.label(unknown));
        assertEquals("Tidlig AS (" + OrgNumbers.format(early) + ")", names.label(early));
    }

    @Test
    void theConstraintSaysWhetherTheDigitsOrTheCheckDigitIsWrong() {
        assertEquals(List.of("orgno.digits"), messages(new NewOrganisation("97476107", "Kort AS")));
        assertEquals(List.of("orgno.digits"), messages(new NewOrganisation("974-761-076", "Strek AS")));
        assertEquals(List.of("orgno.invalid"), messages(new NewOrganisation("974761077", "Feil AS")));
        assertEquals(List.of(), messages(new NewOrganisation("974761076", "Riktig AS")));
    }

    private List<String> messages(Object command) {
        return validator.validate(command).stream().map(v -> v.getMessageTemplate()).toList();
    }

    private static void rename(String orgno, String name) {
        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("update organisation set name = ?1 where orgno = ?2").setParameter(1, name)
                .setParameter(2, orgno).executeUpdate());
    }
}
