package no.samarbeidsportal.scopes.cloudtrust;

/**
 * What a provider asks the generator for: one of its scopes, the consumer organisation, the audience ({@code resource})
 * and, optionally, one cloud and the names the portal cannot know. A name left out stays a placeholder in capitals.
 */
public record CloudTrustQuery(String scope, String consumerOrgno, String audience, String cloud,
        String projectId, String projectNumber, String pool, String provider, String serviceAccount,
        String accountId, String roleName) {

    /** The same query for the one scope, with nothing else filled in: the page's empty form. */
    public static CloudTrustQuery of(String scope) {
        return new CloudTrustQuery(scope, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether the provider asked for documents at all, or only opened the form. */
    public boolean asked() {
        return consumerOrgno != null || audience != null;
    }
}
