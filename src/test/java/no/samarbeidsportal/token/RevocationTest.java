package no.samarbeidsportal.token;

import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.token.Grants.grant;
import static no.samarbeidsportal.token.Grants.request;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding 6: a revocation holds on the instance that made it from the moment its response is sent, without waiting
 * for the database's announcement (NOTIFY) to come back. To make that wait observable, the test holds the database
 * backend of this instance's listening connection (SIGSTOP), so no announcement reaches the instance while the
 * changes are made; the listener keeps its connection, so the decision cache stays on.
 */
@QuarkusTest
class RevocationTest {

    /** Readiness lives on the management interface. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "health/ready", management = true)
    java.net.URL readiness;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void revokedAccessGetsNoTokenOnTheSameInstanceEvenBeforeItsAnnouncementArrives() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        String other = ClientApiTest.grantedTo(TestData.ORG_B);
        Grants.Registered client = Grants.client(TestData.ORG_B, scope, other);
        // cached: the access decisions of both scopes
        request(grant(client, scope)).statusCode(200);
        request(grant(client, other)).statusCode(200);
        try (HeldListeners held = HeldListeners.hold(dataSource)) {
            as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", scope).delete("/api/v1/scopes/access/"
                    + TestData.ORG_B).then().statusCode(200);
            for (int i = 0; i < 20; i++) {
                request(grant(client, scope)).statusCode(403).body("error_uri", containsString("MP-250"));
            }
            request(grant(client, other)).statusCode(200);

            as(TestData.ORG_B, ClientApiTest.DCR_WRITE).delete("/api/v1/clients/" + client.clientId()).then()
                    .statusCode(200);
            for (int i = 0; i < 5; i++) {
                request(grant(client, other)).statusCode(400).body("error_uri", containsString("MP-100"));
            }
        }
    }

    @Test
    void theHeldListenerStillHoldsItsConnectionSoDecisionsStayCached() throws Exception {
        try (HeldListeners held = HeldListeners.hold(dataSource)) {
            String scope = ClientApiTest.grantedTo(TestData.ORG_B);
            Grants.Registered client = Grants.client(TestData.ORG_B, scope);
            request(grant(client, scope)).statusCode(200);
            io.restassured.RestAssured.given().get(readiness).then()
                    .body("checks.find { it.name == 'token-service' }.data.decisions_cached", equalTo(true));
        }
    }
}
