package no.samarbeidsportal.scopes.prefixes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The platform administrator assigns a prefix to an organisation (admin-api.md 4.7). */
public record NewPrefix(
        @NotBlank(message = "prefix.required")
        @Size(max = 63, message = "field.too-long")
        @Pattern(regexp = "^[a-z0-9][a-z0-9_-]*$", message = "prefix.format") String prefix) {

    public NewPrefix {
        prefix = prefix == null ? null : prefix.trim();
    }
}
