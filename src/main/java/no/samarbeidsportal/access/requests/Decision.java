package no.samarbeidsportal.access.requests;

import jakarta.validation.constraints.Size;

/** The provider's answer to a request: a rejection must say why; an approval may (issue 16). */
public record Decision(@Size(max = 1000, message = "field.too-long") String reason) {

    public Decision {
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }
}
