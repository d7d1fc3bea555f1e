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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.orgs.NewOrganisation;
import no.samarbeidsportal.system.Messages;
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
    void theRegisterGivesStatusesAndNamesThePortalLacksThePortalKeepsItsOwnNames() {
        String both = TestData.freshOrganisation("Portalens navn AS");
        String portalOnly = TestData.freshOrganisation("Bare i portalen AS");
        String registerOnly = TestData.unknownOrgno();
        String unknown = TestData.unknownOrgno();
        RegisterUnits.add(both, "REGISTERETS NAVN AS", RegisterStatus.BANKRUPT, null);
        RegisterUnits.add(registerOnly, "SLETTET AS", RegisterStatus.DELETED, LocalDate.of(2025, 6, 30));
        try {
            Map<String, OrgName> found = register.find(List.of(both, portalOnly, registerOnly, unknown));
            assertEquals(3, found.size());
            assertEquals("Portalens navn AS", found.get(both).name(), "the portal's name, as on its other pages");
            assertEquals(RegisterStatus.BANKRUPT, found.get(both).status());
            assertEquals("AS", found.get(both).orgForm());
            assertEquals("Bare i portalen AS", found.get(portalOnly).name());
            assertNull(found.get(portalOnly).status(), "the organisation table has no status");
            assertFalse(found.get(portalOnly).inactive());
            assertEquals("SLETTET AS", found.get(registerOnly).name());
            assertEquals(LocalDate.of(2025, 6, 30), found.get(registerOnly).deletedOn());
            assertFalse(found.containsKey(unknown));
            assertTrue(register.knows(registerOnly));

            names.load(List.of(both, portalOnly, registerOnly, unknown));
            assertEquals("konkurs", names.status(both, Messages.NB));
            assertEquals("slettet 30.06.2025", names.status(registerOnly, Messages.NB));
            assertEquals("deleted 30 Jun 2025", names.status(registerOnly, Locale.ENGLISH));
            assertNull(names.status(portalOnly, Messages.NB));
            assertNull(names.status(unknown, Messages.NB));
            assertEquals("Portalens navn AS (" + OrgNumbers.format(both) + ", konkurs)",
                    names.label(both, Messages.NB));
            assertEquals("Bare i portalen AS (" + OrgNumbers.format(portalOnly) + ")",
                    names.label(portalOnly, Messages.NB));
            assertEquals(OrgNumbers.format(unknown), names.label(unknown, Messages.NB), "unknown everywhere: bare");
        } finally {
            RegisterUnits.remove(both, registerOnly);
        }
    }

    @Test
    void aListCostsOneQueryPerSourceWhateverItsLength() {
        List<String> inRegister = new ArrayList<>();
        List<String> inPortal = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String orgno = TestData.unknownOrgno();
            RegisterUnits.add(orgno, "ENHET " + i + " AS");
            inRegister.add(orgno);
            inPortal.add(TestData.freshOrganisation("Portal " + i + " AS"));
        }
        try {
            List<String> all = new ArrayList<>(inRegister);
            all.addAll(inPortal);
            assertEquals(Map.of("register_unit", 1L, "organisation", 1L),
                    scansOf(() -> assertEquals(40, register.find(all).size())));
            assertEquals(Map.of("register_unit", 1L, "organisation", 1L),
                    scansOf(() -> assertEquals(2, register.find(List.of(inRegister.get(0), inPortal.get(0))).size())),
                    "the same for two numbers");
        } finally {
            RegisterUnits.remove(inRegister.toArray(String[]::new));
        }
    }

    /** How often each table was read while the work ran, from PostgreSQL's statistics for the transaction. */
    private static Map<String, Long> scansOf(Runnable work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> before = scans();
            work.run();
            Map<String, Long> after = scans();
            return Map.of("register_unit", after.get("register_unit") - before.get("register_unit"),
                    "organisation", after.get("organisation") - before.get("organisation"));
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> scans() {
        Map<String, Long> scans = new HashMap<>(Map.of("register_unit", 0L, "organisation", 0L));
        ((List<Object[]>) Arc.container().instance(EntityManager.class).get().createNativeQuery("""
                select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) from pg_stat_xact_user_tables
                where relname in ('register_unit', 'organisation')""").getResultList())
                .forEach(r -> scans.put((String) r[0], ((Number) r[1]).longValue()));
        return scans;
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
