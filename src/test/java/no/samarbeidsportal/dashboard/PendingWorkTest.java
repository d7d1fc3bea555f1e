package no.samarbeidsportal.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.scopes.prefixes.PrefixRequest;
import no.samarbeidsportal.scopes.prefixes.PrefixRequestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The menu's badge counts what waits for the signed-in person's decision, and nothing they may not decide. */
@QuarkusTest
class PendingWorkTest {

    @Inject
    PendingWork pending;

    @Inject
    PrefixRequestService requests;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static long openRequest() {
        String prefix = "pending" + System.nanoTime() % 100_000_000L;
        return QuarkusTransaction.requiringNew().call(() -> {
            PrefixRequest r = new PrefixRequest();
            r.prefix = prefix;
            r.organisation = Organisation.findById(TestData.ORG_A);
            r.state = PrefixRequest.State.REQUESTED;
            r.requestedBy = "anna";
            r.requested = Instant.now();
            r.persist();
            return r.id;
        });
    }

    private static long open() {
        return QuarkusTransaction.requiringNew().call(PrefixRequest::countOpen);
    }

    @Test
    @TestSecurity(user = "platform")
    void thePlatformAdministratorCountsEveryOpenRequestUntilItIsDecided() {
        long id = openRequest();
        long waiting = open();
        assertTrue(waiting >= 1);

        assertEquals(waiting, pending.prefixRequests());
        given().get("/portal").then().statusCode(200)
                .body(allOf(containsString("href=\"/portal/prefixes/requests\""),
                        containsString("<span aria-hidden=\"true\">" + waiting + "</span>"),
                        containsString(waiting == 1 ? "(1 ventende forespørsel)"
                                : "(" + waiting + " ventende forespørsler)")));

        requests.reject(id);
        assertEquals(waiting - 1, requests.waitingForDecision());
    }

    @Test
    @TestSecurity(user = "anna")
    void anApiAdministratorCountsNothingEvenForTheirOwnOrganisationsRequest() {
        openRequest();

        assertEquals(0, pending.prefixRequests());
        String page = given().get("/portal").then().statusCode(200)
                .body(not(containsString("/portal/prefixes/requests"))).extract().asString();
        // the only count an API administrator sees is of access requests for the organisation's scopes (issue 16)
        assertEquals(pending.accessRequests() > 0, page.contains("ventende forespørs"));
    }
}
