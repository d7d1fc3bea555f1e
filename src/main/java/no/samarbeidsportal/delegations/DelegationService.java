package no.samarbeidsportal.delegations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Submissions;
import no.samarbeidsportal.system.Violations;

/**
 * Delegations from consumer to supplier (token-protocol.md 12). The acting organisation is always the consumer that
 * delegates, and only scopes with a delegation source that it can use itself: it owns the scope, has an approved
 * access entry, or the scope is accessible for all (the "delegation only of scopes the delegating organisation
 * can use itself"; Digdir lets a consumer delegate before it is granted access, this portal does not). Suppliers see
 * what they have received.
 */
@ApplicationScoped
public class DelegationService {

    private static final String SUBMISSION = "delegation";

    private final Actor actor;
    private final Audit audit;
    private final Validator validator;
    private final Clock clock;
    private final OrgNames orgNames;
    private final Submissions submissions;

    DelegationService(Actor actor, Audit audit, Validator validator, Clock clock, Submissions submissions,
            OrgNames orgNames) {
        this.orgNames = orgNames;
        this.submissions = submissions;
        this.actor = actor;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
    }

    /** The delegations the acting organisation has given or received. */
    public List<Delegation> list() {
        actor.require(Permission.CLIENTS_READ);
        List<Delegation> delegations = Delegation.involving(actor.orgno());
        orgNames.load(delegations.stream()
                .flatMap(d -> java.util.stream.Stream.of(d.consumerOrgno, d.supplierOrgno)).toList());
        return delegations;
    }

    /** Active scopes with a delegation source that the acting organisation can use itself, so may delegate. */
    public List<Scope> delegable() {
        actor.require(Permission.CLIENTS_READ);
        return Scope.list("select s from Scope s where s.active and s.delegationSource is not null and "
                + "(s.ownerOrgno = ?1 or s.accessibleForAll or exists (select 1 from ScopeAccess a where a.scope = s "
                + "and a.consumerOrgno = ?1 and a.state = ?2)) order by s.name", actor.orgno(), AccessState.APPROVED);
    }

    /** The acting organisation delegates its access to the scope to the supplier; delegating twice changes nothing. */
    @Transactional
    public Delegation delegate(NewDelegation command) {
        return delegate(command, null);
    }

    /** Delegates from the page's form; a repeat of the form's {@code submission} answers with the first one's delegation. */
    @Transactional
    public Delegation delegate(NewDelegation command, String submission) {
        actor.require(Permission.CLIENTS_WRITE);
        Optional<Delegation> earlier = submissions.claim(actor.orgno(), SUBMISSION, submission)
                .flatMap(id -> Delegation.<Delegation>findByIdOptional(Long.valueOf(id)));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Violations violations = Violations.of(validator, command, "delegation");
        Scope scope = null;
        if (!violations.has("scope")) {
            scope = Scope.<Scope>find("name", command.scope().strip()).firstResultOptional().orElse(null);
            if (scope == null || !scope.active) {
                violations.field("scope", "delegation.scope.unknown", command.scope().strip());
            } else if (scope.delegationSource == null) {
                violations.field("scope", "delegation.scope.not-delegable", scope.name);
            } else if (!usable(scope, actor.orgno())) {
                violations.field("scope", "delegation.scope.no-access", scope.name);
            }
        }
        if (!violations.has("supplier_orgno") && actor.orgno().equals(command.supplierOrgno())) {
            violations.field("supplier_orgno", "delegation.supplier.self");
        }
        violations.throwIfAny();
        Delegation existing = Delegation.<Delegation>find("scope = ?1 and consumerOrgno = ?2 and supplierOrgno = ?3",
                scope, actor.orgno(), command.supplierOrgno()).firstResult();
        if (existing != null) {
            submissions.made(actor.orgno(), SUBMISSION, submission, existing.id.toString());
            return existing;
        }
        Delegation delegation = new Delegation();
        delegation.scope = scope;
        delegation.consumerOrgno = actor.orgno();
        delegation.supplierOrgno = command.supplierOrgno();
        delegation.created = clock.instant();
        delegation.persist();
        submissions.made(actor.orgno(), SUBMISSION, submission, delegation.id.toString());
        audit.record(actor.orgno(), AuditAction.DELEGATION_CREATED, AuditSubject.scope(scope.name), null,
                delegation.auditValues());
        return delegation;
    }

    /** The organisation owns the scope, is on its access list (approved), or the scope is accessible for all. */
    private static boolean usable(Scope scope, String orgno) {
        return scope.ownerOrgno.equals(orgno) || scope.accessibleForAll || ScopeAccess.count(
                "scope = ?1 and consumerOrgno = ?2 and state = ?3", scope, orgno, AccessState.APPROVED) > 0;
    }

    /** The consumer withdraws a delegation; the supplier's next token request for it is refused (MP-251). */
    @Transactional
    public Delegation withdraw(long id) {
        actor.require(Permission.CLIENTS_WRITE);
        Delegation delegation = Delegation.<Delegation>find("id = ?1 and consumerOrgno = ?2", id, actor.orgno())
                .firstResultOptional().orElseThrow(() -> new NotFound("delegation.not-found"));
        audit.record(actor.orgno(), AuditAction.DELEGATION_WITHDRAWN, AuditSubject.scope(delegation.scope.name),
                delegation.auditValues(), null);
        delegation.delete();
        return delegation;
    }
}
