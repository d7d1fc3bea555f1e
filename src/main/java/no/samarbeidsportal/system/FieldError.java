package no.samarbeidsportal.system;

/** One invalid input field: its snake_case path (admin-api.md 6.7 fieldIdentifier) and a message key with arguments. */
public record FieldError(String field, String messageKey, Object... args) {
}
