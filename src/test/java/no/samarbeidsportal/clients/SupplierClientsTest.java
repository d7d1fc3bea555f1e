package no.samarbeidsportal.clients;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.Tokens;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.orgs.NewAppointment;
import no.samarbeidsportal.orgs.SupplierService;
import no.samarbeidsportal.token.AdminScopes;
import no.samarbeidsportal.token.Grants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding 1 of issue 11: a supplier acts only for a customer that appointed it, with the customer's usable scopes, and
 * never as the customer's administrator (admin-api.md 2.5). B is the customer here; A owns the admin API's scopes.
 */
@QuarkusTest
class SupplierClientsTest {

    @Inject
    AdminScopes adminScopes;

    @Inject
    SupplierService suppliers;

    @Inject
    EntityManager em;

    @BeforeEach
    void data() {
        TestData.ensure();
        adminScopes.ensure(TestData.ORG_A);
    }

    @Test
    @TestSecurity(user = "bert")
    void aSupplierActsForACustomerOnlyOnceAppointedAndNeverAsItsAdministrator() throws Exception {
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", "idporten:scopes.write")
                .put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        String privateOfB = privateScopeOfB();
        String grantedToB = ClientApiTest.grantedTo(TestData.ORG_B);
        String x = TestData.freshOrganisation("Leverandør X AS");

        // X holds the supplier right (its own dcr.supplier token) but B has not appointed it: nothing for B
        for (String scope : List.of("idporten:scopes.write", privateOfB, grantedToB)) {
            as(x, ClientApiTest.DCR_SUPPLIER).body(forCustomer(TestData.ORG_B, scope)).post("/api/v1/clients")
                    .then().statusCode(403).body("error", equalTo("access_denied"));
        }

        suppliers.appoint(TestData.ORG_B, new NewAppointment(x, false));
        as(x, ClientApiTest.DCR_SUPPLIER).body(forCustomer(TestData.ORG_B, "idporten:scopes.write"))
                .post("/api/v1/clients").then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("scopes[0]"))
                .body("errors[0].errorMessage", containsString("idporten:scopes.write"));
        as(x, ClientApiTest.DCR_SUPPLIER).body(forCustomer(TestData.ORG_B, privateOfB)).post("/api/v1/clients")
                .then().statusCode(400).body("errors[0].errorMessage", containsString(privateOfB));
        String id = as(x, ClientApiTest.DCR_SUPPLIER).body(forCustomer(TestData.ORG_B, grantedToB))
                .post("/api/v1/clients").then().statusCode(201).body("supplier_orgno", equalTo(x)).extract()
                .path("client_id");
        Map<String, Object> change = forCustomer(TestData.ORG_B, grantedToB, privateOfB);
        as(x, ClientApiTest.DCR_SUPPLIER).body(change).put("/api/v1/clients/" + id).then().statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("scopes[1]"));
        RSAKey key = Grants.rsa();
        as(x, ClientApiTest.DCR_SUPPLIER).body(Map.of("keys", List.of(key.toPublicJWK().toJSONObject())))
                .post("/api/v1/clients/" + id + "/jwks").then().statusCode(201);
        String token = ask(id, key, grantedToB).statusCode(200).extract().path("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("0192:" + TestData.ORG_B, ((Map<?, ?>) claims.getClaim("consumer")).get("ID"));
        assertEquals("0192:" + x, ((Map<?, ?>) claims.getClaim("supplier")).get("ID"));

        // a supplier's token is never the customer's administrator, whatever scopes it carries
        String supplied = Tokens.supplied(TestData.ORG_B, x, "idporten:scopes.write idporten:dcr.write");
        given().auth().oauth2(token).queryParam("scope", privateOfB).get("/api/v1/scopes/access").then()
                .statusCode(403);
        given().auth().oauth2(supplied).queryParam("scope", privateOfB).get("/api/v1/scopes/access").then()
                .statusCode(403).body(not(containsString(privateOfB)));
        given().auth().oauth2(supplied).queryParam("scope", privateOfB).put("/api/v1/scopes/access/" + x).then()
                .statusCode(403);
        given().auth().oauth2(supplied).get("/api/v1/clients").then().statusCode(403);
        as(TestData.ORG_B, TestScopes.WRITE).queryParam("scope", privateOfB).get("/api/v1/scopes/access").then()
                .statusCode(200).body(not(containsString(x)));

        as(x, ClientApiTest.DCR_SUPPLIER).get("/api/v1/audit").then().statusCode(200).body("subject_id", hasItem(id));

        // B ends it: the client gets no token, and X no longer sees, changes or registers anything for B
        SupplierAppointment appointment = SupplierAppointment.active(TestData.ORG_B, x).orElseThrow();
        suppliers.end(TestData.ORG_B, appointment.id);
        Grants.eventually(400, () -> ask(id, key, grantedToB)).statusCode(400)
                .body("error_uri", containsString("MP-100"));
        as(x, ClientApiTest.DCR_SUPPLIER).get("/api/v1/clients/" + id).then().statusCode(404);
        as(x, ClientApiTest.DCR_SUPPLIER).get("/api/v1/clients").then().body("client_id", not(hasItem(id)));
        as(x, ClientApiTest.DCR_SUPPLIER).body(forCustomer(TestData.ORG_B, grantedToB)).put("/api/v1/clients/" + id)
                .then().statusCode(404);
        as(x, ClientApiTest.DCR_SUPPLIER).delete("/api/v1/clients/" + id).then().statusCode(404);
        as(x, ClientApiTest.DCR_SUPPLIER).body(forCustomer(TestData.ORG_B, grantedToB)).post("/api/v1/clients")
                .then().statusCode(403);
        as(x, ClientApiTest.DCR_SUPPLIER).get("/api/v1/audit").then().statusCode(200)
                .body("subject_id", not(hasItem(id))).body("action", hasItem("supplier.ended"));
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/clients/" + id).then().statusCode(200);
        as(TestData.ORG_B, ClientApiTest.DCR_READ).get("/api/v1/audit").then().statusCode(200)
                .body("action", hasItem("supplier.ended"));
    }

    @Test
    @TestSecurity(user = "bert")
    void theCustomersOwnScopesOnlyWhereTheAppointmentAllowsThemCheckedAgainAtTokenTime() throws Exception {
        String privateOfB = privateScopeOfB();
        String y = TestData.freshOrganisation("Leverandør Y AS");
        SupplierAppointment allowing = suppliers.appoint(TestData.ORG_B, new NewAppointment(y, true));
        String id = as(y, ClientApiTest.DCR_SUPPLIER).body(forCustomer(TestData.ORG_B, privateOfB))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
        RSAKey key = Grants.rsa();
        as(y, ClientApiTest.DCR_SUPPLIER).body(Map.of("keys", List.of(key.toPublicJWK().toJSONObject())))
                .post("/api/v1/clients/" + id + "/jwks").then().statusCode(201);
        ask(id, key, privateOfB).statusCode(200);

        // appointed again without own scopes: the client keeps the scope, the token service refuses it
        suppliers.end(TestData.ORG_B, allowing.id);
        suppliers.appoint(TestData.ORG_B, new NewAppointment(y, false));
        Grants.eventually(403, () -> ask(id, key, privateOfB)).statusCode(403)
                .body("error_uri", containsString("MP-250"));

        // an admin API scope on a supplier's client (stored before this rule existed) never gets a token
        as(TestData.ORG_A, TestScopes.WRITE).queryParam("scope", "idporten:dcr.read")
                .put("/api/v1/scopes/access/" + TestData.ORG_B).then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update client set scopes = '[\"idporten:dcr.read\"]'::jsonb where client_id = ?1")
                .setParameter(1, id).executeUpdate());
        Grants.eventually(403, () -> ask(id, key, "idporten:dcr.read")).statusCode(403)
                .body("error_uri", containsString("MP-250"));
    }

    @Test
    @TestSecurity(user = "lars")
    void theSupplierPickerListsOnlyAnAppointingCustomersUsableScopes() {
        String ownOfA = TestScopes.ofA();
        String grantedToA = grantedToA();
        String notAppointing = TestData.freshOrganisation("Kunde uten leverandør AS");
        picker(notAppointing).statusCode(404).body(not(containsString(ownOfA)));
        picker(TestData.ORG_A).statusCode(200).body(allOf(containsString(grantedToA), not(containsString(ownOfA)),
                not(containsString("idporten:"))));

        PageSession session = new PageSession();
        session.open("/portal/clients/new").then().statusCode(200);
        session.form().formParam("integration_type", "maskinporten").formParam("client_orgno", notAppointing)
                .formParam("client_name", "Ikke tillatt").formParam("description", "Ikke tillatt")
                .formParam("scopes", grantedToA).post("/portal/clients").then().statusCode(403);
        session.form().formParam("integration_type", "maskinporten").formParam("client_orgno", TestData.ORG_A)
                .formParam("client_name", "Egne scopes").formParam("description", "Egne scopes")
                .formParam("scopes", ownOfA).post("/portal/clients").then().statusCode(422)
                .body(containsString("utnevnelsen tillater ikke kundens egne scopes"));
    }

    private static String grantedToA() {
        String scope = privateScopeOfB();
        as(TestData.ORG_B, TestScopes.WRITE).queryParam("scope", scope).put("/api/v1/scopes/access/" + TestData.ORG_A)
                .then().statusCode(200);
        return scope;
    }

    private static ValidatableResponse picker(String customer) {
        return given().queryParam("integration_type", "maskinporten").queryParam("client_orgno", customer)
                .header("HX-Request", "true").get("/portal/clients/new/scopes").then();
    }

    private static String privateScopeOfB() {
        String subscope = TestScopes.unique("privat");
        as(TestData.ORG_B, TestScopes.WRITE).body(Map.of("prefix", "beta", "subscope", subscope,
                "description", "Privat scope hos B")).post("/api/v1/scopes").then().statusCode(201);
        return "beta:" + subscope;
    }

    private static Map<String, Object> forCustomer(String customer, String... scopes) {
        Map<String, Object> body = ClientApiTest.maskinporten(scopes);
        body.put("client_orgno", customer);
        return body;
    }

    private static ValidatableResponse ask(String clientId, RSAKey key, String scope) {
        return Grants.request(Grants.sign(Grants.claims(clientId, scope).build(), key));
    }
}
