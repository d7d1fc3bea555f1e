package no.samarbeidsportal.scopes;

/** admin-api.md 6.3: the kind of access token a scope asks for. */
public enum TokenType {
    SELF_CONTAINED, OPAQUE
}
