package no.samarbeidsportal.scopes.prefixes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An API administrator asks for a new prefix for the acting organisation, saying what it is for. */
public record NewPrefixRequest(
        @NotBlank(message = "prefix.required")
        @Size(max = 63, message = "field.too-long")
        @Pattern(regexp = "^[a-z0-9][a-z0-9_-]*$", message = "prefix.format") String prefix,
        @Size(max = 1000, message = "field.too-long") String reason) {

    public NewPrefixRequest {
        prefix = prefix == null ? null : prefix.trim();
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }
}
