package no.samarbeidsportal.token;

import static no.samarbeidsportal.token.Grants.grant;
import static no.samarbeidsportal.token.Grants.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import javax.sql.DataSource;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.Test;

/**
 * Security review, session 27: a listening connection that stops answering without breaking (its database backend
 * stalled, a network partition) kept this instance's cache on, so another instance's revocation, announced only on
 * that connection, was never seen here. Now an unanswered heartbeat stops the caching and the listener listens anew.
 */
@QuarkusTest
@TestProfile(ListenerTimeoutTest.ShortTimeout.class)
class ListenerTimeoutTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portal.token.listener-timeout", "1s");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void anotherInstancesRevocationHoldsHereEvenWhenTheListeningConnectionStopsAnswering() throws Exception {
        TestData.ensure();
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        Grants.Registered client = Grants.client(TestData.ORG_B, scope);
        request(grant(client, scope)).statusCode(200); // the access decision is cached
        try (HeldListeners held = HeldListeners.hold(dataSource)) {
            // another instance revokes: a plain statement, not seen by this instance's own transactions
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "delete from scope_access where consumer_orgno = ? and scope_id = (select id from scope "
                            + "where name = ?)")) {
                s.setString(1, TestData.ORG_B);
                s.setString(2, scope);
                assertEquals(1, s.executeUpdate());
            }
            int status = 0;
            long until = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < until) {
                status = request(grant(client, scope)).extract().statusCode();
                if (status == 403) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(403, status, "the revocation was not seen while the listening connection was held");
        }
    }
}
