package no.samarbeidsportal.scopes.cloudtrust;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The generated set-up over the API (our extension, issue 18): the facts every document uses, then the documents by
 * cloud and name, JSON documents as objects and commands and Terraform as strings.
 */
@Schema(name = "CloudTrust", description = "Skyporten trust set-up for one scope, consumer and audience")
public record CloudTrustJson(
        String scope,
        @JsonProperty("consumer_orgno") String consumerOrgno,
        @Schema(description = "Whether the consumer is on the scope's access list or the scope is accessible for all; "
                + "without it the sky token endpoint refuses the consumer")
        @JsonProperty("consumer_has_access") boolean consumerHasAccess,
        @Schema(description = "The sky issuer, byte for byte, no trailing slash") String issuer,
        @Schema(description = "The grant's resource and the token's aud") String audience,
        @Schema(description = "The sky token's sub: 0192:<orgno>;<scope>") String subject,
        @Schema(description = "The consumer's token request (token_request, grant_claims)")
        Map<String, Object> consumer,
        @Schema(description = "gcloud, terraform, credential_configuration (external_account)") Map<String, Object> gcp,
        @Schema(description = "oidc_provider, create_oidc_provider, trust_policy, assume_role") Map<String, Object> aws,
        @Schema(description = "federated_credential, app_registration, managed_identity") Map<String, Object> azure) {

    static CloudTrustJson of(CloudTrustService.CloudTrust t) {
        Map<String, Map<String, Object>> byCloud = new LinkedHashMap<>();
        t.documents().forEach(d -> byCloud.computeIfAbsent(d.cloud(), c -> new LinkedHashMap<>())
                .put(d.key(), d.json() != null ? d.json() : d.text()));
        return new CloudTrustJson(t.scope().name, t.consumerOrgno(), t.consumerHasAccess(), t.issuer(), t.audience(),
                t.subject(), byCloud.get("consumer"), byCloud.get(CloudDocuments.GCP), byCloud.get(CloudDocuments.AWS),
                byCloud.get(CloudDocuments.AZURE));
    }
}
