package no.samarbeidsportal.keys;

import static io.restassured.RestAssured.given;
import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import no.samarbeidsportal.PageSession;
import no.samarbeidsportal.TestCertificates;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ivar is an integration administrator of organisation A. */
@QuarkusTest
class KeyPagesTest {

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String page(String clientId) {
        return "/portal/clients/keys?client=" + clientId;
    }

    @Test
    @TestSecurity(user = "ivar")
    void aPastedCertificateShowsItsKidExpiryAndFacts() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        TestCertificates.Issued cert = TestCertificates.seid2(TestData.ORG_A);
        PageSession session = new PageSession();
        session.open(page(id)).then().statusCode(200).body(containsString("Lag og registrer nøkkel"));
        session.form().queryParam("client", id).formParam("keys", cert.pem()).post("/portal/clients/keys").then()
                .statusCode(303);
        given().get(page(id)).then().statusCode(200)
                .body(allOf(containsString("<code>" + cert.serial() + "</code>"),
                        containsString("organizationIdentifier=NTRNO-" + TestData.ORG_A), containsString("Test CA"), containsString("SHA-256"),
                        // the certificate's organisation by name, as everywhere (issue 15)
                        containsString("<dd>Org A AS <span class=\"orgno\">(310 000 019)</span></dd>")));
        // the client page's token help names the key
        given().get("/portal/clients/view?client=" + id + "&section=help").then().statusCode(200)
                .body(allOf(containsString("<code id=\"help-kid\">" + cert.serial() + "</code>"),
                        containsString("&quot;kid&quot;:&quot;" + cert.serial() + "&quot;")));
    }

    @Test
    @TestSecurity(user = "ivar")
    void anUploadedDerCertificateIsAddedAndRemovedWithHtmx() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        TestCertificates.Issued cert = TestCertificates.seid1(TestData.ORG_A);
        PageSession session = new PageSession();
        session.open(page(id));
        given().redirects().follow(false).cookie("csrf-token", session.cookie())
                .multiPart("csrf-token", session.token())
                .multiPart("file", "virksomhet.cer", cert.der(), "application/pkix-cert")
                .queryParam("client", id).post("/portal/clients/keys").then().statusCode(303);
        given().get(page(id)).then().body(containsString(cert.serial()));
        session.htmx().queryParam("client", id).formParam("kid", cert.serial())
                .post("/portal/clients/keys/remove").then().statusCode(200)
                .body(allOf(startsWith("<div id=\"keys\""), not(containsString("<code>" + cert.serial())),
                        containsString("Nøkkelen " + cert.serial() + " er slettet.")));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aCertificateOfAnotherOrganisationIsRefusedNamingBoth() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        PageSession session = new PageSession();
        session.open(page(id));
        session.form().queryParam("client", id).formParam("keys", TestCertificates.seid2(TestData.ORG_B).pem())
                .post("/portal/clients/keys").then().statusCode(422)
                .body(allOf(containsString("tilhører organisasjonsnummer " + TestData.ORG_B),
                        containsString("integrasjonen tilhører " + TestData.ORG_A), containsString("aria-invalid")));
        given().get(page(id)).then().body(containsString("Integrasjonen har ingen nøkler ennå."));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aPrivateKeyIsRefusedAndNotEchoedBack() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        KeyPair pair = TestCertificates.rsa(2048);
        String pem = TestCertificates.pem(pair.getPrivate());
        String secretPart = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()).substring(100, 160);
        PageSession session = new PageSession();
        session.open(page(id));
        session.form().queryParam("client", id).formParam("keys", pem).post("/portal/clients/keys").then()
                .statusCode(422).body(allOf(containsString("privat nøkkel"), not(containsString(secretPart)),
                        not(containsString("PRIVATE KEY"))));
    }

    @Test
    @TestSecurity(user = "ivar")
    void anotherOrganisationsClientsKeysAreNotFound() {
        String id = KeyApiTest.clientOf(TestData.ORG_B);
        given().get(page(id)).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "ivar")
    void theDashboardListsKeysThatExpireSoon() {
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        Map<String, Object> key = KeyApiTest.jwk("snart-ute");
        key.put("exp", Instant.now().plus(Duration.ofDays(10)).getEpochSecond());
        as(TestData.ORG_A, "idporten:dcr.write").body(KeyApiTest.jwks(key))
                .post("/api/v1/clients/" + id + "/jwks").then().statusCode(201);
        given().get("/portal").then().statusCode(200)
                .body(allOf(containsString("Nøkler og sertifikater som snart går ut"),
                        containsString("<code>snart-ute</code>"), containsString(page(id))));
    }

    @Test
    @TestSecurity(user = "ivar")
    void aKidAnotherClientUsesIsAcceptedWithAWarning() {
        String kid = no.samarbeidsportal.TestScopes.unique("delt");
        String other = KeyApiTest.clientOf(TestData.ORG_B);
        as(TestData.ORG_B, "idporten:dcr.write").body(KeyApiTest.jwks(KeyApiTest.jwk(kid)))
                .post("/api/v1/clients/" + other + "/jwks").then().statusCode(201);
        String id = KeyApiTest.clientOf(TestData.ORG_A);
        PageSession session = new PageSession();
        session.open(page(id));
        session.form().queryParam("client", id).formParam("keys", KeyApiTest.toJson(KeyApiTest.jwk(kid)))
                .post("/portal/clients/keys").then().statusCode(303);
        given().get(page(id)).then().statusCode(200).body(containsString("En annen integrasjon bruker samme kid."));
    }
}
