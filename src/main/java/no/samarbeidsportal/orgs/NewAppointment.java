package no.samarbeidsportal.orgs;

import jakarta.validation.constraints.NotBlank;
import no.samarbeidsportal.identity.OrgNumber;

/** A customer appoints a supplier; {@code ownScopes}: the customer's own scopes may go on the supplier's clients. */
public record NewAppointment(@NotBlank(message = "orgno.required") @OrgNumber String supplierOrgno,
        boolean ownScopes) {

    public NewAppointment {
        supplierOrgno = supplierOrgno == null ? null : supplierOrgno.replace(" ", "").trim();
    }
}
