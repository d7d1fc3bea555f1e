package no.samarbeidsportal.register;

import java.time.LocalDate;
import no.samarbeidsportal.identity.Organisation;

/**
 * An organisation number as a person should recognise it: its name and, when the register copy knows the number, its
 * status, organisational form and parent unit. {@code status} is null for a number only the portal's own organisation
 * table knows (no register copy, or a number the copy lacks).
 */
public record OrgName(String orgno, String name, RegisterStatus status, LocalDate deletedOn, String orgForm,
        String parentOrgno) {

    static OrgName of(RegisterUnit unit) {
        return new OrgName(unit.orgno(), unit.name(), unit.status(), unit.deletedOn(), unit.orgForm(),
                unit.parentOrgno());
    }

    static OrgName of(Organisation organisation) {
        return new OrgName(organisation.orgno, organisation.name, null, null, null, null);
    }

    /** The same with another name (the portal's, for a number both sources know). */
    OrgName named(String other) {
        return new OrgName(orgno, other, status, deletedOn, orgForm, parentOrgno);
    }

    /** Whether the register says the organisation is deleted, bankrupt or being wound up. */
    public boolean inactive() {
        return status != null && status != RegisterStatus.ACTIVE;
    }
}
