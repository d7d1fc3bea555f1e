package no.samarbeidsportal.scopes;

/** admin-api.md 6.3: PUBLIC scopes are in the catalogue; PRIVATE and INTERNAL ones never are. */
public enum Visibility {
    PUBLIC, PRIVATE, INTERNAL;

    public String messageKey() {
        return "scope.visibility." + name();
    }
}
