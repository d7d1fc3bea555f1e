package no.samarbeidsportal.access.requests;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A consumer asks for access to a scope: what for, and whom the provider may contact (issue 16). */
public record NewAccessRequest(
        @NotBlank(message = "access-request.scope.required") @Size(max = 400, message = "field.too-long")
        String scope,
        @NotBlank(message = "access-request.purpose.required") @Size(max = 1000, message = "field.too-long")
        String purpose,
        @NotBlank(message = "access-request.contact.required") @Size(max = 254, message = "field.too-long")
        @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "access-request.contact.format")
        String contactEmail) {

    public NewAccessRequest {
        scope = scope == null ? null : scope.strip();
        purpose = purpose == null ? null : purpose.strip();
        contactEmail = contactEmail == null ? null : contactEmail.strip();
    }
}
