package no.samarbeidsportal.orgs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Organisation;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.identity.SupplierAppointment;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/**
 * Supplier appointments (admin-api.md 2.5, self-hosted decision): a supplier acts only for a customer that appointed
 * it. The customer's access administrator or the platform administrator appoints; either organisation's access
 * administrator (or the platform administrator) ends it; both organisations see it and both histories record it. No
 * sequence of actions by organisation B gives B read or write access to anything of organisation A without an action
 * by A or the platform administrator.
 */
@ApplicationScoped
public class SupplierService {

    /** An organisation's appointments: the suppliers it appointed and the customers that appointed it. */
    public record Appointments(List<SupplierAppointment> suppliers, List<SupplierAppointment> customers) {
    }

    private final Actor actor;
    private final OrganisationService organisations;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;

    SupplierService(Actor actor, Validator validator, Audit audit, Clock clock, OrganisationService organisations) {
        this.organisations = organisations;
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
    }

    /** The organisation's suppliers and customers, for its access administrator or the platform administrator. */
    public Appointments of(String orgno) {
        Organisation org = organisations.manageable(orgno);
        return new Appointments(SupplierAppointment.suppliersOf(org.orgno), SupplierAppointment.customersOf(org.orgno));
    }

    /** The acting organisation's appointments, both ways, for its administrators and suppliers (REST). */
    public Appointments mine() {
        actor.require(actor.may(Permission.ROLES_MANAGE) ? Permission.ROLES_MANAGE : Permission.CLIENTS_READ);
        return new Appointments(SupplierAppointment.suppliersOf(actor.orgno()),
                SupplierAppointment.customersOf(actor.orgno()));
    }

    /**
     * The customer appoints a supplier; only the customer's access administrator or the platform administrator may, so
     * an organisation can never make itself another's supplier. Appointing an active supplier again changes nothing.
     */
    @Transactional
    public SupplierAppointment appoint(String customerOrgno, NewAppointment cmd) {
        Organisation customer = organisations.manageable(customerOrgno);
        Violations violations = Violations.of(validator, cmd, "SupplierAppointment");
        if (!violations.has("supplier_orgno")) {
            if (cmd.supplierOrgno().equals(customer.orgno)) {
                violations.field("supplier_orgno", "supplier.self");
            } else if (Organisation.findById(cmd.supplierOrgno()) == null) {
                violations.field("supplier_orgno", "supplier.unknown", cmd.supplierOrgno());
            } else {
                SupplierAppointment.active(customer.orgno, cmd.supplierOrgno())
                        .filter(a -> a.ownScopes != cmd.ownScopes())
                        .ifPresent(a -> violations.field("supplier_orgno", "supplier.appointed-already"));
            }
        }
        violations.throwIfAny();
        var existing = SupplierAppointment.active(customer.orgno, cmd.supplierOrgno());
        if (existing.isPresent()) {
            return existing.get();
        }
        SupplierAppointment a = new SupplierAppointment();
        a.customerOrgno = customer.orgno;
        a.supplierOrgno = cmd.supplierOrgno();
        a.ownScopes = cmd.ownScopes();
        a.created = clock.instant();
        a.createdBy = actor.id();
        a.persist();
        // one event, recorded in both organisations' histories: each sees who appointed whom
        audit.record(a.customerOrgno, AuditAction.SUPPLIER_APPOINTED, AuditSubject.supplierAppointment(a.id), null,
                a.auditValues());
        audit.record(a.supplierOrgno, AuditAction.SUPPLIER_APPOINTED, AuditSubject.supplierAppointment(a.id), null,
                a.auditValues());
        return a;
    }

    /**
     * Either side ends an appointment: the customer's or the supplier's access administrator, the supplier's own
     * supplier role, or the platform administrator. From the commit on, the supplier's clients for the customer get no
     * tokens, and the supplier can no longer see or change them.
     */
    @Transactional
    public SupplierAppointment end(String orgno, long id) {
        Organisation org = endingFor(orgno);
        SupplierAppointment a = SupplierAppointment.<SupplierAppointment>findByIdOptional(id)
                .filter(x -> x.customerOrgno.equals(org.orgno) || x.supplierOrgno.equals(org.orgno))
                .filter(SupplierAppointment::active)
                .orElseThrow(() -> new NotFound("supplier.not-found"));
        if (!actor.isPlatformAdmin() && !actor.may(Permission.ROLES_MANAGE)
                && !a.supplierOrgno.equals(org.orgno)) {
            // the supplier role may step back from a customer; only the customer's access administrator ends for it
            actor.require(Permission.ROLES_MANAGE);
        }
        Map<String, Object> before = a.auditValues();
        a.ended = clock.instant();
        a.endedBy = actor.id();
        audit.record(a.customerOrgno, AuditAction.SUPPLIER_ENDED, AuditSubject.supplierAppointment(a.id), before,
                a.auditValues());
        audit.record(a.supplierOrgno, AuditAction.SUPPLIER_ENDED, AuditSubject.supplierAppointment(a.id), before,
                a.auditValues());
        return a;
    }

    /** The acting organisation ends its active appointment with {@code otherOrgno}, whichever side it is on (REST). */
    @Transactional
    public SupplierAppointment endWith(String otherOrgno) {
        actor.requireLogin();
        String mine = actor.orgno();
        SupplierAppointment a = SupplierAppointment.active(otherOrgno, mine)
                .or(() -> SupplierAppointment.active(mine, otherOrgno))
                .orElseThrow(() -> new NotFound("supplier.not-found"));
        return end(mine, a.id);
    }

    private Organisation endingFor(String orgno) {
        if (!actor.isPlatformAdmin() && !actor.may(Permission.ROLES_MANAGE)) {
            actor.require(Permission.SUPPLIER);
            if (!orgno.equals(actor.orgno())) {
                throw new NotFound("error.organisation.not-found");
            }
            return Organisation.<Organisation>findByIdOptional(orgno)
                    .orElseThrow(() -> new NotFound("error.organisation.not-found"));
        }
        return organisations.manageable(orgno);
    }

    /** The organisation's access administrator, or the platform administrator; another organisation is 404. */
}
