package no.samarbeidsportal.scopes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import java.util.List;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Together;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Safe clicks (issue 14): the new-scope form sent twice with its submission key makes one scope and answers with it. */
@QuarkusTest
class ScopePagesDoubleSubmitTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static Response create(PageSession session, String key, String subscope) {
        return session.form().formParam("submission", key).formParam("prefix", "alfa").formParam("subscope", subscope)
                .formParam("description", "Dobbeltklikket").formParam("visibility", "PUBLIC")
                .formParam("token_type", "SELF_CONTAINED").formParam("allowed_integration_types", "maskinporten")
                .post("/portal/scopes");
    }

    @Test
    @TestSecurity(user = "anna")
    void theSameFormSentTwiceAnswersBothWithTheOneScope() {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new").then().statusCode(200);
        String key = session.submission();
        assertNotNull(key, "the form carries a submission key");
        String subscope = TestScopes.unique("dobbel");

        Response first = create(session, key, subscope);
        Response second = create(session, key, subscope);

        assertEquals(List.of(303, 303), List.of(first.statusCode(), second.statusCode()));
        assertEquals(first.header("Location"), second.header("Location"));
        // the address is already encoded
        given().urlEncodingEnabled(false).get(second.header("Location")).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "anna")
    void twoSubmitsAtTheSameMomentAnswerBothWithTheOneScope() throws Exception {
        PageSession session = new PageSession();
        session.open("/portal/scopes/new");
        String key = session.submission();
        String subscope = TestScopes.unique("samtidig");

        List<Response> answers = Together.run(2, () -> create(session, key, subscope));

        assertEquals(List.of(303, 303), answers.stream().map(Response::statusCode).toList());
        assertEquals(answers.get(0).header("Location"), answers.get(1).header("Location"));
    }
}
