package no.samarbeidsportal.orgs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.samarbeidsportal.identity.Role;

/** A role for a person (by login subject) in an organisation. */
public record RoleGrant(
        @NotBlank(message = "person.subject.required") @Size(max = 255, message = "field.too-long") String subject,
        @NotNull(message = "role.required") Role role) {

    public RoleGrant {
        subject = subject == null ? null : subject.trim();
    }
}
