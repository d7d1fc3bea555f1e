package no.samarbeidsportal.register;

import java.time.Instant;
import java.time.LocalDate;

/** One unit of the register copy on the wire ({@code GET /api/v1/register/units/{orgno}}). */
public record RegisterJson(String orgno, String name, String orgForm, String parentOrgno, RegisterStatus status,
        LocalDate deletedOn, LocalDate registeredOn, RegisterKind kind, Instant updatedAt) {

    static RegisterJson of(RegisterUnit u) {
        return new RegisterJson(u.orgno(), u.name(), u.orgForm(), u.parentOrgno(), u.status(), u.deletedOn(),
                u.registeredOn(), u.kind(), u.updatedAt());
    }
}
