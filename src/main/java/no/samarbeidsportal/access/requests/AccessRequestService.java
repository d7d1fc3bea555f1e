package no.samarbeidsportal.access.requests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.samarbeidsportal.access.AccessService;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.notices.NoticeKind;
import no.samarbeidsportal.notices.Notices;
import no.samarbeidsportal.register.RegisterService;
import no.samarbeidsportal.register.RegisterUnit;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.CatalogueService;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/**
 * Access requests (issue 16): a consumer's API or integration administrator asks for access to a catalogue scope that
 * takes requests, and may withdraw; the owner's API administrators approve (the consumer is put on the access list
 * through {@link AccessService}, as by hand) or reject with a reason. Every step is one audit line in each of the two
 * organisations' histories, and a notice to the other side.
 */
@ApplicationScoped
public class AccessRequestService {

    /** What a consumer's page shows of its own standing with a scope. */
    public record Standing(boolean ownScope, boolean hasAccess, AccessRequest latest, boolean mayAsk) {

        public boolean pending() {
            return latest != null && latest.pending();
        }

        public boolean rejected() {
            return !hasAccess && latest != null && latest.state == AccessRequest.State.REJECTED;
        }
    }

    /** The catalogue page of one scope: the scope and, for a signed-in person, the organisation's standing. */
    public record Entry(Scope scope, Standing standing) {
    }

    /** Who decides when auto-approval fires: the audit lines and the request say so. */
    static final String AUTO = "auto-approval";

    private final Actor actor;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;
    private final AccessService access;
    private final CatalogueService catalogue;
    private final RegisterService register;
    private final Notices notices;
    private final OrgNames orgNames;

    AccessRequestService(Actor actor, Validator validator, Audit audit, Clock clock, AccessService access,
            CatalogueService catalogue, RegisterService register, Notices notices, OrgNames orgNames) {
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.access = access;
        this.catalogue = catalogue;
        this.register = register;
        this.notices = notices;
        this.orgNames = orgNames;
    }

    /** A catalogue scope for anyone; for a signed-in person also the acting organisation's standing with it. */
    public Entry entry(String scopeName) {
        Scope scope = catalogue.entry(scopeName);
        if (actor.isAnonymous() || actor.orgno() == null) {
            return new Entry(scope, null);
        }
        String me = actor.orgno();
        boolean own = scope.ownerOrgno.equals(me);
        boolean has = scope.accessibleForAll || ScopeAccess.of(scope, me)
                .map(a -> a.state == AccessState.APPROVED).orElse(false);
        AccessRequest latest = own ? null : AccessRequest.latest(scope, me).orElse(null);
        boolean mayAsk = !own && !has && scope.takesRequests && mayRequest()
                && (latest == null || !latest.pending());
        return new Entry(scope, new Standing(own, has, latest, mayAsk));
    }

    /** The requests page: those to decide (API administrators) and the organisation's own (consumers); null if not. */
    public record Overview(List<AccessRequest> toMe, List<AccessRequest> mine) {
    }

    /** What the requests page shows the actor: each part only when it may see it. */
    public Overview overview() {
        actor.requireLogin();
        List<AccessRequest> toMe = actor.may(Permission.SCOPES_READ) ? toMe(null, true) : null;
        List<AccessRequest> mine = mayConsumer(false) ? mine() : null;
        if (toMe == null && mine == null) {
            actor.require(Permission.SCOPES_READ);
        }
        return new Overview(toMe, mine);
    }

    /** The acting organisation's own requests, newest first; needs a consumer's reading rights. */
    public List<AccessRequest> mine() {
        requireConsumer(false);
        List<AccessRequest> mine = AccessRequest.ofConsumer(actor.orgno());
        orgNames.load(mine.stream().map(r -> r.scope.ownerOrgno).toList());
        return mine;
    }

    /** One of the acting organisation's own requests; another's is 404. */
    public AccessRequest mine(long id) {
        requireConsumer(false);
        return AccessRequest.ofConsumer(id, actor.orgno()).orElseThrow(() -> new NotFound("access-request.not-found"));
    }

    /** Requests about the acting organisation's scopes (pending only unless {@code all}); needs scopes.read. */
    public List<AccessRequest> toMe(String scopeName, boolean all) {
        actor.require(Permission.SCOPES_READ);
        String scope = scopeName == null || scopeName.isBlank() ? null : scopeName.strip();
        List<AccessRequest> requests = AccessRequest.toOwner(actor.orgno(), scope, all);
        orgNames.load(requests.stream().map(r -> r.consumerOrgno).toList());
        return requests;
    }

    /** One request about the acting organisation's scopes; another provider's is 404. */
    public AccessRequest toMe(long id) {
        actor.require(Permission.SCOPES_READ);
        return AccessRequest.ofOwner(id, actor.orgno()).orElseThrow(() -> new NotFound("access-request.not-found"));
    }

    /** How many requests wait for the actor's decision: those about its organisation's scopes, if it may decide. */
    public long waitingForDecision() {
        if (actor.isAnonymous() || actor.orgno() == null || !actor.may(Permission.SCOPES_WRITE)) {
            return 0;
        }
        return AccessRequest.countPending(actor.orgno());
    }

    /**
     * Asks for access for the acting organisation: the scope must be in the catalogue and take requests, be another
     * organisation's, not already given, and not already asked for. Approved at once when the owner auto-approves the
     * organisation's form in the register's copy.
     */
    @Transactional
    public AccessRequest request(NewAccessRequest cmd) {
        requireConsumer(true);
        Violations violations = Violations.of(validator, cmd, "AccessRequest");
        Scope scope = null;
        if (!violations.has("scope")) {
            scope = catalogue.entry(cmd.scope());
            // one pending request per scope and consumer: the lock orders two concurrent askers (the index is the net)
            Scope.getEntityManager().lock(scope, LockModeType.PESSIMISTIC_WRITE);
            String me = actor.orgno();
            if (scope.ownerOrgno.equals(me)) {
                violations.field("scope", "access-request.own-scope", scope.name);
            } else if (scope.accessibleForAll || ScopeAccess.of(scope, me)
                    .map(a -> a.state == AccessState.APPROVED).orElse(false)) {
                violations.field("scope", "access-request.has-access", scope.name);
            } else if (!scope.takesRequests) {
                violations.field("scope", "access-request.not-taken", scope.name);
            } else if (AccessRequest.hasPending(scope, me)) {
                violations.field("scope", "access-request.pending", scope.name);
            } else if (AccessRequest.madeSince(scope, me, clock.instant().minus(REQUEST_WINDOW)) >= REQUESTS_PER_WINDOW) {
                // asking and withdrawing in a loop would e-mail the owner's contacts without end
                violations.field("scope", "access-request.too-many", scope.name, REQUESTS_PER_WINDOW);
            }
        }
        violations.throwIfAny();
        AccessRequest request = new AccessRequest();
        request.scope = scope;
        request.consumerOrgno = actor.orgno();
        request.purpose = cmd.purpose();
        request.contactEmail = cmd.contactEmail();
        request.state = AccessRequest.State.PENDING;
        request.requestedBy = actor.id();
        request.requested = clock.instant();
        request.persist();
        recordInBoth(request, AuditAction.ACCESS_REQUESTED, null);
        notices.send(NoticeKind.ACCESS_REQUESTED, scope.ownerOrgno, Map.of("scope", scope.name,
                "consumer", request.consumerOrgno, "purpose", request.purpose, "request", request.id.toString()));
        if (autoApproves(scope, request.consumerOrgno)) {
            decide(request, AccessRequest.State.APPROVED, null, AUTO);
        }
        return request;
    }

    /** The most requests one organisation makes for one scope in {@link #REQUEST_WINDOW}. */
    static final int REQUESTS_PER_WINDOW = 3;
    static final java.time.Duration REQUEST_WINDOW = java.time.Duration.ofDays(1);

    /** Withdraws one of the acting organisation's pending requests; another's is 404, a decided one a conflict. */
    @Transactional
    public AccessRequest withdraw(long id) {
        requireConsumer(true);
        AccessRequest request = AccessRequest.ofConsumer(id, actor.orgno())
                .orElseThrow(() -> new NotFound("access-request.not-found"));
        lockAndRead(request);
        requirePending(request);
        Map<String, Object> before = values(request);
        request.state = AccessRequest.State.WITHDRAWN;
        request.decidedBy = actor.id();
        request.decided = clock.instant();
        recordInBoth(request, AuditAction.ACCESS_REQUEST_WITHDRAWN, before);
        return request;
    }

    /** Approves a pending request about one of the acting organisation's scopes: the consumer gets access. */
    @Transactional
    public AccessRequest approve(long id, Decision decision) {
        AccessRequest request = decidable(id, decision, false);
        decide(request, AccessRequest.State.APPROVED, decision.reason(), actor.id());
        return request;
    }

    /** Rejects a pending request about one of the acting organisation's scopes, saying why. */
    @Transactional
    public AccessRequest reject(long id, Decision decision) {
        AccessRequest request = decidable(id, decision, true);
        decide(request, AccessRequest.State.REJECTED, decision.reason(), actor.id());
        return request;
    }

    private AccessRequest decidable(long id, Decision decision, boolean reasonRequired) {
        actor.require(Permission.SCOPES_WRITE);
        AccessRequest request = AccessRequest.ofOwner(id, actor.orgno())
                .orElseThrow(() -> new NotFound("access-request.not-found"));
        Violations violations = Violations.of(validator, decision == null ? new Decision(null) : decision,
                "AccessRequest");
        if (reasonRequired && (decision == null || decision.reason() == null)) {
            violations.field("reason", "access-request.reason.required");
        }
        violations.throwIfAny();
        lockAndRead(request);
        requirePending(request);
        return request;
    }

    /**
     * Locks the request's row and reads it again, so that of two decisions at once (approve and withdraw, approve and
     * reject) the second sees the first's and is a conflict, never both applied.
     */
    private static void lockAndRead(AccessRequest request) {
        AccessRequest.getEntityManager().refresh(request, LockModeType.PESSIMISTIC_WRITE);
    }

    private void decide(AccessRequest request, AccessRequest.State state, String reason, String decidedBy) {
        Map<String, Object> before = values(request);
        request.state = state;
        request.reason = reason;
        request.decidedBy = decidedBy;
        request.decided = clock.instant();
        if (state == AccessRequest.State.APPROVED) {
            access.grantOnRequest(request.scope, request.consumerOrgno);
        }
        recordInBoth(request, state == AccessRequest.State.APPROVED ? AuditAction.ACCESS_REQUEST_APPROVED
                : AuditAction.ACCESS_REQUEST_REJECTED, before);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("scope", request.scope.name);
        facts.put("decision", state == AccessRequest.State.APPROVED ? "approved" : "rejected");
        facts.put("reason", reason == null ? "" : reason);
        notices.send(NoticeKind.ACCESS_REQUEST_DECIDED, request.consumerOrgno, facts);
    }

    /** Whether the owner approves this consumer at once: its form in the register's copy is one the scope names. */
    private boolean autoApproves(Scope scope, String consumerOrgno) {
        if (scope.autoApproveOrgForms.isEmpty()) {
            return false;
        }
        // an organisation the owner took off the list asks a person again: approving it at once would undo the removal
        if (ScopeAccess.of(scope, consumerOrgno).map(a -> a.state == AccessState.DENIED).orElse(false)) {
            return false;
        }
        // without a register copy of the consumer there is no form, and nothing is approved on a guess; a deleted,
        // bankrupt or liquidating organisation waits for a person too
        Optional<RegisterUnit> unit = Optional.ofNullable(register.findAll(List.of(consumerOrgno)).get(consumerOrgno));
        return unit.filter(RegisterUnit::active).map(RegisterUnit::orgForm)
                .filter(scope.autoApproveOrgForms::contains).isPresent();
    }

    private static void requirePending(AccessRequest request) {
        if (!request.pending()) {
            throw new Conflict("access-request.decided");
        }
    }

    /** One line against the owner, one against the consumer: each organisation sees the step in its own history. */
    private void recordInBoth(AccessRequest request, AuditAction action, Map<String, Object> before) {
        AuditSubject subject = AuditSubject.scope(request.scope.name);
        Map<String, Object> after = values(request);
        audit.record(request.scope.ownerOrgno, action, subject, before, after);
        audit.record(request.consumerOrgno, action, subject, before, after);
    }

    /**
     * Tokens: the consumer side is idporten:dcr.* (dcr.write to ask or withdraw); people: an API or integration
     * administrator of the organisation.
     */
    private void requireConsumer(boolean write) {
        Permission scopes = write ? Permission.SCOPES_WRITE : Permission.SCOPES_READ;
        actor.require(actor.isPerson() && actor.may(scopes) ? scopes
                : write ? Permission.CLIENTS_WRITE : Permission.CLIENTS_READ);
    }

    private boolean mayRequest() {
        return mayConsumer(true);
    }

    private boolean mayConsumer(boolean write) {
        Permission clients = write ? Permission.CLIENTS_WRITE : Permission.CLIENTS_READ;
        Permission scopes = write ? Permission.SCOPES_WRITE : Permission.SCOPES_READ;
        return actor.may(clients) || (actor.isPerson() && actor.may(scopes));
    }

    private static Map<String, Object> values(AccessRequest r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("request_id", r.id);
        v.put("scope", r.scope.name);
        v.put("consumer_orgno", r.consumerOrgno);
        v.put("state", r.state.name());
        v.put("purpose", r.purpose);
        v.put("contact_email", r.contactEmail);
        if (r.reason != null) {
            v.put("reason", r.reason);
        }
        if (r.decidedBy != null) {
            v.put("decided_by", r.decidedBy);
        }
        return v;
    }
}
