package no.samarbeidsportal.clients;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.TestScopes.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Together;
import no.samarbeidsportal.identity.ActorResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Safe clicks (issue 14): the "Ny integrasjon" form sent twice with its submission key, one after the other or at the
 * same moment, makes one client, and both answers lead to it. ivar is an integration administrator of A; "platform"
 * is one in A and B and chooses with the organisation cookie.
 */
@QuarkusTest
class ClientPagesDoubleSubmitTest {

    /** A scope of B's that every organisation may use: a client needs at least one. */
    private static String scope;

    @BeforeEach
    void data() {
        TestData.ensure();
        if (scope == null) {
            String subscope = unique("alle");
            as(TestData.ORG_B, TestScopes.WRITE).body(Map.of("prefix", "beta", "subscope", subscope,
                    "description", "For alle", "accessible_for_all", true)).post("/api/v1/scopes")
                    .then().statusCode(201);
            scope = "beta:" + subscope;
        }
    }

    private static Response create(PageSession session, String orgno, String key, String description) {
        return session.form().cookie(ActorResolver.ORG_COOKIE, orgno).formParam("submission", key)
                .formParam("integration_type", "maskinporten").formParam("client_name", "Dobbeltklikk")
                .formParam("description", description).formParam("scopes", scope).post("/portal/clients");
    }

    private static String created(Response answer) {
        answer.then().statusCode(303);
        return answer.header("Location");
    }

    /** How many of the organisation's clients carry {@code description}. */
    private static long clients(String orgno, String description) {
        List<String> all = as(orgno, ClientApiTest.DCR_READ).get("/api/v1/clients").then().statusCode(200)
                .extract().jsonPath().getList("description", String.class);
        return all.stream().filter(description::equals).count();
    }

    @Test
    @TestSecurity(user = "ivar")
    void theSameFormSentTwiceMakesOneClientAndBothAnswersLeadToIt() {
        PageSession session = new PageSession();
        session.open("/portal/clients/new").then().statusCode(200);
        String key = session.submission();
        assertNotNull(key, "the form carries a submission key");
        String description = unique("to ganger");

        String first = created(create(session, TestData.ORG_A, key, description));
        String second = created(create(session, TestData.ORG_A, key, description));

        assertEquals(first, second);
        assertEquals(1, clients(TestData.ORG_A, description));
        given().get(second).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "ivar")
    void twoSubmitsAtTheSameMomentMakeOneClientAndNeitherFails() throws Exception {
        PageSession session = new PageSession();
        session.open("/portal/clients/new");
        String key = session.submission();
        String description = unique("samtidig");

        List<Response> answers = Together.run(2, () -> create(session, TestData.ORG_A, key, description));

        assertEquals(List.of(303, 303), answers.stream().map(Response::statusCode).toList());
        assertEquals(answers.get(0).header("Location"), answers.get(1).header("Location"));
        assertEquals(1, clients(TestData.ORG_A, description));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aNewFormGetsANewKeyAndMakesAnotherClient() {
        PageSession session = new PageSession();
        String description = unique("to skjema");
        session.open("/portal/clients/new");
        String first = created(create(session, TestData.ORG_A, session.submission(), description));
        session.open("/portal/clients/new");
        String second = created(create(session, TestData.ORG_A, session.submission(), description));
        assertNotEquals(first, second);
        assertEquals(2, clients(TestData.ORG_A, description));
    }

    @Test
    @TestSecurity(user = "platform")
    void anotherOrganisationReusingTheKeyMakesItsOwnClientAndNeverSeesTheFirst() {
        PageSession session = new PageSession();
        session.open("/portal/clients/new");
        String key = session.submission();
        String description = unique("lånt nøkkel");

        String ofA = created(create(session, TestData.ORG_A, key, description));
        String ofB = created(create(session, TestData.ORG_B, key, description));

        assertNotEquals(ofA, ofB);
        assertEquals(1, clients(TestData.ORG_A, description));
        assertEquals(1, clients(TestData.ORG_B, description));
        given().cookie(ActorResolver.ORG_COOKIE, TestData.ORG_B).get(ofB).then().statusCode(200);
        given().cookie(ActorResolver.ORG_COOKIE, TestData.ORG_B).get(ofA).then().statusCode(404);
    }
}
