package no.samarbeidsportal.delegations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Safe clicks (issue 14): the delegation form sent twice at the same moment makes one delegation, and neither fails. */
@QuarkusTest
class DelegationPagesDoubleSubmitTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "ivar")
    void twoSubmitsAtTheSameMomentMakeOneDelegation() throws Exception {
        String scope = TestScopes.createInA(TestScopes.unique("dobbel"), Map.of("delegation_source",
                "https://tt02.altinn.no/"));
        PageSession session = new PageSession();
        session.open("/portal/delegations").then().statusCode(200);
        String key = session.submission();
        assertNotNull(key, "the form carries a submission key");

        List<Response> answers = Together.run(2, () -> session.form().formParam("submission", key)
                .formParam("scope", scope).formParam("supplier_orgno", TestData.SUPPLIER)
                .post("/portal/delegations"));

        assertEquals(List.of(303, 303), answers.stream().map(Response::statusCode).toList());
        String page = given().get("/portal/delegations").then().statusCode(200).extract().asString();
        assertEquals(1, page.split("<code>" + scope + "</code>", -1).length - 1);
    }
}
