package no.samarbeidsportal.clients;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static no.samarbeidsportal.TestScopes.unique;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ivar is an integration administrator of organisation A; organisation B's scopes are under the prefix beta. */
@QuarkusTest
class ClientPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    /** A scope of organisation B, with organisation A on its access list when {@code grantA}. */
    private static String scopeOfB(boolean grantA, Map<String, Object> extra) {
        String subscope = unique("api");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("prefix", "beta", "subscope", subscope,
                "description", "B sitt API " + subscope));
        body.putAll(extra);
        as(TestData.ORG_B, TestScopes.WRITE).body(body).post("/api/v1/scopes").then().statusCode(201);
        String scope = "beta:" + subscope;
        if (grantA) {
            as(TestData.ORG_B, TestScopes.WRITE).queryParam("scope", scope)
                    .put("/api/v1/scopes/access/" + TestData.ORG_A).then().statusCode(200);
        }
        return scope;
    }

    @Test
    @TestSecurity(user = "ivar")
    void aConsumerCreatesAClientWithAGrantedScopeAndSeesHowToGetATokenForIt() {
        String granted = scopeOfB(true, Map.of());
        String notGranted = scopeOfB(false, Map.of());
        PageSession session = new PageSession();
        session.open("/portal/clients/new").then().statusCode(200)
                .body(allOf(containsString("value=\"" + granted + "\""), not(containsString(notGranted)),
                        containsString("Scopes virksomheten har fått tilgang til")));
        String location = session.form().formParam("integration_type", "maskinporten")
                .formParam("client_name", "Lønn").formParam("description", "Lønnssystemet")
                .formParam("scopes", granted).post("/portal/clients").then().statusCode(303)
                .header("Location", containsString("/portal/clients/keys?client="))
                .extract().header("Location");
        // the next step is a key: the page opens on the keys tab, asking for one
        given().get(location).then().statusCode(200)
                .body(allOf(containsString("Lønnssystemet"), containsString("Legg til en nøkkel"),
                        containsString("aria-current=\"page\">Nøkler</a>")));
        String help = location.replace("/portal/clients/keys?", "/portal/clients/view?") + "&section=help";
        given().urlEncodingEnabled(false).get(help).then().statusCode(200)
                .body(allOf(containsString("Lønnssystemet"),
                        containsString(no.samarbeidsportal.token.Grants.issuer() + "token"),
                        containsString("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer"),
                        containsString("Slik henter dere et token"), not(containsString("id=\"issuer-warning\""))));
        given().urlEncodingEnabled(false).get(help.replace("section=help", "section=scopes")).then().statusCode(200)
                .body(containsString("<code>" + granted + "</code>"));
        given().get("/portal/clients").then().statusCode(200).body(containsString("Lønn"));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aScopeWithoutAccessGetsAMessageNamingItAndNothingIsCreated() {
        String notGranted = scopeOfB(false, Map.of());
        String description = unique("skal ikke finnes");
        PageSession session = new PageSession();
        session.open("/portal/clients/new");
        session.form().formParam("integration_type", "maskinporten").formParam("client_name", "")
                .formParam("description", description).formParam("scopes", notGranted)
                .post("/portal/clients").then().statusCode(422)
                .body(allOf(containsString("id=\"f-client_name-error\""),
                        containsString("har ikke fått tilgang til scopet &quot;" + notGranted),
                        containsString("value=\"" + description + "\"")));
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get("/api/v1/clients").then()
                .body(not(containsString(description)));
    }

    @Test
    @TestSecurity(user = "ivar")
    void thePickerFollowsTheIntegrationType() {
        String maskinportenOnly = scopeOfB(true, Map.of("allowed_integration_types", List.of("maskinporten")));
        given().queryParam("integration_type", "idporten").header("HX-Request", "true")
                .get("/portal/clients/new/scopes").then().statusCode(200)
                .body(allOf(startsWith("<fieldset id=\"scope-picker\""), not(containsString(maskinportenOnly))));
        given().queryParam("integration_type", "maskinporten").header("HX-Request", "true")
                .get("/portal/clients/new/scopes").then().statusCode(200)
                .body(containsString(maskinportenOnly));
    }

    @Test
    @TestSecurity(user = "ivar")
    void editingDetectsAConcurrentChangeAndDeactivatingWarnsFirst() {
        String granted = scopeOfB(true, Map.of());
        String id = as(TestData.ORG_A, ClientApiTest.DCR_WRITE).body(ClientApiTest.maskinporten(granted))
                .post("/api/v1/clients").then().statusCode(201).extract().path("client_id");
        PageSession session = new PageSession();
        session.open("/portal/clients/view?client=" + id).then().statusCode(200)
                .body(containsString("name=\"version\" value=\"0\""));
        session.form().queryParam("client", id).formParam("version", "0").formParam("client_name", "Ny")
                .formParam("description", "Ny beskrivelse").formParam("scopes", granted)
                .post("/portal/clients/view").then().statusCode(303);
        session.form().queryParam("client", id).formParam("version", "0").formParam("client_name", "Gammel")
                .formParam("description", "Gammel").formParam("scopes", granted)
                .post("/portal/clients/view").then().statusCode(409);

        session.open("/portal/clients/deactivate?client=" + id).then().statusCode(200)
                .body(containsString("får ingen flere tokens"));
        session.form().queryParam("client", id).post("/portal/clients/deactivate").then().statusCode(303);
        given().get("/portal/clients/view?client=" + id).then().statusCode(200)
                .body(containsString("Integrasjonen er deaktivert og får ikke tokens."));
        given().get("/portal/clients").then().body(not(containsString(id)));
    }

    @Test
    @TestSecurity(user = "anna")
    void aPersonWithoutTheIntegrationRoleIsRefused() {
        given().get("/portal/clients").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ivar")
    void anotherOrganisationsClientIsNotFound() {
        String id = as(TestData.ORG_B, ClientApiTest.DCR_WRITE)
                .body(ClientApiTest.maskinporten(scopeOfB(false, Map.of()))).post("/api/v1/clients").then()
                .statusCode(201).extract().path("client_id");
        given().get("/portal/clients/view?client=" + id).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "lars")
    void aSupplierRegistersAClientForACustomerWithTheCustomersScopes() {
        String grantedToA = scopeOfB(true, Map.of());
        PageSession session = new PageSession();
        session.open("/portal/clients/new").then().statusCode(200)
                .body(containsString("For en kunde (organisasjonsnummer)"));
        given().queryParam("integration_type", "maskinporten").queryParam("client_orgno", TestData.ORG_A)
                .header("HX-Request", "true").get("/portal/clients/new/scopes").then().statusCode(200)
                .body(containsString(grantedToA));
        session.form().formParam("integration_type", "maskinporten").formParam("client_name", "Egen")
                .formParam("description", "Egen").formParam("scopes", grantedToA).post("/portal/clients").then()
                .statusCode(422).body(allOf(containsString("id=\"f-client_orgno-error\""),
                        containsString("bare lage integrasjoner for kunder")));
        String description = unique("for kunden");
        session.form().formParam("integration_type", "maskinporten").formParam("client_orgno", TestData.ORG_A)
                .formParam("client_name", "Kundens integrasjon").formParam("description", description)
                .formParam("scopes", grantedToA).post("/portal/clients").then().statusCode(303);
        given().get("/portal/clients").then().statusCode(200)
                .body(allOf(containsString(description), containsString("levert av Leverandør AS (310 000 140)")));
        as(TestData.ORG_A, ClientApiTest.DCR_READ).get("/api/v1/clients").then()
                .body(containsString(description));
    }

    @Test
    @TestSecurity(user = "ivar")
    void theTokenHelpWarnsWhenThePageIsServedOnAnotherAddressThanTheIssuer() {
        String id = ClientApiTest.create(TestData.ORG_A, ClientApiTest.maskinporten(TestScopes.ofA()));
        String issuer = no.samarbeidsportal.token.Grants.issuer();
        // the test's PORTAL_ISSUER is the address the tests call: no warning
        given().get("/portal/clients/view?client=" + id + "&section=help").then().statusCode(200)
                .body(allOf(containsString("<code id=\"help-token-endpoint\">" + issuer + "token</code>"),
                        not(containsString("id=\"issuer-warning\""))));
        // the same page asked for under another host name, as through an internal address
        given().header("Host", "portal.internal:8443").get("/portal/clients/view?client=" + id + "&section=help")
                .then().statusCode(200)
                .body(allOf(containsString("id=\"issuer-warning\""), containsString("http://portal.internal:8443"),
                        containsString("(PORTAL_ISSUER)"),
                        containsString("<code id=\"help-token-endpoint\">" + issuer + "token</code>"),
                        containsString("<code id=\"help-audience\">" + issuer + "</code>")));
    }

    @Test
    @TestSecurity(user = "ivar")
    void theListFiltersAndSortsWithGetParametersAndShowsKeyStatus() {
        String stamp = unique("sider");
        Map<String, Object> first = ClientApiTest.maskinporten(TestScopes.ofA());
        first.put("client_name", stamp + "-b");
        ClientApiTest.create(TestData.ORG_A, first);
        Map<String, Object> second = ClientApiTest.maskinporten(TestScopes.ofA());
        second.put("client_name", stamp + "-a");
        ClientApiTest.create(TestData.ORG_A, second);
        String page = given().queryParam("q", stamp).queryParam("sort", "name").get("/portal/clients").then()
                .statusCode(200).body(allOf(containsString("value=\"" + stamp + "\""),
                        containsString("<option value=\"name\" selected>"), containsString("Ingen nøkkel")))
                .extract().asString();
        assertTrue(page.indexOf(stamp + "-a") < page.indexOf(stamp + "-b"), "sorted by name");
        given().queryParam("q", stamp).queryParam("type", "idporten").get("/portal/clients").then().statusCode(200)
                .body(allOf(containsString("Ingen integrasjoner passer til søket."), not(containsString(stamp + "-a<"))));
        // an unknown sort or status is the default, not an error
        given().queryParam("q", stamp).queryParam("sort", "x'--").queryParam("status", "?").get("/portal/clients")
                .then().statusCode(200).body(containsString(stamp + "-a"));
    }
}
