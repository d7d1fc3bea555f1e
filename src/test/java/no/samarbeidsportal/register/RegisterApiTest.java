package no.samarbeidsportal.register;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/register}: register data for automation, the copy's state and an update for the operator. */
@QuarkusTest
class RegisterApiTest {

    @Inject
    RegisterJob job;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void loaded() {
        TestData.ensure();
        RegisterFixtures.reset(dataSource);
        RegisterFixtures.download("enheter", RegisterJobTest.enheter());
        RegisterFixtures.download("underenheter", RegisterJobTest.underenheter());
        assertEquals(RegisterJob.Outcome.LOADED, job.run());
    }

    @Test
    void automationReadsAUnitWithAnyReadingScope() {
        as(TestData.ORG_A, "idporten:scopes.read").get("/api/v1/register/units/910000002").then().statusCode(200)
                .body("orgno", equalTo("910000002")).body("name", equalTo("KONKURSBO TESTFIRMA AS"))
                .body("status", equalTo("BANKRUPT")).body("kind", equalTo("ENHET")).body("org_form", equalTo("AS"));
        as(TestData.ORG_B, "idporten:dcr.read").get("/external/api/v1/register/units/920000001").then().statusCode(200)
                .body("parent_orgno", equalTo("910000001")).body("kind", equalTo("UNDERENHET"));
        as(TestData.ORG_A, "idporten:dcr.read").get("/api/v1/register/units/910000005").then().statusCode(200)
                .body("status", equalTo("DELETED")).body("deleted_on", equalTo("2028-11-30"));
        as(TestData.ORG_A, "idporten:scopes.read").get("/api/v1/register/units/999999999").then().statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "9100000020", "91000000X", "abcdefghi", "910 000 002",
            "910000002910000002910000002910000002910000002910000002910000002910000002"})
    void aNumberThatIsNotNineDigitsIs400WithDigdirsBody(String orgno) {
        as(TestData.ORG_A, "idporten:scopes.read").get("/api/v1/register/units/{orgno}", orgno).then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("orgno"))
                .body("errors[0].objectName", equalTo("RegisterUnit"));
    }

    @Test
    void aTokenWithoutAReadingScopeIsRefused() {
        as(TestData.ORG_A, "openid").get("/api/v1/register/units/910000002").then().statusCode(403);
        given().get("/api/v1/register/units/910000002").then().statusCode(401);
    }

    @Test
    void onlyThePlatformAdministratorSeesTheStateOrStartsAnUpdate() {
        as(TestData.ORG_A, "idporten:scopes.write idporten:dcr.write").get("/api/v1/register/status").then()
                .statusCode(403);
        as(TestData.ORG_A, "idporten:scopes.write idporten:dcr.write").post("/api/v1/register/update").then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonWhoIsNoPlatformAdministratorIsRefused() {
        given().get("/api/v1/register/status").then().statusCode(403);
        given().contentType(ContentType.JSON).post("/api/v1/register/update").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "olga.operator")
    void thePlatformAdministratorSeesTheStateAndStartsAnUpdate() throws Exception {
        given().get("/api/v1/register/status").then().statusCode(200).body("units", equalTo(8))
                .body("full_load_at", notNullValue()).body("failing", equalTo(false));
        Instant before = state().lastSuccessAt();
        RegisterFixtures.feed("enheter", java.util.List.of(RegisterFixtures.change(301, "910000001", "Endring")));
        RegisterFixtures.lookup("enheter", RegisterFixtures.unit("910000001", "OPPDATERT PÅ BESTILLING AS", "AS"));
        given().contentType(ContentType.JSON).post("/api/v1/register/update").then().statusCode(202).body("units", equalTo(8));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!state().lastSuccessAt().isAfter(before) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        given().get("/api/v1/register/status").then().statusCode(200).body("enhet_oppdateringsid", equalTo(301));
        assertTrue(AuditEvent.<AuditEvent>list("action", "register.update-requested").stream()
                .anyMatch(e -> e.actor.equals("olga.operator") && e.actorKind.equals("PERSON")));
    }

    private RegisterState state() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return RegisterState.read(c);
        }
    }
}
