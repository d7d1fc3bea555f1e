package no.samarbeidsportal.register;

import java.time.Instant;
import java.time.LocalDate;

/** One organisation number as the register copy knows it: what a person needs to recognise it. */
public record RegisterUnit(String orgno, String name, String orgForm, String parentOrgno, RegisterStatus status,
        LocalDate deletedOn, LocalDate registeredOn, RegisterKind kind, Instant updatedAt) {

    /** Whether the organisation still exists and is not being wound up. */
    public boolean active() {
        return status == RegisterStatus.ACTIVE;
    }
}
