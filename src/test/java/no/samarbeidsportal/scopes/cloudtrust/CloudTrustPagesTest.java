package no.samarbeidsportal.scopes.cloudtrust;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "Sky-tillit (Skyporten)" page: the form, the documents to copy and download, the errors, the link to it. */
@QuarkusTest
class CloudTrustPagesTest {

    private static final String AUDIENCE = "https://skyporten.example.org";

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    @Test
    @TestSecurity(user = "anna")
    void theScopePageLinksToAFormThatGivesEachDocumentToCopyAndDownload() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        given().queryParam("scope", scope).get("/portal/scopes/view").then().statusCode(200)
                .body(allOf(containsString("Sky-tillit (Skyporten)"),
                        containsString("/portal/scopes/cloud-trust?scope=" + scope.replace(":", "%3A"))));
        given().queryParam("scope", scope).get("/portal/scopes/cloud-trust").then().statusCode(200)
                .body(allOf(containsString("<form method=\"get\" action=\"/portal/scopes/cloud-trust\""),
                        containsString("for=\"f-consumer_orgno\""), containsString("for=\"f-audience\""),
                        containsString("value=\"https://skyporten.alfa.example\""), not(containsString("<pre"))));
        String page = given().queryParam("scope", scope).queryParam("consumer_orgno", TestData.ORG_B)
                .queryParam("audience", AUDIENCE).get("/portal/scopes/cloud-trust").then().statusCode(200)
                .body(allOf(containsString("<pre tabindex=\"0\" role=\"region\" aria-labelledby=\"doc-gcp-gcloud-h\">"),
                        containsString("data-copy-from=\"doc-aws-trust-policy\""),
                        containsString("role=\"status\" aria-live=\"polite\""),
                        containsString("0192:" + TestData.ORG_B + ";" + scope),
                        containsString("--attribute-mapping="), containsString("google_iam_workload_identity_pool"),
                        containsString("Google Cloud"), containsString("AWS"), containsString("Azure"),
                        not(containsString("har ikke tilgang"))))
                .extract().asString();
        String download = "/portal/scopes/cloud-trust/file?scope=" + scope.replace(":", "%3A")
                + "&amp;consumer_orgno=" + TestData.ORG_B + "&amp;audience=https%3A%2F%2Fskyporten.example.org"
                + "&amp;document=trust_policy";
        org.junit.jupiter.api.Assertions.assertTrue(page.contains(download), page);
        String file = given().queryParam("scope", scope).queryParam("consumer_orgno", TestData.ORG_B)
                .queryParam("audience", AUDIENCE).queryParam("document", "trust_policy")
                .get("/portal/scopes/cloud-trust/file").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"aws-trust-policy.json\"")
                .contentType(startsWith("application/json")).extract().asString();
        String api = TestScopes.as(TestData.ORG_A, TestScopes.READ).queryParam("scope", scope)
                .queryParam("consumer_orgno", TestData.ORG_B).queryParam("audience", AUDIENCE)
                .get("/api/v1/scopes/cloud-trust").then().statusCode(200).extract().asString();
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(api).at("/aws/trust_policy"), json.readTree(file));
        given().queryParam("scope", scope).queryParam("consumer_orgno", TestData.ORG_B)
                .queryParam("audience", AUDIENCE).queryParam("document", "terraform")
                .get("/portal/scopes/cloud-trust/file").then().statusCode(200)
                .contentType(startsWith("text/plain")).body(containsString("google_iam_workload_identity_pool_provider"));
        given().queryParam("scope", scope).queryParam("consumer_orgno", TestData.ORG_B)
                .queryParam("audience", AUDIENCE).queryParam("document", "nothing")
                .get("/portal/scopes/cloud-trust/file").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "anna")
    void badInputIs422WithTheFieldsMessagesAndAMissingAccessIsSaid() {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        given().queryParam("scope", scope).queryParam("consumer_orgno", "310000028")
                .queryParam("audience", "http://skyporten.example.org").get("/portal/scopes/cloud-trust").then()
                .statusCode(422)
                .body(allOf(containsString("id=\"f-consumer_orgno-error\""), containsString("kontrollsiffer"),
                        containsString("id=\"f-audience-error\""), containsString("aria-invalid=\"true\""),
                        containsString("value=\"http://skyporten.example.org\""), not(containsString("<pre"))));
        given().queryParam("scope", scope).queryParam("consumer_orgno", TestData.FREE[0])
                .queryParam("audience", AUDIENCE).get("/portal/scopes/cloud-trust").then().statusCode(200)
                .body(containsString("har ikke tilgang"));
        String idporten = TestScopes.createInA(TestScopes.unique("idp"),
                Map.of("allowed_integration_types", List.of("idporten")));
        given().queryParam("scope", idporten).get("/portal/scopes/cloud-trust").then().statusCode(200)
                .body(allOf(containsString("role=\"alert\""), containsString("Maskinporten-klienter"),
                        not(containsString("<form method=\"get\""))));
        given().header("Accept-Language", "en").queryParam("scope", scope).get("/portal/scopes/cloud-trust").then()
                .statusCode(200).body(containsString("Cloud trust (Skyporten)"));
    }

    @Test
    @TestSecurity(user = "bert")
    void anotherOrganisationsScopeIs404() {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        given().queryParam("scope", scope).get("/portal/scopes/cloud-trust").then().statusCode(404);
        given().queryParam("scope", scope).queryParam("consumer_orgno", TestData.ORG_B)
                .queryParam("audience", AUDIENCE).queryParam("document", "trust_policy")
                .get("/portal/scopes/cloud-trust/file").then().statusCode(404);
    }
}
