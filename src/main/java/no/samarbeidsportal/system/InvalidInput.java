package no.samarbeidsportal.system;

import java.util.List;

/** Input that breaks the rules: every field error at once, so a form or API client can fix them all. */
public class InvalidInput extends PortalException {

    private final String objectName;
    private final transient List<FieldError> errors;

    /** {@code objectName} is Digdir's name of the object at fault: Client, Scope, JWKS, ScopeAccess, ... */
    public InvalidInput(String objectName, List<FieldError> errors) {
        super("error.invalid");
        this.objectName = objectName;
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String objectName, String field, String messageKey, Object... args) {
        return new InvalidInput(objectName, List.of(new FieldError(field, messageKey, args)));
    }

    public String objectName() {
        return objectName;
    }

    /** The first message key for a field, for templates: {@code {errors.of('orgno')}}. */
    public String of(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::messageKey).findFirst()
                .orElse(null);
    }

    /** The text of the first error for a field, with its arguments, in the page's language: {@code {errors.text('orgno')}}. */
    public String text(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).findFirst().map(TemplateExtensions::text)
                .orElse(null);
    }

    /** Every error whose field is {@code field} or one of its members ({@code scopes}, {@code scopes[2]}). */
    public List<FieldError> under(String field) {
        return errors.stream().filter(e -> e.field().equals(field) || e.field().startsWith(field + "[")
                || e.field().startsWith(field + ".")).toList();
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public int status() {
        return 400;
    }
}
