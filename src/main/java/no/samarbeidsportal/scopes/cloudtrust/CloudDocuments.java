package no.samarbeidsportal.scopes.cloudtrust;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The trust set-up for the Skyporten issuer in each cloud, from token-protocol.md 13's mappings, and the consumer's
 * side of it. JSON is built with Jackson; shell arguments are quoted, Terraform strings escaped.
 */
final class CloudDocuments {

    static final String GCP = "gcp";
    static final String AWS = "aws";
    static final String AZURE = "azure";
    static final List<String> CLOUDS = List.of(GCP, AWS, AZURE);

    // token-protocol.md 13: the GCP mapping, byte for byte
    static final String MAP_SUBJECT = "assertion.consumer.ID";
    static final String MAP_SCOPE = "assertion.scope";
    static final String MAP_CLIENTACCESS = "\"client::\"+assertion.consumer.ID+\"::\"+assertion.scope";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** The names the portal cannot know: given in the query, or a placeholder in capitals. */
    record Names(String projectId, String projectNumber, String pool, String provider, String serviceAccount,
            String accountId, String roleName) {
    }

    /** What every document is made of: the sky issuer byte for byte, the audience, the consumer and the scope. */
    record Trust(String issuer, String audience, String orgno, String scope, Names names) {

        String consumerId() {
            return "0192:" + orgno;
        }

        /** The sky token's {@code sub}: {@code 0192:<orgno>;<scope>}. */
        String subject() {
            return consumerId() + ";" + scope;
        }

        String clientAccess() {
            return "client::" + consumerId() + "::" + scope;
        }

        String poolName() {
            return "projects/" + names.projectNumber() + "/locations/global/workloadIdentityPools/" + names.pool();
        }

        String principalSet() {
            return "principalSet://iam.googleapis.com/" + poolName() + "/attribute.clientaccess/" + clientAccess();
        }

        /** AWS names an OIDC provider by its URL without the scheme: host and path. */
        String awsProvider() {
            return issuer.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        }

        String roleArn() {
            return "arn:aws:iam::" + names.accountId() + ":role/" + names.roleName();
        }

        /** A federated credential's name for Azure: 3-120 letters, digits, - and _, starting with a letter or digit. */
        String azureName() {
            String name = ("skyporten-" + orgno + "-" + scope).replaceAll("[^A-Za-z0-9_-]", "-");
            return name.length() > 120 ? name.substring(0, 120) : name;
        }

        String condition() {
            return "assertion.sub == " + cel(subject());
        }
    }

    private CloudDocuments() {
    }

    /** Every document for the clouds asked for (all when {@code cloud} is null), the consumer's token request first. */
    static List<CloudDocument> of(Trust t, String cloud) {
        List<CloudDocument> docs = new ArrayList<>();
        docs.add(CloudDocument.text("consumer", "token_request", "skyporten-token.sh", tokenRequest(t)));
        docs.add(CloudDocument.json("consumer", "grant_claims", "skyporten-grant-claims.json", grantClaims(t)));
        if (cloud == null || cloud.equals(GCP)) {
            docs.add(CloudDocument.text(GCP, "gcloud", "gcp-skyporten.sh", gcloud(t)));
            docs.add(CloudDocument.text(GCP, "terraform", "gcp-skyporten.tf", terraform(t)));
            docs.add(CloudDocument.json(GCP, "credential_configuration", "gcp-credential-configuration.json",
                    externalAccount(t)));
        }
        if (cloud == null || cloud.equals(AWS)) {
            docs.add(CloudDocument.json(AWS, "oidc_provider", "aws-oidc-provider.json", awsProvider(t)));
            docs.add(CloudDocument.text(AWS, "create_oidc_provider", "aws-oidc-provider.sh", awsProviderCommand(t)));
            docs.add(CloudDocument.json(AWS, "trust_policy", "aws-trust-policy.json", trustPolicy(t)));
            docs.add(CloudDocument.text(AWS, "assume_role", "aws-assume-role.sh", assumeRole(t)));
        }
        if (cloud == null || cloud.equals(AZURE)) {
            docs.add(CloudDocument.json(AZURE, "federated_credential", "azure-federated-credential.json",
                    federatedCredential(t)));
            docs.add(CloudDocument.text(AZURE, "app_registration", "azure-app-registration.sh", azureApp(t)));
            docs.add(CloudDocument.text(AZURE, "managed_identity", "azure-managed-identity.sh", azureIdentity(t)));
        }
        return docs;
    }

    static ObjectNode grantClaims(Trust t) {
        ObjectNode claims = NODES.objectNode();
        claims.put("aud", t.issuer());
        claims.put("iss", "CLIENT_ID");
        claims.put("scope", t.scope());
        claims.put("resource", t.audience());
        return claims;
    }

    static String tokenRequest(Trust t) {
        return "# The consumer " + t.orgno() + " asks the Skyporten token endpoint with a grant signed by its client's key\n"
                + "# (as for Maskinporten): aud = the sky issuer exactly, one scope, resource = the audience;\n"
                + "# plus iat, exp (at most 120 s later) and a new jti. See skyporten-grant-claims.json.\n"
                + "curl -s -X POST " + sh(t.issuer() + "/token") + " \\\n"
                + "  --data-urlencode grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer \\\n"
                + "  --data-urlencode \"assertion=$GRANT\" > skyporten-token.json\n"
                + "# GCP reads the whole answer (field access_token); AWS wants the bare token in a file\n"
                + "jq -r .access_token skyporten-token.json > skyporten-token.jwt\n";
    }

    static String gcloud(Trust t) {
        Names n = t.names();
        String mapping = "google.subject=" + MAP_SUBJECT + ",attribute.maskinportenscope=" + MAP_SCOPE
                + ",attribute.clientaccess=" + MAP_CLIENTACCESS;
        return "# Workload identity federation: trust the Skyporten issuer for " + t.subject() + "\n"
                + "gcloud iam workload-identity-pools create " + sh(n.pool()) + " \\\n"
                + "  --project=" + sh(n.projectId()) + " --location=global --display-name=Skyporten\n\n"
                + "gcloud iam workload-identity-pools providers create-oidc " + sh(n.provider()) + " \\\n"
                + "  --project=" + sh(n.projectId()) + " --location=global --workload-identity-pool=" + sh(n.pool())
                + " \\\n"
                + "  --issuer-uri=" + sh(t.issuer()) + " \\\n"
                + "  --allowed-audiences=" + sh(t.audience()) + " \\\n"
                + "  --attribute-mapping=" + sh(mapping) + " \\\n"
                + "  --attribute-condition=" + sh(t.condition()) + "\n\n"
                + "# Let the consumer act as the service account (or bind the principal set on a bucket, a dataset...)\n"
                + "gcloud iam service-accounts add-iam-policy-binding " + sh(n.serviceAccount()) + " \\\n"
                + "  --project=" + sh(n.projectId()) + " \\\n"
                + "  --role=roles/iam.workloadIdentityUser \\\n"
                + "  --member=" + sh(t.principalSet()) + "\n";
    }

    static String terraform(Trust t) {
        Names n = t.names();
        return "resource \"google_iam_workload_identity_pool\" \"skyporten\" {\n"
                + "  project                   = " + hcl(n.projectId()) + "\n"
                + "  workload_identity_pool_id = " + hcl(n.pool()) + "\n"
                + "  display_name              = \"Skyporten\"\n"
                + "}\n\n"
                + "resource \"google_iam_workload_identity_pool_provider\" \"skyporten\" {\n"
                + "  project                            = " + hcl(n.projectId()) + "\n"
                + "  workload_identity_pool_id          = google_iam_workload_identity_pool.skyporten"
                + ".workload_identity_pool_id\n"
                + "  workload_identity_pool_provider_id = " + hcl(n.provider()) + "\n"
                + "  attribute_mapping = {\n"
                + "    \"google.subject\"              = " + hcl(MAP_SUBJECT) + "\n"
                + "    \"attribute.maskinportenscope\" = " + hcl(MAP_SCOPE) + "\n"
                + "    \"attribute.clientaccess\"      = " + hcl(MAP_CLIENTACCESS) + "\n"
                + "  }\n"
                + "  attribute_condition = " + hcl(t.condition()) + "\n"
                + "  oidc {\n"
                + "    issuer_uri        = " + hcl(t.issuer()) + "\n"
                + "    allowed_audiences = [" + hcl(t.audience()) + "]\n"
                + "  }\n"
                + "}\n\n"
                + "resource \"google_service_account_iam_member\" \"skyporten_" + t.orgno() + "\" {\n"
                + "  service_account_id = " + hcl("projects/" + n.projectId() + "/serviceAccounts/" + n.serviceAccount())
                + "\n"
                + "  role               = \"roles/iam.workloadIdentityUser\"\n"
                + "  member             = " + hcl(t.principalSet()) + "\n"
                + "}\n";
    }

    static ObjectNode externalAccount(Trust t) {
        Names n = t.names();
        ObjectNode config = NODES.objectNode();
        config.put("type", "external_account");
        config.put("audience", "//iam.googleapis.com/" + t.poolName() + "/providers/" + n.provider());
        config.put("subject_token_type", "urn:ietf:params:oauth:token-type:jwt");
        config.put("token_url", "https://sts.googleapis.com/v1/token");
        ObjectNode source = config.putObject("credential_source");
        source.put("file", "skyporten-token.json");
        ObjectNode format = source.putObject("format");
        format.put("type", "json");
        format.put("subject_token_field_name", "access_token");
        config.put("service_account_impersonation_url", "https://iamcredentials.googleapis.com/v1/projects/-/"
                + "serviceAccounts/" + n.serviceAccount() + ":generateAccessToken");
        return config;
    }

    static ObjectNode awsProvider(Trust t) {
        ObjectNode provider = NODES.objectNode();
        provider.put("Url", t.issuer());
        provider.putArray("ClientIDList").add(t.audience());
        return provider;
    }

    static String awsProviderCommand(Trust t) {
        return "aws iam create-open-id-connect-provider \\\n"
                + "  --url " + sh(t.issuer()) + " \\\n"
                + "  --client-id-list " + sh(t.audience()) + "\n\n"
                + "aws iam create-role --role-name " + sh(t.names().roleName()) + " \\\n"
                + "  --assume-role-policy-document file://aws-trust-policy.json\n";
    }

    static ObjectNode trustPolicy(Trust t) {
        ObjectNode policy = NODES.objectNode();
        policy.put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Federated",
                "arn:aws:iam::" + t.names().accountId() + ":oidc-provider/" + t.awsProvider());
        statement.put("Action", "sts:AssumeRoleWithWebIdentity");
        ObjectNode equals = statement.putObject("Condition").putObject("StringEquals");
        equals.put(t.awsProvider() + ":sub", t.subject());
        equals.put(t.awsProvider() + ":aud", t.audience());
        return policy;
    }

    static String assumeRole(Trust t) {
        return "# The SDKs read these two and assume the role by themselves\n"
                + "export AWS_ROLE_ARN=" + sh(t.roleArn()) + "\n"
                + "export AWS_WEB_IDENTITY_TOKEN_FILE=\"$PWD/skyporten-token.jwt\"\n\n"
                + "# or by hand, with the CLI\n"
                + "aws sts assume-role-with-web-identity \\\n"
                + "  --role-arn \"$AWS_ROLE_ARN\" \\\n"
                + "  --role-session-name " + sh("skyporten-" + t.orgno()) + " \\\n"
                + "  --web-identity-token \"$(cat \"$AWS_WEB_IDENTITY_TOKEN_FILE\")\"\n";
    }

    static ObjectNode federatedCredential(Trust t) {
        ObjectNode credential = NODES.objectNode();
        credential.put("name", t.azureName());
        credential.put("issuer", t.issuer());
        credential.put("subject", t.subject());
        credential.putArray("audiences").add(t.audience());
        credential.put("description", "Skyporten: " + t.scope() + " for the organisation " + t.orgno());
        return credential;
    }

    static String azureApp(Trust t) {
        return "# APP_OBJECT_ID: the app registration's object id (or its application id)\n"
                + "az ad app federated-credential create --id APP_OBJECT_ID \\\n"
                + "  --parameters azure-federated-credential.json\n";
    }

    static String azureIdentity(Trust t) {
        return "az identity federated-credential create --name " + sh(t.azureName()) + " \\\n"
                + "  --identity-name IDENTITY_NAME --resource-group RESOURCE_GROUP \\\n"
                + "  --issuer " + sh(t.issuer()) + " \\\n"
                + "  --subject " + sh(t.subject()) + " \\\n"
                + "  --audiences " + sh(t.audience()) + "\n";
    }

    /** One shell word: as it is when it holds nothing the shell reads, otherwise single-quoted. */
    static String sh(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A Terraform string literal: quotes and backslashes escaped, and no {@code ${} or {@code %{} template. */
    static String hcl(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("${", "$${")
                .replace("%{", "%%{") + "\"";
    }

    /** A CEL string literal. */
    static String cel(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
