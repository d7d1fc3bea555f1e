package no.samarbeidsportal.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.register.RegisterUpdated;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access-list hygiene (issue 15) on a real register copy: the rows each test puts in register_unit are its own numbers
 * (valid, unknown to the portal) and go again after it, so other tests see the register as they left it.
 */
@QuarkusTest
class InactiveAccessTest {

    @Inject
    Event<RegisterUpdated> registerUpdated;

    private final List<String> seeded = new ArrayList<>();
    private String bankrupt;
    private String deleted;
    private String liquidating;
    private String forced;
    private String active;

    @BeforeEach
    void data() {
        TestData.ensure();
        bankrupt = register("BANKRUPT", "KONKURS TEST AS");
        deleted = register("DELETED", "SLETTET TEST AS");
        liquidating = register("UNDER_LIQUIDATION", "AVVIKLING TEST AS");
        forced = register("UNDER_FORCED_LIQUIDATION", "TVANG TEST AS");
        active = register("ACTIVE", "AKTIV TEST AS");
    }

    @AfterEach
    void forget() {
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery("delete from register_unit where orgno in "
                + "(:numbers)").setParameter("numbers", seeded).executeUpdate());
        seeded.clear();
    }

    private static EntityManager em() {
        return Arc.container().instance(EntityManager.class).get();
    }

    /** A unit of the register copy with a new valid number; returns the number. */
    private String register(String status, String name) {
        String orgno = TestData.unknownOrgno();
        QuarkusTransaction.requiringNew().run(() -> em().createNativeQuery("""
                insert into register_unit (orgno, name, org_form, status, deleted_on, kind)
                values (?1, ?2, 'AS', ?3, case when ?3 = 'DELETED' then date '2025-06-30' end, 'ENHET')""")
                .setParameter(1, orgno).setParameter(2, name).setParameter(3, status).executeUpdate());
        seeded.add(orgno);
        return orgno;
    }

    private static void grant(String owner, String scope, String... consumers) {
        for (String consumer : consumers) {
            TestScopes.as(owner, TestScopes.WRITE).queryParam("scope", scope)
                    .put("/api/v1/scopes/access/" + consumer).then().statusCode(200);
        }
    }

    private static AccessState state(String scope, String consumer) {
        return QuarkusTransaction.requiringNew().call(() -> ScopeAccess.of(Scope.named(scope).orElseThrow(), consumer)
                .map(a -> a.state).orElse(null));
    }

    private static List<AuditEvent> revocations(String scope) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.ofSubject("Scope", scope).stream()
                .filter(e -> e.action.equals("access.revoked")).toList());
    }

    private static String scopeOfB() {
        String scope = "beta:" + TestScopes.unique("hygiene");
        TestScopes.as(TestData.ORG_B, TestScopes.WRITE).body(Map.of("prefix", "beta", "subscope",
                scope.substring(5), "description", "B's")).post("/api/v1/scopes").then().statusCode(201);
        return scope;
    }

    @Test
    @TestSecurity(user = "anna")
    void theImportReportNamesWhatTheRegisterSaysAndAddsDeletedAndBankruptOnlyWhenAskedTo() {
        String scope = TestScopes.ofA();
        String unknown = TestData.unknownOrgno();
        String csv = String.join("\n", active, bankrupt, deleted, liquidating, forced, unknown);
        PageSession session = new PageSession();
        session.open("/portal/scopes/access/import?scope=" + scope).then().statusCode(200);
        session.form().queryParam("scope", scope).formParam("consumers", csv)
                .post("/portal/scopes/access/import").then().statusCode(200)
                .body(allOf(containsString("Konkurs: legges ikke til"),
                        containsString("Slettet i registeret: legges ikke til"),
                        containsString("Legges til – under avvikling"),
                        containsString("Legges til – under tvangsavvikling"),
                        containsString("Legges til – ikke kjent i registeret"),
                        containsString("KONKURS TEST AS"), containsString("name=\"import_anyway\""),
                        containsString("Bekreft: legg til 4 organisasjoner")));

        session.form().queryParam("scope", scope).formParam("consumers", csv)
                .post("/portal/scopes/access/import/confirm").then().statusCode(303);
        assertEquals(AccessState.APPROVED, state(scope, liquidating));
        assertEquals(AccessState.APPROVED, state(scope, unknown));
        assertEquals(null, state(scope, bankrupt));
        assertEquals(null, state(scope, deleted));

        session.form().queryParam("scope", scope).formParam("consumers", csv).formParam("import_anyway", "true")
                .post("/portal/scopes/access/import/confirm").then().statusCode(303);
        assertEquals(AccessState.APPROVED, state(scope, bankrupt));
        assertEquals(AccessState.APPROVED, state(scope, deleted));
    }

    @Test
    @TestSecurity(user = "anna")
    void theAccessListMarksAndFiltersTheInactiveOnes() {
        String scope = TestScopes.ofA();
        grant(TestData.ORG_A, scope, active, bankrupt, deleted);
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope).then().statusCode(200)
                .body(allOf(containsString("2 organisasjoner på denne listen er slettet, konkurs eller under"),
                        containsString("<span class=\"register-status\">Konkurs</span>"),
                        containsString("<span class=\"register-status\">Slettet</span>"),
                        containsString(OrgNumbers.format(active))));
        session.open("/portal/scopes/access?scope=" + scope + "&removable=true").then().statusCode(200)
                .body(allOf(containsString(OrgNumbers.format(bankrupt)), containsString(OrgNumbers.format(deleted)),
                        not(containsString(OrgNumbers.format(active)))));
    }

    @Test
    @TestSecurity(user = "anna")
    void removesAllInactiveOrganisationsOfMyScopesInOneConfirmedStepAndNoneOfAnotherOrganisation() {
        String mine = TestScopes.ofA();
        String other = TestScopes.ofA();
        String theirs = scopeOfB();
        grant(TestData.ORG_A, mine, active, bankrupt, deleted, liquidating);
        grant(TestData.ORG_A, other, forced);
        grant(TestData.ORG_B, theirs, bankrupt, deleted);

        PageSession session = new PageSession();
        session.open("/portal/scopes/access/inactive").then().statusCode(200)
                .body(allOf(containsString(mine), containsString(other), not(containsString(theirs)),
                        containsString("KONKURS TEST AS"), containsString("Slettet</span> den 30.06.2025"),
                        containsString("Under tvangsavvikling"), not(containsString(OrgNumbers.format(active))),
                        containsString("data-confirm=\"Fjerne")));
        // without JavaScript the form asks first, and nothing is removed yet
        session.form().formParam("ask", "true").post("/portal/scopes/access/inactive/remove").then()
                .statusCode(200).body(containsString("Fjern dem"));
        assertEquals(AccessState.APPROVED, state(mine, bankrupt));

        String flash = session.form().post("/portal/scopes/access/inactive/remove").then().statusCode(303)
                .extract().cookie("portal-flash");
        given().cookie("portal-flash", flash).get("/portal/scopes/access/inactive").then().statusCode(200)
                .body(containsString("organisasjoner er fjernet fra tilgangslistene."));
        assertEquals(AccessState.DENIED, state(mine, bankrupt));
        assertEquals(AccessState.DENIED, state(mine, deleted));
        assertEquals(AccessState.DENIED, state(mine, liquidating));
        assertEquals(AccessState.DENIED, state(other, forced));
        assertEquals(AccessState.APPROVED, state(mine, active));
        assertEquals(AccessState.APPROVED, state(theirs, bankrupt));
        assertEquals(AccessState.APPROVED, state(theirs, deleted));
        List<AuditEvent> lines = revocations(mine);
        assertEquals(3, lines.size());
        assertTrue(lines.stream().allMatch(e -> e.actor.equals("anna") && TestData.ORG_A.equals(e.orgno)));
        assertEquals(1, revocations(other).size());
        assertEquals(0, revocations(theirs).size());
    }

    @Test
    void theApiTwinListsAndRemovesOnlyTheActingOrganisationsWithDigdirsErrors() {
        String mine = TestScopes.ofA();
        String theirs = scopeOfB();
        grant(TestData.ORG_A, mine, active, bankrupt, deleted);
        grant(TestData.ORG_B, theirs, bankrupt);

        List<Map<String, Object>> listed = TestScopes.as(TestData.ORG_A, TestScopes.READ)
                .get("/api/v1/scopes/access/inactive").then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(listed.contains(Map.of("scope", mine, "consumer_orgno", bankrupt,
                "consumer_organization_name", "KONKURS TEST AS", "status", "BANKRUPT")), listed::toString);
        assertTrue(listed.stream().anyMatch(m -> deleted.equals(m.get("consumer_orgno"))
                && "2025-06-30".equals(m.get("deleted_on"))), listed::toString);
        assertTrue(listed.stream().noneMatch(m -> theirs.equals(m.get("scope")) || active.equals(m.get("consumer_orgno"))));

        TestScopes.as(TestData.ORG_A, "idporten:dcr.read").get("/external/api/v1/scopes/access/inactive").then()
                .statusCode(403);
        TestScopes.as(TestData.ORG_A, TestScopes.READ).post("/api/v1/scopes/access/remove-inactive").then()
                .statusCode(403);
        assertEquals(AccessState.APPROVED, state(mine, bankrupt));

        TestScopes.as(TestData.ORG_A, TestScopes.WRITE).post("/scopes/access/remove-inactive").then()
                .statusCode(200);
        assertEquals(AccessState.DENIED, state(mine, bankrupt));
        assertEquals(AccessState.DENIED, state(mine, deleted));
        assertEquals(AccessState.APPROVED, state(mine, active));
        assertEquals(AccessState.APPROVED, state(theirs, bankrupt));
        assertEquals(2, revocations(mine).size());
        TestScopes.as(TestData.ORG_A, TestScopes.READ).get("/api/v1/scopes/access/inactive").then()
                .body("findAll { it.scope == '" + mine + "' }.size()", equalTo(0));
    }

    @Test
    @TestSecurity(user = "anna")
    void theDashboardCountsTheInactiveOrganisationsOnMyListsInOneNotice() {
        String scope = TestScopes.ofA();
        grant(TestData.ORG_A, scope, bankrupt, deleted, liquidating, active);
        int count = TestScopes.as(TestData.ORG_A, TestScopes.READ).get("/api/v1/scopes/access/inactive").then()
                .extract().jsonPath().getList("$").size();
        assertTrue(count >= 3);
        given().get("/portal").then().statusCode(200).body(allOf(
                containsString(count + " organisasjoner på tilgangslistene dine er slettet, konkurs eller under "
                        + "avvikling."), containsString("href=\"/portal/scopes/access/inactive\"")));
    }

    @Test
    @TestSecurity(user = "bert")
    void theDashboardSaysNothingWhenNoListHoldsAnInactiveOrganisation() {
        String theirs = scopeOfB();
        grant(TestData.ORG_B, theirs, active);
        int count = TestScopes.as(TestData.ORG_B, TestScopes.READ).get("/api/v1/scopes/access/inactive").then()
                .extract().jsonPath().getList("$").size();
        given().get("/portal").then().statusCode(200).body(count == 0 ? not(containsString("id=\"inactive-notice\""))
                : containsString(count + " organisasjon"));
    }

    @Test
    void afterARegisterUpdateDeletedOrganisationsLeaveOnlyTheScopesThatAskedForIt() {
        String auto = TestScopes.ofA();
        String manual = TestScopes.ofA();
        grant(TestData.ORG_A, auto, deleted, bankrupt, active);
        grant(TestData.ORG_A, manual, deleted);
        TestScopes.as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", auto)
                .body(Map.of("remove_deleted_consumers", true)).put("/api/v1/scopes/access/auto-removal").then()
                .statusCode(200).body("remove_deleted_consumers", equalTo(true));

        registerUpdated.fire(new RegisterUpdated(false));

        assertEquals(AccessState.DENIED, state(auto, deleted));
        assertEquals(AccessState.APPROVED, state(auto, bankrupt));
        assertEquals(AccessState.APPROVED, state(auto, active));
        assertEquals(AccessState.APPROVED, state(manual, deleted));
        List<AuditEvent> lines = revocations(auto);
        assertEquals(1, lines.size());
        assertEquals("SYSTEM", lines.get(0).actorKind);
        assertEquals(TestData.ORG_A, lines.get(0).orgno);
        assertEquals(deleted, lines.get(0).after.get("consumer_orgno"));
        assertEquals(0, revocations(manual).size());

        TestScopes.as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", auto)
                .body(Map.of("remove_deleted_consumers", false)).put("/api/v1/scopes/access/auto-removal").then()
                .statusCode(200);
        grant(TestData.ORG_A, auto, deleted);
        registerUpdated.fire(new RegisterUpdated(false));
        assertEquals(AccessState.APPROVED, state(auto, deleted));
    }

    @Test
    void theAutoRemovalSettingIsTheOwnersWithDigdirsErrors() {
        String mine = TestScopes.ofA();
        String theirs = scopeOfB();
        TestScopes.as(TestData.ORG_A, TestScopes.READ).queryParam("scope", mine)
                .get("/api/v1/scopes/access/auto-removal").then().statusCode(200)
                .body("remove_deleted_consumers", equalTo(false));
        TestScopes.as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", mine).body(Map.of())
                .put("/api/v1/scopes/access/auto-removal").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("remove_deleted_consumers"));
        TestScopes.as(TestData.ORG_A, TestScopes.READ).queryParam("scope", mine)
                .body(Map.of("remove_deleted_consumers", true)).put("/api/v1/scopes/access/auto-removal").then()
                .statusCode(403);
        TestScopes.as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", theirs)
                .body(Map.of("remove_deleted_consumers", true)).put("/api/v1/scopes/access/auto-removal").then()
                .statusCode(403);
        TestScopes.as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", "alfa:finnes-ikke")
                .body(Map.of("remove_deleted_consumers", true)).put("/api/v1/scopes/access/auto-removal").then()
                .statusCode(404);
        assertEquals(false, QuarkusTransaction.requiringNew().call(() -> Scope.named(theirs).orElseThrow()
                .removeDeletedConsumers));
    }

    @Test
    @TestSecurity(user = "anna")
    void theAccessListPageTurnsTheAutoRemovalOnWithOneAuditLine() {
        String scope = TestScopes.ofA();
        PageSession session = new PageSession();
        session.open("/portal/scopes/access?scope=" + scope).then().statusCode(200)
                .body(containsString("Fjern slettede organisasjoner fra listen automatisk"));
        session.form().queryParam("scope", scope).formParam("remove_deleted", "true")
                .post("/portal/scopes/access/inactive/auto").then().statusCode(303);
        assertEquals(true, QuarkusTransaction.requiringNew().call(() -> Scope.named(scope).orElseThrow()
                .removeDeletedConsumers));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> AuditEvent.ofSubject("Scope", scope).stream()
                .filter(e -> e.action.equals("scope.updated")).count()).intValue());
    }
}
