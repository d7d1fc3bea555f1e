package no.samarbeidsportal.token;

import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.token.Grants.grant;
import static no.samarbeidsportal.token.Grants.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.Test;

/**
 * With no event-loop budget (PORTAL_TOKEN_EVENT_LOOP_BUDGET=0, as for a loop whose budget is spent) every token
 * request, cached or not, is handed to the token threads, and answered there.
 */
@QuarkusTest
@TestProfile(EventLoopBudgetSpentTest.NoBudget.class)
class EventLoopBudgetSpentTest {

    public static class NoBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portal.token.event-loop-budget", "0");
        }
    }

    @Inject
    TokenThreads threads;

    @Test
    void everyRequestIsHandedOverAndAnswered() {
        TestData.ensure();
        Grants.Registered client = Grants.client(TestData.ORG_B, ClientApiTest.grantedTo(TestData.ORG_B));
        String scope = as(client.orgno(), ClientApiTest.DCR_READ).get("/api/v1/clients/" + client.clientId())
                .then().extract().path("scopes[0]");
        request(grant(client, scope)).statusCode(200);
        long before = threads.handedOver();
        for (int i = 0; i < 3; i++) {
            request(grant(client, scope)).statusCode(200);
        }
        assertEquals(before + 3, threads.handedOver(), "cached requests taken on the event loop");
    }
}
