package no.samarbeidsportal.delegations;

import jakarta.validation.constraints.NotBlank;
import no.samarbeidsportal.identity.OrgNumber;

/** Delegate the acting organisation's access to {@code scope} to the supplier organisation. */
public record NewDelegation(@NotBlank(message = "delegation.scope.required") String scope,
        @NotBlank(message = "delegation.supplier.required") @OrgNumber
        String supplierOrgno) {
}
