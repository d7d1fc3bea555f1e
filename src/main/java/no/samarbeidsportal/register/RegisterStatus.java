package no.samarbeidsportal.register;

/** Where a unit stands in Enhetsregisteret, as far as whether it should still be on an access list. */
public enum RegisterStatus {
    ACTIVE,
    /** Deleted from the register ({@code slettedato}), or a sub-unit closed down ({@code nedleggelsesdato}). */
    DELETED,
    BANKRUPT,
    UNDER_LIQUIDATION,
    UNDER_FORCED_LIQUIDATION
}
