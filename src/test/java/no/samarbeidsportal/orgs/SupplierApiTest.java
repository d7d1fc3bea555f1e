package no.samarbeidsportal.orgs;

import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.identity.SupplierAppointment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/suppliers}, the project's extension: list appointments both ways, end one from either side. */
@QuarkusTest
class SupplierApiTest {

    private static final String DCR_READ = "idporten:dcr.read";
    private static final String DCR_WRITE = "idporten:dcr.write";
    private static final String DCR_SUPPLIER = "idporten:dcr.supplier";

    @Inject
    SupplierService suppliers;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void bothOrganisationsSeeTheAppointment() {
        as(TestData.SUPPLIER, DCR_READ).get("/api/v1/suppliers").then().statusCode(200)
                .body("findAll { it.active }.customer_orgno", hasItems(TestData.ORG_A, TestData.ORG_B));
        as(TestData.ORG_B, DCR_READ).get("/external/api/v1/suppliers").then().statusCode(200)
                .body("findAll { it.active }.supplier_orgno", hasItem(TestData.SUPPLIER));
        as(TestData.ORG_B, "idporten:scopes.read").get("/api/v1/suppliers").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "anna")
    void theSupplierStepsBackTheCustomersClientsCannotEndItForTheCustomer() {
        String supplier = TestData.freshOrganisation("Leverandør API AS");
        SupplierAppointment a = suppliers.appoint(TestData.ORG_A, new NewAppointment(supplier, false));
        as(TestData.ORG_A, DCR_WRITE).delete("/api/v1/suppliers/" + supplier).then().statusCode(403);
        as(supplier, DCR_READ).delete("/api/v1/suppliers/" + TestData.ORG_A).then().statusCode(403);
        as(supplier, DCR_SUPPLIER).delete("/api/v1/suppliers/" + TestData.ORG_B).then().statusCode(404);
        as(supplier, DCR_SUPPLIER).delete("/api/v1/suppliers/" + TestData.ORG_A).then().statusCode(200)
                .body("active", equalTo(false)).body("ended_by", equalTo("test-admin-client-" + supplier));
        as(supplier, DCR_SUPPLIER).delete("/api/v1/suppliers/" + TestData.ORG_A).then().statusCode(404);
        as(TestData.ORG_A, DCR_READ).get("/api/v1/suppliers").then().statusCode(200)
                .body("find { it.id == " + a.id + " }.active", equalTo(false));
        for (String orgno : List.of(TestData.ORG_A, supplier)) {
            assertTrue(AuditEvent.ofOrganisation(orgno, 50).stream().anyMatch(e -> e.action.equals("supplier.ended")
                    && e.subjectId.equals(a.id.toString()) && e.actor.equals("test-admin-client-" + supplier)));
        }
        assertEquals(0, SupplierAppointment.count("customerOrgno = ?1 and supplierOrgno = ?2 and ended is null",
                TestData.ORG_A, supplier));
    }
}
