package no.samarbeidsportal.clients;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.samarbeidsportal.identity.OrgNumber;

/**
 * An onbehalfof entry as the page and the API send it (admin-api.md 3.8), for a new entry and for a change of one.
 * The value goes into the entry's URL, so it is kept to letters, digits, {@code .}, {@code _} and {@code -}. Limits
 * from admin-api.md 10.1.
 */
public record NewOnBehalfOf(
        @NotBlank(message = "onbehalfof.value.required") @Size(max = 255, message = "field.too-long")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "onbehalfof.value.invalid") String onbehalfof,
        @NotBlank(message = "onbehalfof.name.required") @Size(max = 255, message = "field.too-long") String name,
        @NotBlank(message = "orgno.required") @OrgNumber String orgno,
        @Size(max = 255, message = "field.too-long")
        @Pattern(regexp = "https?://[^\\s/?#@]+([/?#]\\S*)?", message = "onbehalfof.client-uri.invalid")
        String clientUri,
        @Size(max = 4000, message = "field.too-long") String description) {

    public NewOnBehalfOf {
        onbehalfof = blankIsAbsent(onbehalfof);
        orgno = blankIsAbsent(orgno);
        clientUri = blankIsAbsent(clientUri);
        // name and description are kept as sent, as a client's are (admin-api.md 3.1): automation compares them
        description = description == null || description.isBlank() ? null : description;
    }

    /** The same entry with the value from its URL, where the body left it out (a PUT names it in the path). */
    NewOnBehalfOf withValue(String value) {
        return new NewOnBehalfOf(value, name, orgno, clientUri, description);
    }

    private static String blankIsAbsent(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
