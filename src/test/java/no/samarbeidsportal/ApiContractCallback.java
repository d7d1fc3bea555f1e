package no.samarbeidsportal;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;

/** Puts {@link ApiContract} in front of every RestAssured request of every @QuarkusTest, without touching the tests. */
public class ApiContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(ApiContract.INSTANCE)) {
            RestAssured.filters(ApiContract.INSTANCE);
        }
        // @TestSecurity logs a test in without a token on the request
        ApiContract.INSTANCE.identityWithoutToken(context.getTestMethod().isAnnotationPresent(TestSecurity.class)
                || context.getTestInstance().getClass().isAnnotationPresent(TestSecurity.class));
    }
}
