package no.samarbeidsportal.orgs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.persistence.EntityManager;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.identity.Person;
import org.junit.jupiter.api.Test;

/** The organisation a person last chose is where their next login lands, while they still have a role there. */
@QuarkusTest
class LastOrganisationTest {

    /** Two fresh organisations, "… Alfa AS" first by name; the person has a role in the first, and in the second too. */
    private static String[] personWithTwoOrganisations(String subject, boolean roleInSecond) {
        String first = TestData.freshOrganisation(subject + " Alfa AS");
        String second = TestData.freshOrganisation(subject + " Beta AS");
        sql("insert into person (subject, name) values (?1, ?1) on conflict do nothing", subject);
        sql("insert into membership (person_id, orgno, role, granted_by) select id, ?2, 'API_ADMIN', 'test' "
                + "from person where subject = ?1", subject, first);
        if (roleInSecond) {
            sql("insert into membership (person_id, orgno, role, granted_by) select id, ?2, 'API_ADMIN', 'test' "
                    + "from person where subject = ?1", subject, second);
        }
        return new String[] {first, second};
    }

    private static void sql(String statement, Object... args) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = Arc.container().instance(EntityManager.class).get().createNativeQuery(statement);
            for (int i = 0; i < args.length; i++) {
                query.setParameter(i + 1, args[i]);
            }
            query.executeUpdate();
        });
    }

    private static String lastOrgno(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> Person.bySubject(subject).orElseThrow().lastOrgno);
    }

    private static void switchTo(String orgno, int status) {
        PageSession session = new PageSession();
        session.open("/portal");
        session.form().formParam("orgno", orgno).post("/portal/organisation").then().statusCode(status);
    }

    @Test
    @TestSecurity(user = "rita.remembers")
    void aNewLoginLandsOnTheOrganisationLastChosenAndTheSwitchSaysWhichOneActs() {
        String[] orgs = personWithTwoOrganisations("rita.remembers", true);
        given().get("/portal").then().statusCode(200).body(containsString("<h1>rita.remembers Alfa AS</h1>"));

        switchTo(orgs[1], 303);

        assertEquals(orgs[1], lastOrgno("rita.remembers"));
        // no cookie from the switch: another browser, or a new login
        given().get("/portal").then().statusCode(200).body(containsString("<h1>rita.remembers Beta AS</h1>"));
        String formatted = orgs[1].substring(0, 3) + " " + orgs[1].substring(3, 6) + " " + orgs[1].substring(6);
        given().cookie("portal-flash", "switcher.now-acting-for").get("/portal").then().statusCode(200)
                .body(containsString("Du handler nå for rita.remembers Beta AS (" + formatted + ")."));
        given().cookie("portal-flash", "switcher.now-acting-for").cookie("portal-lang", "en").get("/portal")
                .then().statusCode(200)
                .body(containsString("You now act for rita.remembers Beta AS (" + formatted + ")."));
    }

    @Test
    @TestSecurity(user = "rita.removed")
    void aRemovedMembershipFallsBackToTheFirstOrganisationStillValid() {
        String[] orgs = personWithTwoOrganisations("rita.removed", true);
        switchTo(orgs[1], 303);
        assertEquals(orgs[1], lastOrgno("rita.removed"));

        sql("delete from membership where orgno = ?1 and person_id = (select id from person where subject = ?2)",
                orgs[1], "rita.removed");

        given().get("/portal").then().statusCode(200).body(containsString("<h1>rita.removed Alfa AS</h1>"));
        given().cookie("portal-org", orgs[1]).get("/portal").then().statusCode(200)
                .body(containsString("<h1>rita.removed Alfa AS</h1>"));
    }

    @Test
    @TestSecurity(user = "rita.self")
    void aSwitchRemembersOnlyTheSwitchingPersonsChoiceAndOnlyWhereTheyHaveARole() {
        String[] orgs = personWithTwoOrganisations("rita.self", false);
        String[] others = personWithTwoOrganisations("rita.other", true);
        sql("update person set last_orgno = ?1 where subject = 'rita.other'", others[1]);

        // rita.self has no role in the other person's organisations: nothing is remembered for anyone
        switchTo(others[1], 404);
        switchTo(others[0], 404);
        assertNull(lastOrgno("rita.self"));
        assertEquals(others[1], lastOrgno("rita.other"));

        switchTo(orgs[0], 303);
        assertEquals(orgs[0], lastOrgno("rita.self"));
        assertEquals(others[1], lastOrgno("rita.other"));
    }

    @Test
    @TestSecurity(user = "rita.forged")
    void aSwitchWithoutTheFormsTokenIsRefusedAndRemembersNothing() {
        String[] orgs = personWithTwoOrganisations("rita.forged", true);
        PageSession session = new PageSession();
        session.open("/portal");

        // another site's form carries the browser's cookie but not the page's token: the choice is the person's own
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("csrf-token", session.cookie()).formParam("orgno", orgs[1]).post("/portal/organisation")
                .then().statusCode(400);
        assertNull(lastOrgno("rita.forged"));
    }
}
