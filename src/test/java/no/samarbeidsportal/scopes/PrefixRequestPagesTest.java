package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.scopes.prefixes.PrefixRequest;
import no.samarbeidsportal.scopes.prefixes.ScopePrefix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PrefixRequestPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String uniquePrefix() {
        return "req" + System.nanoTime() % 100_000_000L;
    }

    private static long requestAsAnna(String prefix) {
        PageSession anna = new PageSession();
        anna.open("/portal/prefixes").then().statusCode(200);
        anna.form().formParam("prefix", prefix).formParam("reason", "Nytt API for søknader")
                .post("/portal/prefixes").then().statusCode(303);
        return QuarkusTransaction.requiringNew().call(() -> PrefixRequest.<PrefixRequest>find("prefix", prefix)
                .firstResult().id);
    }

    @Test
    @TestSecurity(user = "anna")
    void anApiAdministratorAsksForAPrefixAndSeesTheRequestWaiting() {
        String prefix = uniquePrefix();
        requestAsAnna(prefix);
        given().get("/portal/prefixes").then().statusCode(200)
                .body(allOf(containsString("<code>" + prefix + "</code>"), containsString("Venter"),
                        containsString("Nytt API for søknader")));

        PageSession again = new PageSession();
        again.open("/portal/prefixes");
        again.form().formParam("prefix", prefix).post("/portal/prefixes").then().statusCode(422)
                .body(containsString("Noen har allerede bedt om dette prefikset"));
        again.form().formParam("prefix", "alfa").post("/portal/prefixes").then().statusCode(422)
                .body(containsString("allerede tildelt"));
        again.form().formParam("prefix", "Stor Bokstav").post("/portal/prefixes").then().statusCode(422)
                .body(containsString("f-prefix-error"));
    }

    @Test
    @TestSecurity(user = "platform")
    void thePlatformAdministratorSeesTheQueueApprovesAndRejects() {
        String approved = uniquePrefix();
        String rejected = approved + "x";
        long approveId = insertRequest(approved);
        long rejectId = insertRequest(rejected);
        PageSession session = new PageSession();
        session.open("/portal/prefixes/requests").then().statusCode(200)
                .body(allOf(containsString(approved), containsString(rejected), containsString("Org A AS")));
        session.form().post("/portal/prefixes/requests/" + approveId + "/approve").then().statusCode(303);
        session.form().post("/portal/prefixes/requests/" + rejectId + "/reject").then().statusCode(303);
        session.open("/portal/prefixes/requests").then()
                .body(allOf(not(containsString(approved + "</code>")), not(containsString(rejected + "</code>"))));
        session.form().post("/portal/prefixes/requests/" + approveId + "/approve").then().statusCode(409);

        assertEquals(TestData.ORG_A, QuarkusTransaction.requiringNew().call(() ->
                ScopePrefix.<ScopePrefix>findById(approved).organisation.orgno));
        assertNull(QuarkusTransaction.requiringNew().call(() -> ScopePrefix.findById(rejected)));
    }

    @Test
    @TestSecurity(user = "bert")
    void onlyThePlatformAdministratorDecides() {
        long id = insertRequest(uniquePrefix());
        given().get("/portal/prefixes/requests").then().statusCode(403);
        PageSession session = new PageSession();
        session.open("/portal/prefixes");
        session.form().post("/portal/prefixes/requests/" + id + "/approve").then().statusCode(403);
    }

    private static long insertRequest(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PrefixRequest r = new PrefixRequest();
            r.prefix = prefix;
            r.organisation = no.samarbeidsportal.identity.Organisation.findById(TestData.ORG_A);
            r.state = PrefixRequest.State.REQUESTED;
            r.requestedBy = "anna";
            r.requested = java.time.Instant.now();
            r.persist();
            return r.id;
        });
    }
}
