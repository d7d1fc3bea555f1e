package no.samarbeidsportal.orgs;

import java.time.Instant;
import no.samarbeidsportal.identity.SupplierAppointment;

/** A supplier appointment on the wire (the project's extension, admin-api.md 2.5). */
public record SupplierJson(Long id, String customerOrgno, String supplierOrgno, boolean ownScopes, boolean active,
        Instant created, String createdBy, Instant ended, String endedBy) {

    static SupplierJson of(SupplierAppointment a) {
        return new SupplierJson(a.id, a.customerOrgno, a.supplierOrgno, a.ownScopes, a.active(), a.created,
                a.createdBy, a.ended, a.endedBy);
    }
}
