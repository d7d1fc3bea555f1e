package no.samarbeidsportal.token.admin;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.register.RegisterUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 1: an organisation the portal has not registered, calling with a trusted issuer's admin token
 * (Maskinporten's, here the {@code TestIssuer}), is registered on first use, so its first write works instead of a 500.
 */
@QuarkusTest
class FirstUseTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void anOrganisationMetThroughATrustedTokenIsRegisteredAndItsFirstWriteSucceeds() {
        String orgno = unknownOrganisation();
        String scope = ClientApiTest.grantedTo(orgno);

        String id = as(orgno, ClientApiTest.DCR_WRITE).body(ClientApiTest.maskinporten(scope)).post("/api/v1/clients")
                .then().statusCode(201).body("client_orgno", equalTo(orgno)).extract().path("client_id");

        Organisation org = organisation(orgno);
        assertNotNull(org, "registered on first use");
        assertEquals(orgno, org.name, "named by its number until someone names it");
        List<AuditEvent> registered = registrations(orgno);
        assertEquals(1, registered.size());
        assertEquals("SYSTEM", registered.get(0).actorKind);
        assertEquals("system", registered.get(0).actor);
        assertEquals(orgno, registered.get(0).after.get("name"));
        assertEquals("https://issuer.test/", registered.get(0).after.get("issuer"));
        as(orgno, ClientApiTest.DCR_READ).get("/api/v1/clients").then().statusCode(200)
                .body("client_id", equalTo(List.of(id)));
        as(orgno, ClientApiTest.DCR_READ).get("/api/v1/audit").then().statusCode(200)
                .body("find { it.subject_id == '" + id + "' }.action", equalTo("client.created"));
        assertEquals(1, registrations(orgno).size(), "registered once");
    }

    @Test
    void anOrganisationTheRegisterCopyKnowsIsRegisteredUnderTheRegistersName() {
        String orgno = unknownOrganisation();
        RegisterUnits.add(orgno, "FØRSTE KALL AS");
        try {
            String scope = ClientApiTest.grantedTo(orgno);
            ClientApiTest.create(orgno, ClientApiTest.maskinporten(scope));
            assertEquals("FØRSTE KALL AS", organisation(orgno).name);
            assertEquals("FØRSTE KALL AS", registrations(orgno).get(0).after.get("name"));
        } finally {
            RegisterUnits.remove(orgno);
        }
    }

    @Test
    void aFirstTimeOrganisationDelegatesAScopeItMayUse() {
        String orgno = unknownOrganisation();
        String scope = TestScopes.createInA(TestScopes.unique("deleg"), Map.of("accessible_for_all", true,
                "delegation_source", "https://tt02.altinn.no/"));

        as(orgno, ClientApiTest.DCR_WRITE).body(Map.of("scope", scope, "supplier_orgno", TestData.SUPPLIER))
                .post("/api/v1/delegations").then().statusCode(201);

        assertNotNull(organisation(orgno));
        assertEquals(1, registrations(orgno).size());
    }

    @Test
    void twoFirstRequestsAtOnceBothSucceedAndRegisterTheOrganisationOnce() throws Exception {
        String orgno = unknownOrganisation();
        String scope = ClientApiTest.grantedTo(orgno);
        int requests = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String token = Tokens.of(orgno, ClientApiTest.DCR_WRITE);
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).contentType("application/json")
                            .body(ClientApiTest.maskinporten(scope)).post("/api/v1/clients").statusCode();
                }));
            }
            start.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get(60, TimeUnit.SECONDS));
            }
            assertEquals(List.of(201, 201, 201, 201, 201, 201), seen);
        } finally {
            pool.shutdownNow();
        }
        assertNotNull(organisation(orgno));
        assertEquals(1, registrations(orgno).size());
    }

    @Test
    void onlyATokenThatMayAdministerRegistersItsOrganisation() {
        String readsOnlyOtherApis = unknownOrganisation();
        as(readsOnlyOtherApis, "someprovider:api").get("/api/v1/clients").then().statusCode(403);
        String delegated = unknownOrganisation();
        given().auth().oauth2(Tokens.delegated(delegated, ClientApiTest.DCR_WRITE)).get("/api/v1/clients").then()
                .statusCode(403);
        String supplied = unknownOrganisation();
        given().auth().oauth2(Tokens.supplied(supplied, TestData.SUPPLIER, ClientApiTest.DCR_WRITE))
                .get("/api/v1/clients").then().statusCode(403);
        String person = unknownOrganisation();
        given().auth().oauth2(Tokens.userToken(person)).get("/api/v1/scopes/access/all").then().statusCode(200);

        for (String orgno : List.of(readsOnlyOtherApis, delegated, supplied, person)) {
            assertNull(organisation(orgno), orgno);
            assertEquals(0, registrations(orgno).size(), orgno);
        }
    }

    @Test
    void aTokenForAnInvalidOrganisationNumberRegistersNothingAndGetsNo5xx() {
        String invalid = "123456789";
        assertTrue(!OrgNumberValidator.isValid(invalid));
        String scope = TestScopes.createInA(TestScopes.unique("open"), Map.of("accessible_for_all", true));
        int status = as(invalid, ClientApiTest.DCR_WRITE).body(ClientApiTest.maskinporten(scope))
                .post("/api/v1/clients").statusCode();
        assertTrue(status < 500, "status " + status);
        assertNull(organisation(invalid));
    }

    private static Organisation organisation(String orgno) {
        return QuarkusTransaction.requiringNew().call(() -> Organisation.findById(orgno));
    }

    private static List<AuditEvent> registrations(String orgno) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list(
                "orgno = ?1 and action = 'organisation.registered'", orgno));
    }

    /** A valid organisation number the portal has never seen. */
    private static String unknownOrganisation() {
        while (true) {
            String first8 = String.valueOf(38_000_000 + ThreadLocalRandom.current().nextInt(999_999));
            for (int check = 0; check <= 9; check++) {
                String orgno = first8 + check;
                if (OrgNumberValidator.isValid(orgno) && organisation(orgno) == null) {
                    return orgno;
                }
            }
        }
    }
}
