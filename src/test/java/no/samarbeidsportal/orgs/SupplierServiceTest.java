package no.samarbeidsportal.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.NotFound;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Supplier appointments (admin-api.md 2.5): who may appoint, who may end, both histories. */
@QuarkusTest
class SupplierServiceTest {

    @Inject
    SupplierService suppliers;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "bert")
    void anOrganisationCannotMakeItselfAnothersSupplier() {
        assertThrows(NotFound.class, () -> suppliers.appoint(TestData.ORG_A, new NewAppointment(TestData.ORG_B,
                true)));
        InvalidInput self = assertThrows(InvalidInput.class, () -> suppliers.appoint(TestData.ORG_B,
                new NewAppointment(TestData.ORG_B, false)));
        assertEquals("supplier.self", self.of("supplier_orgno"));
        assertTrue(SupplierAppointment.active(TestData.ORG_A, TestData.ORG_B).isEmpty());
        assertThrows(NotFound.class, () -> suppliers.of(TestData.ORG_A));
    }

    @Test
    @TestSecurity(user = "ivar")
    void onlyTheAccessAdministratorAppoints() {
        String supplier = TestData.freshOrganisation("Ikke utnevnt AS");
        assertThrows(Forbidden.class, () -> suppliers.appoint(TestData.ORG_A, new NewAppointment(supplier, false)));
        assertTrue(SupplierAppointment.active(TestData.ORG_A, supplier).isEmpty());
    }

    @Test
    @TestSecurity(user = "anna")
    void theCustomersAccessAdministratorAppointsAndEndsAndBothHistoriesSayWho() {
        String supplier = TestData.freshOrganisation("Leverandør Service AS");
        SupplierAppointment a = suppliers.appoint(TestData.ORG_A, new NewAppointment(supplier.substring(0, 3) + " "
                + supplier.substring(3), false));
        assertEquals(supplier, a.supplierOrgno);
        assertEquals("anna", a.createdBy);
        assertFalse(a.ownScopes);
        assertEquals(a.id, suppliers.appoint(TestData.ORG_A, new NewAppointment(supplier, false)).id);
        InvalidInput other = assertThrows(InvalidInput.class, () -> suppliers.appoint(TestData.ORG_A,
                new NewAppointment(supplier, true)));
        assertEquals("supplier.appointed-already", other.of("supplier_orgno"));
        assertTrue(suppliers.of(TestData.ORG_A).suppliers().stream().anyMatch(s -> s.id.equals(a.id) && s.active()));

        suppliers.end(TestData.ORG_A, a.id);
        SupplierAppointment ended = fresh(() -> SupplierAppointment.findById(a.id));
        assertNotNull(ended.ended);
        assertEquals("anna", ended.endedBy);
        assertTrue(fresh(() -> SupplierAppointment.active(TestData.ORG_A, supplier)).isEmpty());
        assertTrue(fresh(() -> suppliers.of(TestData.ORG_A)).suppliers().stream()
                .anyMatch(s -> s.id.equals(a.id) && !s.active()));
        assertTrue(fresh(() -> SupplierAppointment.customersOf(supplier)).stream()
                .anyMatch(s -> s.id.equals(a.id) && !s.active()));
        assertThrows(NotFound.class, () -> suppliers.of(supplier));
        assertThrows(NotFound.class, () -> suppliers.end(TestData.ORG_A, a.id));

        for (String orgno : List.of(TestData.ORG_A, supplier)) {
            List<String> actions = AuditEvent.ofOrganisation(orgno, 50).stream()
                    .filter(e -> e.subjectId.equals(a.id.toString())).map(e -> e.action).toList();
            assertEquals(List.of("supplier.ended", "supplier.appointed"), actions, orgno);
        }
    }

    @Test
    @TestSecurity(user = "platform")
    void thePlatformAdministratorAppointsForAnyOrganisationButOnlyRegisteredSuppliers() {
        String supplier = TestData.freshOrganisation("Leverandør Plattform AS");
        SupplierAppointment a = suppliers.appoint(TestData.ORG_B, new NewAppointment(supplier, true));
        assertTrue(a.ownScopes);
        assertEquals("platform", a.createdBy);
        assertTrue(suppliers.of(supplier).customers().stream().anyMatch(s -> s.id.equals(a.id)));
        InvalidInput unknown = assertThrows(InvalidInput.class, () -> suppliers.appoint(TestData.ORG_B,
                new NewAppointment(TestData.FREE[7], false)));
        assertEquals("supplier.unknown", unknown.of("supplier_orgno"));
        InvalidInput invalid = assertThrows(InvalidInput.class, () -> suppliers.appoint(TestData.ORG_B,
                new NewAppointment("123456789", false)));
        assertEquals("orgno.invalid", invalid.of("supplier_orgno"));
        suppliers.end(supplier, a.id);
        assertTrue(fresh(() -> SupplierAppointment.active(TestData.ORG_B, supplier)).isEmpty());
    }

    /** Read in a new transaction: the test method's own session may hold the entity as it was before a change. */
    private static <T> T fresh(java.util.function.Supplier<T> read) {
        return QuarkusTransaction.requiringNew().call(read::get);
    }
}
