package no.samarbeidsportal.scopes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create a scope {@code prefix:subscope} under one of the acting organisation's prefixes (admin-api.md 4.4, 6.4). */
public record NewScope(
        @NotBlank(message = "scope.prefix.required") @Size(max = 63, message = "field.too-long") String prefix,
        @NotBlank(message = "scope.subscope.required") @Size(max = 128, message = "scope.subscope.too-long")
        @Pattern(regexp = SUBSCOPE, message = "scope.subscope.format") String subscope,
        ScopeAttributes attributes) {

    /** admin-api.md 6.4 Decision: letters (also æøå), digits and {@code ._-/:}; no {@code //}; not starting or ending in {@code / . :}. */
    static final String SUBSCOPE = "^(?![/.:])(?!.*//)[a-zA-Z0-9æøåÆØÅ._\\-/:]*(?<![/.:])$";

    public NewScope {
        prefix = prefix == null ? null : prefix.trim();
        subscope = subscope == null ? null : subscope.trim();
    }

    public String name() {
        return prefix + ":" + subscope;
    }
}
