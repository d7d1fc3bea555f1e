package no.samarbeidsportal.scopes.cloudtrust;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Our extension (issue 18): {@code GET /scopes/cloud-trust}, under the three base paths. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scopes")
public class CloudTrustApi {

    private final CloudTrustService trust;

    CloudTrustApi(CloudTrustService trust) {
        this.trust = trust;
    }

    @GET
    @Path("scopes/cloud-trust")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.read")
    @SecurityRequirement(name = "bearer", scopes = "idporten:scopes.write")
    @Operation(summary = "Skyporten cloud trust set-up for a scope and a consumer (extension)", description = "Needs "
            + "idporten:scopes.read or .write. GCP (gcloud, Terraform, the consumer's external_account credential "
            + "configuration), AWS (OIDC provider, role trust policy, AssumeRoleWithWebIdentity) and Azure "
            + "(federated identity credential) for the sky issuer, sub 0192:<orgno>;<scope> and aud = audience. "
            + "400 when the scope is not Skyporten-capable (active, maskinporten clients allowed, no person, "
            + "self-contained tokens), the organisation number or the audience is bad.")
    @APIResponse(responseCode = "200", description = "The documents",
            content = @Content(schema = @Schema(implementation = CloudTrustJson.class)))
    @APIResponse(responseCode = "404", description = "No such scope of mine")
    public CloudTrustJson get(@BeanParam CloudTrustForm form) {
        return CloudTrustJson.of(trust.generate(form.toQuery()));
    }
}
