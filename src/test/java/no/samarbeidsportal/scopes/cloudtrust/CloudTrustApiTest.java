package no.samarbeidsportal.scopes.cloudtrust;

import static no.samarbeidsportal.TestScopes.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.samarbeidsportal.TestData;
import no.samarbeidsportal.TestScopes;
import no.samarbeidsportal.clients.ClientApiTest;
import no.samarbeidsportal.token.Grants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /scopes/cloud-trust: each generated document against the shape its cloud documents, and a real sky token. */
@QuarkusTest
class CloudTrustApiTest {

    private static final String AUDIENCE = "https://skyporten.example.org";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private static String sky() {
        return Grants.issuer() + "sky";
    }

    private static ValidatableResponse generate(String orgno, String path, Map<String, String> query) {
        return as(orgno, TestScopes.READ).queryParams(query).get(path).then();
    }

    private static JsonNode documents(String scope, String consumer, Map<String, String> more) throws IOException {
        Map<String, String> query = new java.util.HashMap<>(Map.of("scope", scope, "consumer_orgno", consumer,
                "audience", AUDIENCE));
        query.putAll(more);
        return JSON.readTree(generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", query).statusCode(200)
                .extract().asString());
    }

    @Test
    void everyDocumentHasItsCloudsShapeAndASkyTokenForTheConsumerMeetsIt() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        JsonNode doc = documents(scope, TestData.ORG_B, Map.of());
        String sub = "0192:" + TestData.ORG_B + ";" + scope;
        String host = sky().replaceFirst("^https?://", "");
        assertEquals(sky(), doc.get("issuer").asText());
        assertFalse(doc.get("issuer").asText().endsWith("/"));
        assertEquals(sub, doc.get("subject").asText());
        assertTrue(doc.get("consumer_has_access").asBoolean());

        // AWS: CreateOpenIDConnectProvider and a role trust policy on sub and aud
        JsonNode provider = doc.at("/aws/oidc_provider");
        assertEquals(Set.of("Url", "ClientIDList"), fields(provider));
        assertEquals(sky(), provider.get("Url").asText());
        assertEquals(List.of(AUDIENCE), texts(provider.get("ClientIDList")));
        JsonNode policy = doc.at("/aws/trust_policy");
        assertEquals(Set.of("Version", "Statement"), fields(policy));
        assertEquals("2012-10-17", policy.get("Version").asText());
        assertEquals(1, policy.get("Statement").size());
        JsonNode statement = policy.get("Statement").get(0);
        assertEquals(Set.of("Effect", "Principal", "Action", "Condition"), fields(statement));
        assertEquals("Allow", statement.get("Effect").asText());
        assertEquals("arn:aws:iam::ACCOUNT_ID:oidc-provider/" + host, statement.at("/Principal/Federated").asText());
        assertEquals("sts:AssumeRoleWithWebIdentity", statement.get("Action").asText());
        assertEquals(Set.of("StringEquals"), fields(statement.get("Condition")));
        JsonNode equals = statement.at("/Condition/StringEquals");
        assertEquals(Set.of(host + ":sub", host + ":aud"), fields(equals));
        assertEquals(sub, equals.get(host + ":sub").asText());
        assertEquals(AUDIENCE, equals.get(host + ":aud").asText());
        List<String> awsArgs = run("aws", doc.at("/aws/create_oidc_provider").asText());
        assertEquals(List.of("iam", "create-open-id-connect-provider", "--url", sky(), "--client-id-list", AUDIENCE),
                awsArgs.subList(0, 6));
        String assume = doc.at("/aws/assume_role").asText();
        assertTrue(assume.contains("export AWS_ROLE_ARN=arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME\n"), assume);
        assertTrue(assume.contains("export AWS_WEB_IDENTITY_TOKEN_FILE="), assume);
        assertTrue(assume.contains("aws sts assume-role-with-web-identity"), assume);
        assertTrue(assume.contains("--web-identity-token"), assume);

        // Azure: a federated identity credential, exact issuer, subject and one audience
        JsonNode credential = doc.at("/azure/federated_credential");
        assertEquals(Set.of("name", "issuer", "subject", "audiences", "description"), fields(credential));
        assertTrue(credential.get("name").asText().matches("[A-Za-z0-9][A-Za-z0-9_-]{2,119}"));
        assertEquals(sky(), credential.get("issuer").asText());
        assertEquals(sub, credential.get("subject").asText());
        assertEquals(List.of(AUDIENCE), texts(credential.get("audiences")));
        List<String> az = run("az", doc.at("/azure/managed_identity").asText());
        assertEquals(List.of("identity", "federated-credential", "create"), az.subList(0, 3));
        assertEquals(sky(), after(az, "--issuer"));
        assertEquals(sub, after(az, "--subject"));
        assertEquals(AUDIENCE, after(az, "--audiences"));
        assertEquals(credential.get("name").asText(), after(az, "--name"));
        List<String> app = run("az", doc.at("/azure/app_registration").asText());
        assertEquals(List.of("ad", "app", "federated-credential", "create"), app.subList(0, 4));
        assertEquals("azure-federated-credential.json", after(app, "--parameters"));

        // GCP: gcloud, as the shell hands it the arguments, and Terraform with token-protocol.md 13's mapping
        String mapping = "google.subject=assertion.consumer.ID,attribute.maskinportenscope=assertion.scope,"
                + "attribute.clientaccess=\"client::\"+assertion.consumer.ID+\"::\"+assertion.scope";
        String principal = "principalSet://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/"
                + "workloadIdentityPools/skyporten/attribute.clientaccess/client::0192:" + TestData.ORG_B + "::" + scope;
        String condition = "assertion.sub == \"" + sub + "\"";
        List<String> gcloud = run("gcloud", doc.at("/gcp/gcloud").asText());
        assertTrue(gcloud.contains("--issuer-uri=" + sky()), gcloud.toString());
        assertTrue(gcloud.contains("--allowed-audiences=" + AUDIENCE), gcloud.toString());
        assertTrue(gcloud.contains("--attribute-mapping=" + mapping), gcloud.toString());
        assertTrue(gcloud.contains("--attribute-condition=" + condition), gcloud.toString());
        assertTrue(gcloud.contains("--role=roles/iam.workloadIdentityUser"), gcloud.toString());
        assertTrue(gcloud.contains("--member=" + principal), gcloud.toString());
        assertTrue(gcloud.containsAll(List.of("workload-identity-pools", "create", "skyporten", "providers",
                "create-oidc", "samarbeidsportal", "--workload-identity-pool=skyporten")), gcloud.toString());
        Map<String, String> tf = terraformStrings(doc.at("/gcp/terraform").asText());
        assertEquals("assertion.consumer.ID", tf.get("\"google.subject\""));
        assertEquals("assertion.scope", tf.get("\"attribute.maskinportenscope\""));
        assertEquals("\"client::\"+assertion.consumer.ID+\"::\"+assertion.scope", tf.get("\"attribute.clientaccess\""));
        assertEquals(condition, tf.get("attribute_condition"));
        assertEquals(sky(), tf.get("issuer_uri"));
        assertEquals(principal, tf.get("member"));
        String terraform = doc.at("/gcp/terraform").asText();
        for (String resource : List.of("resource \"google_iam_workload_identity_pool\" ",
                "resource \"google_iam_workload_identity_pool_provider\" ",
                "resource \"google_service_account_iam_member\" ", "allowed_audiences = [\"" + AUDIENCE + "\"]",
                "role               = \"roles/iam.workloadIdentityUser\"", "  oidc {")) {
            assertTrue(terraform.contains(resource), resource + " in " + terraform);
        }
        JsonNode external = doc.at("/gcp/credential_configuration");
        assertEquals(Set.of("type", "audience", "subject_token_type", "token_url", "credential_source",
                "service_account_impersonation_url"), fields(external));
        assertEquals("external_account", external.get("type").asText());
        assertEquals("//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/skyporten/"
                + "providers/samarbeidsportal", external.get("audience").asText());
        assertEquals("urn:ietf:params:oauth:token-type:jwt", external.get("subject_token_type").asText());
        assertEquals("https://sts.googleapis.com/v1/token", external.get("token_url").asText());
        assertEquals("skyporten-token.json", external.at("/credential_source/file").asText());
        assertEquals("json", external.at("/credential_source/format/type").asText());
        assertEquals("access_token", external.at("/credential_source/format/subject_token_field_name").asText());
        assertTrue(external.get("service_account_impersonation_url").asText().startsWith(
                "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/SERVICE_ACCOUNT_EMAIL:"));

        // the consumer's grant: aud the sky issuer, exactly one scope, resource the audience
        JsonNode grant = doc.at("/consumer/grant_claims");
        assertEquals(sky(), grant.get("aud").asText());
        assertEquals(scope, grant.get("scope").asText());
        assertEquals(AUDIENCE, grant.get("resource").asText());
        assertTrue(doc.at("/consumer/token_request").asText().contains("curl -s -X POST " + sky() + "/token"));

        // a token our /sky endpoint issues to that consumer has exactly the iss, sub and aud the documents require
        Grants.Registered client = Grants.client(TestData.ORG_B, scope);
        String response = Grants.requestAt("/sky/token", Grants.sign(Grants.claims(client.clientId(), scope)
                .audience(grant.get("aud").asText()).claim("resource", grant.get("resource").asText()).build(),
                client.key())).statusCode(200).extract().asString();
        JsonNode answer = JSON.readTree(response);
        // GCP's credential_source reads this answer as it is: the field it names holds the token
        SignedJWT token = SignedJWT.parse(answer.get(external.at("/credential_source/format/subject_token_field_name")
                .asText()).asText());
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertEquals("RS256", token.getHeader().getAlgorithm().getName());
        assertTrue(token.getHeader().getKeyID() != null);
        assertEquals(credential.get("issuer").asText(), claims.getIssuer());
        assertEquals(provider.get("Url").asText(), claims.getIssuer());
        assertEquals(tf.get("issuer_uri"), claims.getIssuer());
        assertEquals(credential.get("subject").asText(), claims.getSubject());
        assertEquals(equals.get(host + ":sub").asText(), claims.getSubject());
        assertEquals(condition, "assertion.sub == \"" + claims.getSubject() + "\"");
        Object aud = token.getPayload().toJSONObject().get("aud");
        assertEquals(credential.at("/audiences/0").asText(), aud);
        assertEquals(equals.get(host + ":aud").asText(), aud);
        // GCP's mapping, applied to the token: google.subject, and the principal set the binding names
        @SuppressWarnings("unchecked")
        String consumerId = ((Map<String, Object>) claims.getClaim("consumer")).get("ID").toString();
        assertEquals("0192:" + TestData.ORG_B, consumerId);
        assertTrue(consumerId.getBytes(StandardCharsets.UTF_8).length <= 127);
        assertTrue(principal.endsWith("/attribute.clientaccess/client::" + consumerId + "::" + claims.getClaim("scope")));
        assertTrue(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime() < 48L * 3600 * 1000);
    }

    @Test
    void answersUnderTheThreeBasePathsFillsNamesAndKeepsOneCloud() throws Exception {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        Map<String, String> query = Map.of("scope", scope, "consumer_orgno", "310 000 027", "audience", AUDIENCE,
                "cloud", "aws", "account_id", "123456789012", "role_name", "skyporten-reader");
        for (String path : List.of("/scopes/cloud-trust", "/api/v1/scopes/cloud-trust",
                "/external/api/v1/scopes/cloud-trust/")) {
            generate(TestData.ORG_A, path, query).statusCode(200).body("consumer_orgno", equalTo(TestData.ORG_B))
                    .body("gcp", nullValue()).body("azure", nullValue())
                    .body("aws.trust_policy.Statement[0].Principal.Federated",
                            equalTo("arn:aws:iam::123456789012:oidc-provider/" + sky().replaceFirst("^https?://", "")))
                    .body("aws.assume_role", containsString("arn:aws:iam::123456789012:role/skyporten-reader"));
        }
        JsonNode gcp = documents(scope, TestData.ORG_B, Map.of("cloud", "gcp", "project_number", "998877665544",
                "project_id", "my-project-1", "service_account", "reader@my-project-1.iam.gserviceaccount.com"));
        assertTrue(gcp.at("/gcp/gcloud").asText().contains("projects/998877665544/locations/global/"));
        assertTrue(gcp.at("/gcp/terraform").asText().contains(
                "\"projects/my-project-1/serviceAccounts/reader@my-project-1.iam.gserviceaccount.com\""));
        assertTrue(gcp.at("/aws").isMissingNode() || gcp.at("/aws").isNull());
    }

    @Test
    void badInputGetsDigdirsErrorBodyNeverA500() {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", scope, "consumer_orgno", "310000028",
                "audience", "http://skyporten.example.org", "cloud", "ibm", "account_id", "12"))
                .statusCode(400).body("error", equalTo("invalid_request"))
                .body("errors.fieldIdentifier", hasItems("consumer_orgno", "audience", "cloud", "account_id"))
                .body("errors.objectName", hasItems("CloudTrust"))
                .body("errors.find { it.fieldIdentifier == 'consumer_orgno' }.errorMessage",
                        containsString("check digit"));
        for (String audience : List.of("skyporten.example.org", "https://", "https://a.example/#x",
                "https://user@a.example/", "https://a.example/" + "x".repeat(300), "https://a b", "")) {
            generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", scope,
                    "consumer_orgno", TestData.ORG_B, "audience", audience)).statusCode(400)
                    .body("errors[0].fieldIdentifier", equalTo("audience"));
        }
        // gcloud's --allowed-audiences is a list flag: a comma would trust a second audience
        for (String audience : List.of("https://a.example,https://b.example", "https://a.example/x,y",
                "https://a.example/\"x", "https://a.example/'x", "https://a.example/%2C", "https://a.example/x;y")) {
            generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", scope,
                    "consumer_orgno", TestData.ORG_B, "audience", audience)).statusCode(400)
                    .body("errors[0].fieldIdentifier", equalTo("audience"))
                    .body("errors[0].errorMessage", containsString("comma"));
        }
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", scope, "consumer_orgno",
                TestData.ORG_B, "audience", "https://sky.example:8443/a-b/c_d.e~f")).statusCode(200);
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", scope,
                "consumer_orgno", "31000002", "audience", AUDIENCE)).statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("consumer_orgno"));
        // not Skyporten-capable: ID-porten only, or opaque tokens
        String idporten = TestScopes.createInA(TestScopes.unique("idp"),
                Map.of("allowed_integration_types", List.of("idporten")));
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", idporten,
                "consumer_orgno", TestData.ORG_B, "audience", AUDIENCE)).statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("scope"))
                .body("errors[0].errorMessage", containsString("Maskinporten"));
        String opaque = TestScopes.createInA(TestScopes.unique("opaque"), Map.of("token_type", "OPAQUE"));
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", opaque,
                "consumer_orgno", TestData.ORG_B, "audience", AUDIENCE)).statusCode(400)
                .body("errors[0].fieldIdentifier", equalTo("scope"));
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("consumer_orgno", TestData.ORG_B,
                "audience", AUDIENCE)).statusCode(400);
    }

    @Test
    void anotherOrganisationsScopeIs404() {
        String scope = ClientApiTest.grantedTo(TestData.ORG_B);
        generate(TestData.ORG_B, "/api/v1/scopes/cloud-trust", Map.of("scope", scope,
                "consumer_orgno", TestData.ORG_B, "audience", AUDIENCE)).statusCode(404);
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", "alfa:finnes.ikke",
                "consumer_orgno", TestData.ORG_B, "audience", AUDIENCE)).statusCode(404);
        io.restassured.RestAssured.given().queryParam("scope", scope).queryParam("consumer_orgno", TestData.ORG_B)
                .queryParam("audience", AUDIENCE).get("/api/v1/scopes/cloud-trust").then().statusCode(401);
    }

    @Test
    void saysWhetherTheConsumerHasAccess() {
        String listed = ClientApiTest.grantedTo(TestData.ORG_B);
        String free = TestData.FREE[0];
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", listed, "consumer_orgno", free,
                "audience", AUDIENCE)).statusCode(200).body("consumer_has_access", equalTo(false));
        String forAll = TestScopes.createInA(TestScopes.unique("all"), Map.of("accessible_for_all", true));
        generate(TestData.ORG_A, "/api/v1/scopes/cloud-trust", Map.of("scope", forAll, "consumer_orgno", free,
                "audience", AUDIENCE)).statusCode(200).body("consumer_has_access", equalTo(true));
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String after(List<String> args, String option) {
        return args.get(args.indexOf(option) + 1);
    }

    /** The arguments the shell hands {@code command} when it runs the script: quoting checked by bash itself. */
    static List<String> run(String command, String script) throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", command + "() { printf '%s\\0' \"$@\"; }; jq() { :; }; "
                + "curl() { :; }; " + script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), out);
        List<String> args = new ArrayList<>();
        for (String a : out.split("\0")) {
            args.add(a);
        }
        return args;
    }

    /** The Terraform file's {@code name = "string"} pairs, the strings unescaped as Terraform reads them. */
    static Map<String, String> terraformStrings(String tf) {
        Map<String, String> values = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*(\"[^\"]+\"|[a-z_]+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$").matcher(tf);
        while (m.find()) {
            values.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("$${", "${").replace("\\\\", "\\"));
        }
        return values;
    }
}
