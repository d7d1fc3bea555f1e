package no.samarbeidsportal.system;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects Bean Validation violations of a command and the service's own rule breaks into one InvalidInput. */
public final class Violations {

    private final String objectName;
    private final List<FieldError> errors = new ArrayList<>();

    private Violations(String objectName) {
        this.objectName = objectName;
    }

    /** Starts empty, for input that is checked by hand (a key set). */
    public static Violations of(String objectName) {
        return new Violations(objectName);
    }

    /** Starts with the command's Bean Validation violations; {@code objectName} as in admin-api.md 6.7. */
    public static <T> Violations of(Validator validator, T command, String objectName) {
        return new Violations(objectName).and(validator, command);
    }

    /** Adds the violations of a part of the command that is validated on its own (a scope's attributes). */
    public <T> Violations and(Validator validator, T part) {
        if (part != null) {
            validator.validate(part).stream()
                    .sorted(Comparator.comparing((ConstraintViolation<T> c) -> c.getPropertyPath().toString()))
                    .forEach(c -> errors.add(new FieldError(snakeCase(c.getPropertyPath().toString()), messageKey(c))));
        }
        return this;
    }

    public Violations field(String field, String messageKey, Object... args) {
        errors.add(new FieldError(field, messageKey, args));
        return this;
    }

    /** How many errors so far: a part of the input is clean when the count did not grow while checking it. */
    public int count() {
        return errors.size();
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(objectName, errors);
        }
    }

    private static String messageKey(ConstraintViolation<?> c) {
        String template = c.getMessageTemplate();
        // our constraints use plain message keys; Hibernate Validator's built-in ones are {jakarta...} templates
        return template.startsWith("{") ? "validation." + c.getConstraintDescriptor().getAnnotation()
                .annotationType().getSimpleName() : template;
    }

    static String snakeCase(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
