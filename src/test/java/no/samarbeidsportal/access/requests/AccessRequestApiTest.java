package no.samarbeidsportal.access.requests;

import static no.samarbeidsportal.TestScopes.READ;
import static no.samarbeidsportal.TestScopes.WRITE;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessRequestApiTest {

    static final String DCR_WRITE = "idporten:dcr.write";
    static final String DCR_READ = "idporten:dcr.read";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** A new scope of A that takes requests, with these forms approved at once. */
    static String scopeTakingRequests(String... forms) {
        String scope = TestScopes.ofA();
        as(TestData.ORG_A, WRITE).queryParam("scope", scope)
                .body(Map.of("takes_requests", true, "auto_approve_org_forms", List.of(forms)))
                .put("/api/v1/scopes/requestpolicy").then().statusCode(200)
                .body("takes_requests", equalTo(true)).body("auto_approve_org_forms", equalTo(List.of(forms)));
        return scope;
    }

    static long ask(String orgno, String scope) {
        return as(orgno, DCR_WRITE).body(Map.of("scope", scope, "purpose", "Vi trenger data",
                "contact_email", "drift@example.com")).post("/api/v1/accessrequests").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static List<String> accessList(String scope) {
        return as(TestData.ORG_A, READ).queryParam("scope", scope).get("/api/v1/scopes/access").then()
                .statusCode(200).extract().jsonPath().getList("consumer_orgno", String.class);
    }

    private static List<Map<String, Object>> history(String orgno, String scopes) {
        return as(orgno, scopes).queryParam("size", 500).get("/api/v1/audit").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    @Test
    void consumerAsksProviderSeesAndApprovesAndTheConsumerIsOnTheAccessList() {
        String scope = scopeTakingRequests();
        long id = as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", scope, "purpose", "Saksbehandling",
                "contact_email", " drift@orgb.example ")).post("/accessrequests").then().statusCode(201)
                .body("scope", equalTo(scope)).body("state", equalTo("PENDING"))
                .body("consumer_orgno", equalTo(TestData.ORG_B)).body("owner_orgno", equalTo(TestData.ORG_A))
                .body("contact_email", equalTo("drift@orgb.example")).body("decided", nullValue())
                .extract().jsonPath().getLong("id");

        as(TestData.ORG_A, READ).get("/api/v1/scopes/requests").then().statusCode(200)
                .body("id", hasItem((int) id));
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/api/v1/scopes/requests").then().statusCode(200)
                .body("id", contains((int) id)).body("purpose", contains("Saksbehandling"));
        as(TestData.ORG_B, DCR_READ).get("/api/v1/accessrequests/" + id).then().statusCode(200)
                .body("state", equalTo("PENDING"));
        assertTrue(accessList(scope).isEmpty());

        as(TestData.ORG_A, WRITE).post("/external/api/v1/scopes/requests/" + id + "/approve").then().statusCode(200)
                .body("state", equalTo("APPROVED")).body("decided_by", equalTo("test-admin-client-" + TestData.ORG_A));
        assertEquals(List.of(TestData.ORG_B), accessList(scope));
        as(TestData.ORG_B, DCR_READ).get("/api/v1/accessrequests").then().statusCode(200)
                .body("find { it.id == " + id + " }.state", equalTo("APPROVED"));
        as(TestData.ORG_B, DCR_READ).get("/api/v1/scopes/access/all").then().statusCode(200)
                .body("scope", hasItem(scope));
        // a second decision on a decided request
        as(TestData.ORG_A, WRITE).body(Map.of("reason", "for sent")).post("/api/v1/scopes/requests/" + id + "/reject")
                .then().statusCode(409);
    }

    @Test
    void everyStepShowsInBothOrganisationsHistories() {
        String scope = scopeTakingRequests();
        long first = ask(TestData.ORG_B, scope);
        as(TestData.ORG_A, WRITE).body(Map.of("reason", "Ikke nå")).post("/api/v1/scopes/requests/" + first
                + "/reject").then().statusCode(200).body("state", equalTo("REJECTED")).body("reason", equalTo("Ikke nå"));
        long second = ask(TestData.ORG_B, scope);
        as(TestData.ORG_B, DCR_WRITE).post("/api/v1/accessrequests/" + second + "/withdraw").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN"));
        long third = ask(TestData.ORG_B, scope);
        as(TestData.ORG_A, WRITE).post("/api/v1/scopes/requests/" + third + "/approve").then().statusCode(200);

        for (String orgno : List.of(TestData.ORG_A, TestData.ORG_B)) {
            List<Map<String, Object>> lines = history(orgno, orgno.equals(TestData.ORG_A) ? READ : DCR_READ).stream()
                    .filter(e -> scope.equals(e.get("subject_id")) && String.valueOf(e.get("action"))
                            .startsWith("access.request")).toList();
            List<String> steps = lines.stream().map(e -> e.get("action") + " " + ((Map<?, ?>) e.get("after"))
                    .get("request_id")).toList();
            assertEquals(List.of("access.request-approved " + third, "access.requested " + third,
                    "access.request-withdrawn " + second, "access.requested " + second,
                    "access.request-rejected " + first, "access.requested " + first), steps, orgno);
            assertTrue(lines.stream().allMatch(e -> orgno.equals(e.get("orgno"))));
        }
        // the grant itself is the owner's line, as a grant by hand is
        assertTrue(history(TestData.ORG_A, READ).stream().anyMatch(e -> "access.granted".equals(e.get("action"))
                && scope.equals(e.get("subject_id"))));
    }

    @Test
    void refusesBadRequestsWithDigdirsErrorBody() {
        String takes = scopeTakingRequests();
        String closed = TestScopes.ofA();
        // a scope that takes no requests
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", closed, "purpose", "x", "contact_email", "a@b.no"))
                .post("/api/v1/accessrequests").then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("errors[0].fieldIdentifier", equalTo("scope"));
        // one's own scope
        as(TestData.ORG_A, DCR_WRITE).body(Map.of("scope", takes, "purpose", "x", "contact_email", "a@b.no"))
                .post("/api/v1/accessrequests").then().statusCode(400).body("errors[0].fieldIdentifier", equalTo("scope"));
        // not an e-mail address, no purpose
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", takes, "purpose", " ", "contact_email", "ikke en adresse"))
                .post("/api/v1/accessrequests").then().statusCode(400)
                .body("errors.fieldIdentifier", equalTo(List.of("contact_email", "purpose")));
        // a purpose far too long
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", takes, "purpose", "x".repeat(5_000_000),
                "contact_email", "a@b.no")).post("/api/v1/accessrequests").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("purpose"));
        // a scope that is not in the catalogue
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", "alfa:finnes.ikke", "purpose", "x",
                "contact_email", "a@b.no")).post("/api/v1/accessrequests").then().statusCode(404);
        // a second pending request
        ask(TestData.ORG_B, takes);
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", takes, "purpose", "igjen", "contact_email", "a@b.no"))
                .post("/api/v1/accessrequests").then().statusCode(400).body("errors[0].fieldIdentifier", equalTo("scope"));
        // the provider's token does not ask, the consumer's does not decide
        as(TestData.ORG_B, WRITE).body(Map.of("scope", takes, "purpose", "x", "contact_email", "a@b.no"))
                .post("/api/v1/accessrequests").then().statusCode(403);
    }

    @Test
    void aRejectionNeedsAReasonOfSaneLength() {
        String scope = scopeTakingRequests();
        long id = ask(TestData.ORG_B, scope);
        as(TestData.ORG_A, WRITE).post("/api/v1/scopes/requests/" + id + "/reject").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("reason"));
        as(TestData.ORG_A, WRITE).body(Map.of("reason", "x".repeat(1024 * 1024)))
                .post("/api/v1/scopes/requests/" + id + "/reject").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("reason"));
        // 10 MB is more than any request body may be: refused before it is read (413, or the connection closed
        // while the body is still being sent), never a 500
        try {
            int status = as(TestData.ORG_A, WRITE).body(Map.of("reason", "x".repeat(10 * 1024 * 1024)))
                    .post("/api/v1/scopes/requests/" + id + "/reject").then().extract().statusCode();
            assertTrue(status == 400 || status == 413, "status " + status);
        } catch (Exception e) {
            assertTrue(e instanceof java.net.SocketException || e.getCause() instanceof java.net.SocketException
                    || String.valueOf(e.getMessage()).contains("Broken pipe"), e.toString());
        }
        as(TestData.ORG_B, DCR_READ).get("/api/v1/accessrequests/" + id).then().body("state", equalTo("PENDING"));
    }

    @Test
    void anotherOrganisationSeesAndDecidesNothingThatIsNotItsOwn() {
        String scope = scopeTakingRequests();
        long id = ask(TestData.ORG_B, scope);
        // another provider cannot decide or read it
        as(TestData.ORG_B, WRITE).post("/api/v1/scopes/requests/" + id + "/approve").then().statusCode(404);
        as(TestData.ORG_B, WRITE).body(Map.of("reason", "nei")).post("/api/v1/scopes/requests/" + id + "/reject")
                .then().statusCode(404);
        as(TestData.ORG_B, READ).get("/api/v1/scopes/requests/" + id).then().statusCode(404);
        as(TestData.ORG_B, READ).get("/api/v1/scopes/requests").then().statusCode(200)
                .body("id", not(hasItem((int) id)));
        // another consumer cannot read or withdraw it
        as(TestData.SUPPLIER, DCR_WRITE).get("/api/v1/accessrequests/" + id).then().statusCode(404);
        as(TestData.SUPPLIER, DCR_WRITE).post("/api/v1/accessrequests/" + id + "/withdraw").then().statusCode(404);
        as(TestData.SUPPLIER, DCR_WRITE).get("/api/v1/accessrequests").then().statusCode(200)
                .body("id", not(hasItem((int) id)));
        // the provider's own request list is not the consumer's
        as(TestData.ORG_A, DCR_READ).get("/api/v1/accessrequests").then().statusCode(200)
                .body("id", not(hasItem((int) id)));
        as(TestData.ORG_B, DCR_READ).get("/api/v1/accessrequests/" + id).then().statusCode(200);
    }

    @Test
    void approvesAtOnceOrganisationsOfTheFormsTheOwnerNamesInTheRegistersCopy() {
        String scope = scopeTakingRequests("KOMM", "STAT");
        String kommune = TestData.freshOrganisation("Testkommune");
        String company = TestData.freshOrganisation("Firma AS");
        String unknown = TestData.freshOrganisation("Ukjent i registeret");
        register(kommune, "KOMM");
        register(company, "AS");

        as(kommune, DCR_WRITE).body(Map.of("scope", scope, "purpose", "Kommunal saksbehandling",
                "contact_email", "post@kommune.example")).post("/api/v1/accessrequests").then().statusCode(201)
                .body("state", equalTo("APPROVED")).body("decided_by", equalTo(AccessRequestService.AUTO));
        long companys = ask(company, scope);
        long unknowns = ask(unknown, scope);
        assertEquals(List.of(kommune), accessList(scope));
        as(company, DCR_READ).get("/api/v1/accessrequests/" + companys).then().body("state", equalTo("PENDING"));
        as(unknown, DCR_READ).get("/api/v1/accessrequests/" + unknowns).then().body("state", equalTo("PENDING"));
    }

    @Test
    void autoApprovalNeitherUndoesARemovalNorApprovesAnOrganisationBeingWoundUp() {
        String scope = scopeTakingRequests("KOMM");
        String removed = TestData.freshOrganisation("Fjernet kommune");
        String bankrupt = TestData.freshOrganisation("Konkurs kommune");
        register(removed, "KOMM");
        register(bankrupt, "KOMM");
        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("update register_unit set status = 'BANKRUPT' where orgno = ?1")
                .setParameter(1, bankrupt).executeUpdate());
        // the owner had this one on the list and took it off
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).queryParam("consumer_orgno", removed)
                .put("/api/v1/scopes/access/" + removed).then().statusCode(200);
        as(TestData.ORG_A, WRITE).delete("/api/v1/scopes/access/" + removed + "?scope=" + scope).then()
                .statusCode(200);

        long removeds = ask(removed, scope);
        long bankrupts = ask(bankrupt, scope);
        as(removed, DCR_READ).get("/api/v1/accessrequests/" + removeds).then().body("state", equalTo("PENDING"));
        as(bankrupt, DCR_READ).get("/api/v1/accessrequests/" + bankrupts).then().body("state", equalTo("PENDING"));
        assertTrue(accessList(scope).isEmpty(), "neither is on the list");
    }

    @Test
    void askingAndWithdrawingInALoopStopsAtThreeRequestsADay() {
        String scope = scopeTakingRequests();
        for (int i = 0; i < AccessRequestService.REQUESTS_PER_WINDOW; i++) {
            long id = ask(TestData.ORG_B, scope);
            as(TestData.ORG_B, DCR_WRITE).post("/api/v1/accessrequests/" + id + "/withdraw").then().statusCode(200);
        }
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", scope, "purpose", "Igjen", "contact_email", "a@b.no"))
                .post("/api/v1/accessrequests").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("scope"));
    }

    @Test
    void theRequestPolicyIsAnExtensionThatADigdirPutLeavesAlone() {
        String scope = scopeTakingRequests("KOMM");
        Map<String, Object> digdir = as(TestData.ORG_A, READ).queryParam("scope", scope).get("/api/v1/scopes")
                .then().statusCode(200).body("$", not(org.hamcrest.Matchers.hasKey("takes_requests")))
                .extract().jsonPath().getMap("$");
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).body(digdir).put("/api/v1/scopes").then().statusCode(200);
        as(TestData.ORG_A, READ).queryParam("scope", scope).get("/api/v1/scopes/requestpolicy").then().statusCode(200)
                .body("takes_requests", equalTo(true)).body("auto_approve_org_forms", contains("KOMM"));

        as(TestData.ORG_A, WRITE).queryParam("scope", scope).body(Map.of("takes_requests", true,
                "auto_approve_org_forms", List.of("kommune!"))).put("/api/v1/scopes/requestpolicy").then()
                .statusCode(400).body("errors[0].fieldIdentifier", equalTo("auto_approve_org_forms"));
        as(TestData.ORG_B, WRITE).queryParam("scope", scope).body(Map.of("takes_requests", false))
                .put("/api/v1/scopes/requestpolicy").then().statusCode(403);
        as(TestData.ORG_A, WRITE).queryParam("scope", scope).body(Map.of("takes_requests", false))
                .put("/api/v1/scopes/requestpolicy").then().statusCode(200).body("takes_requests", equalTo(false))
                .body("auto_approve_org_forms", equalTo(List.of()));
        as(TestData.ORG_B, DCR_WRITE).body(Map.of("scope", scope, "purpose", "x", "contact_email", "a@b.no"))
                .post("/api/v1/accessrequests").then().statusCode(400);
    }

    /** The register's copy knows {@code orgno} with this organisational form. */
    static void register(String orgno, String form) {
        QuarkusTransaction.requiringNew().run(() -> Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("insert into register_unit (orgno, name, org_form, status, kind) values "
                        + "(?1, 'TEST', ?2, 'ACTIVE', 'ENHET') on conflict (orgno) do update set org_form = ?2")
                .setParameter(1, orgno).setParameter(2, form).executeUpdate());
    }
}
