package no.samarbeidsportal.token;

import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.token.Grants.grant;
import static no.samarbeidsportal.token.Grants.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, speed: a token request whose every lookup is in the decision cache is checked and signed on its event loop;
 * one that needs the database is handed to the token threads, and the try on the event loop spends nothing.
 */
@QuarkusTest
class EventLoopIssuingTest {

    @Inject
    TokenData data;

    @Inject
    TokenThreads threads;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    void aCachedRequestStaysOnItsEventLoopAndAMissIsHandedOverWithItsGrantUnspent() {
        Grants.Registered client = Grants.client(TestData.ORG_B, ClientApiTest.grantedTo(TestData.ORG_B));
        String scope = as(client.orgno(), ClientApiTest.DCR_READ).get("/api/v1/clients/" + client.clientId())
                .then().extract().path("scopes[0]");
        request(grant(client, scope)).statusCode(200);

        // nothing cached: the event loop's try stops before the replay store, the token threads issue the token
        data.cache().clear();
        long before = threads.handedOver();
        request(grant(client, scope)).statusCode(200);
        assertEquals(before + 1, threads.handedOver(), "a cache miss is handed over once");

        // now cached: issued without a hand-over (a change notice from the set-up arriving late may clear the cache
        // once more, so a few tries)
        long handed;
        int tries = 0;
        do {
            handed = threads.handedOver();
            request(grant(client, scope)).statusCode(200);
        } while (threads.handedOver() != handed && ++tries < 5);
        assertEquals(handed, threads.handedOver(), "a cached request is handed over");
    }
}
