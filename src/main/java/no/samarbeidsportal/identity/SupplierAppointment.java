package no.samarbeidsportal.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's appointment of a supplier (admin-api.md 2.5): while it is active the supplier may register and operate
 * clients for the customer, with the scopes the customer may use, and its own scopes only if {@code ownScopes}.
 */
@Entity
@Table(name = "supplier_appointment")
public class SupplierAppointment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "customer_orgno", nullable = false, updatable = false, length = 9)
    public String customerOrgno;

    @Column(name = "supplier_orgno", nullable = false, updatable = false, length = 9)
    public String supplierOrgno;

    /** Whether the customer's own scopes may go on the supplier's clients. */
    @Column(name = "own_scopes", nullable = false)
    public boolean ownScopes;

    @Column(nullable = false, updatable = false)
    public Instant created;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    public Instant ended;

    @Column(name = "ended_by")
    public String endedBy;

    public boolean active() {
        return ended == null;
    }

    /** The customer's active appointment of the supplier, if there is one. */
    public static Optional<SupplierAppointment> active(String customerOrgno, String supplierOrgno) {
        if (customerOrgno == null || supplierOrgno == null) {
            return Optional.empty();
        }
        return find("customerOrgno = ?1 and supplierOrgno = ?2 and ended is null", customerOrgno, supplierOrgno)
                .firstResultOptional();
    }

    /** The suppliers the organisation appointed, active first, newest first. */
    public static List<SupplierAppointment> suppliersOf(String customerOrgno) {
        return list("customerOrgno = ?1 order by (case when ended is null then 0 else 1 end), created desc, id desc",
                customerOrgno);
    }

    /** The customers that appointed the organisation, active first, newest first. */
    public static List<SupplierAppointment> customersOf(String supplierOrgno) {
        return list("supplierOrgno = ?1 order by (case when ended is null then 0 else 1 end), created desc, id desc",
                supplierOrgno);
    }

    public Map<String, Object> auditValues() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("customer_orgno", customerOrgno);
        v.put("supplier_orgno", supplierOrgno);
        v.put("own_scopes", ownScopes);
        if (ended != null) {
            v.put("ended", ended.toString());
            v.put("ended_by", endedBy);
        }
        return v;
    }
}
