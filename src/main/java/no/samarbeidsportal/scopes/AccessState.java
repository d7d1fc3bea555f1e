package no.samarbeidsportal.scopes;

/** admin-api.md 6.5: APPROVED gives access; DENIED is a revoked entry; REQUESTED is reserved for access requests. */
public enum AccessState {
    APPROVED, DENIED, REQUESTED
}
