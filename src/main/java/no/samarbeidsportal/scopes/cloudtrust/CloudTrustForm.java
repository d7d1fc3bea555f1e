package no.samarbeidsportal.scopes.cloudtrust;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** The generator's query, the same for the page's form (a GET form) and the API; names are the API's. */
public class CloudTrustForm {

    @RestQuery
    @Parameter(description = "The full name of a scope of mine", required = true)
    public String scope;
    @RestQuery("consumer_orgno")
    @Parameter(description = "The consumer organisation's number (9 digits, valid check digit)", required = true)
    public String consumerOrgno;
    @RestQuery
    @Parameter(description = "The audience (the grant's resource, the token's aud): an absolute https URI of at most "
            + "255 characters", required = true)
    public String audience;
    @RestQuery
    @Parameter(description = "Only this cloud's documents: gcp, aws or azure (default all)")
    public String cloud;
    @RestQuery("project_id")
    @Parameter(description = "GCP project id (otherwise the placeholder PROJECT_ID)")
    public String projectId;
    @RestQuery("project_number")
    @Parameter(description = "GCP project number (otherwise PROJECT_NUMBER)")
    public String projectNumber;
    @RestQuery
    @Parameter(description = "GCP workload identity pool id, 4-32 of a-z 0-9 - (default skyporten)")
    public String pool;
    @RestQuery
    @Parameter(description = "GCP pool provider id, 4-32 of a-z 0-9 - (default samarbeidsportal)")
    public String provider;
    @RestQuery("service_account")
    @Parameter(description = "GCP service account e-mail the consumer may act as (otherwise SERVICE_ACCOUNT_EMAIL)")
    public String serviceAccount;
    @RestQuery("account_id")
    @Parameter(description = "AWS account id, 12 digits (otherwise ACCOUNT_ID)")
    public String accountId;
    @RestQuery("role_name")
    @Parameter(description = "AWS role name (otherwise ROLE_NAME)")
    public String roleName;

    /** The form's answers as a URL query, for the download links: empty fields left out. */
    public String query() {
        StringBuilder q = new StringBuilder();
        String[][] fields = {{"scope", scope}, {"consumer_orgno", consumerOrgno}, {"audience", audience},
            {"cloud", cloud}, {"project_id", projectId}, {"project_number", projectNumber}, {"pool", pool},
            {"provider", provider}, {"service_account", serviceAccount}, {"account_id", accountId},
            {"role_name", roleName}};
        for (String[] f : fields) {
            if (f[1] != null && !f[1].isBlank()) {
                q.append(q.isEmpty() ? "" : "&").append(f[0]).append('=')
                        .append(java.net.URLEncoder.encode(f[1].trim(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    public CloudTrustQuery toQuery() {
        return new CloudTrustQuery(scope, consumerOrgno, audience, cloud, projectId, projectNumber, pool, provider,
                serviceAccount, accountId, roleName);
    }
}
