package no.samarbeidsportal.orgs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import no.samarbeidsportal.identity.OrgNumber;

/** The platform administrator registers an organisation. */
public record NewOrganisation(
        @NotBlank(message = "orgno.required") @OrgNumber String orgno,
        @NotBlank(message = "organisation.name.required") @Size(max = 255, message = "field.too-long") String name) {

    public NewOrganisation {
        orgno = orgno == null ? null : orgno.replace(" ", "").trim();
        name = name == null ? null : name.trim();
    }
}
