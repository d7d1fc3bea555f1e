package no.samarbeidsportal.scopes.prefixes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Violations;

/** Prefix requests: an API administrator asks, the platform administrator approves (assigning it) or rejects. */
@ApplicationScoped
public class PrefixRequestService {

    private final Actor actor;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;
    private final PrefixService prefixes;

    private static final String SUBMISSION = "prefix-request";

    @jakarta.inject.Inject
    no.samarbeidsportal.system.Submissions submissions;

    PrefixRequestService(Actor actor, Validator validator, Audit audit, Clock clock, PrefixService prefixes) {
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.prefixes = prefixes;
    }

    /** The acting organisation's requests; needs scopes.read. */
    public List<PrefixRequest> mine() {
        actor.require(Permission.SCOPES_READ);
        return PrefixRequest.ofOrganisation(actor.orgno());
    }

    /** The requests waiting for a decision; platform administrator only. */
    public List<PrefixRequest> open() {
        actor.require(Permission.PLATFORM_ADMIN);
        return PrefixRequest.open();
    }

    /** Asks from the page's form; a repeat of the form's {@code submission} answers with the first one's request. */
    @Transactional
    public PrefixRequest request(NewPrefixRequest cmd, String submission) {
        java.util.Optional<PrefixRequest> earlier = submissions.claim(actor.orgno(), SUBMISSION, submission)
                .flatMap(id -> PrefixRequest.<PrefixRequest>findByIdOptional(Long.valueOf(id)));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        PrefixRequest request = request(cmd);
        submissions.made(actor.orgno(), SUBMISSION, submission, request.id.toString());
        return request;
    }

    /**
     * How many requests wait for the actor's decision: every open one for the platform administrator (who decides
     * them), none for anyone else.
     */
    public long waitingForDecision() {
        if (actor.isAnonymous() || !actor.isPlatformAdmin()) {
            return 0;
        }
        return PrefixRequest.countOpen();
    }

    /** Asks for a prefix for the acting organisation; it must be free and not already asked for. */
    @Transactional
    public PrefixRequest request(NewPrefixRequest cmd) {
        actor.require(Permission.SCOPES_WRITE);
        Violations violations = Violations.of(validator, cmd, "Prefix");
        if (!violations.has("prefix")) {
            if (ScopePrefix.findById(cmd.prefix()) != null) {
                violations.field("prefix", "prefix.taken");
            } else if (PrefixRequest.isOpen(cmd.prefix())) {
                violations.field("prefix", "prefix-request.pending");
            }
        }
        violations.throwIfAny();
        PrefixRequest request = new PrefixRequest();
        request.prefix = cmd.prefix();
        request.organisation = actor.org();
        request.reason = cmd.reason();
        request.state = PrefixRequest.State.REQUESTED;
        request.requestedBy = actor.id();
        request.requested = clock.instant();
        request.persist();
        audit.record(actor.orgno(), AuditAction.PREFIX_REQUESTED, AuditSubject.prefixRequest(request.id), null,
                values(request));
        return request;
    }

    /** Approves an open request: the prefix is assigned to the organisation that asked. */
    @Transactional
    public PrefixRequest approve(long id) {
        PrefixRequest request = decide(id, PrefixRequest.State.APPROVED);
        prefixes.assign(request.organisation.orgno, new NewPrefix(request.prefix));
        return request;
    }

    /** Rejects an open request. */
    @Transactional
    public PrefixRequest reject(long id) {
        return decide(id, PrefixRequest.State.REJECTED);
    }

    private PrefixRequest decide(long id, PrefixRequest.State state) {
        actor.require(Permission.PLATFORM_ADMIN);
        PrefixRequest request = PrefixRequest.findById(id);
        if (request == null) {
            throw new NotFound("prefix-request.not-found");
        }
        if (request.state != PrefixRequest.State.REQUESTED) {
            throw new Conflict("prefix-request.decided");
        }
        Map<String, Object> before = values(request);
        request.state = state;
        request.decidedBy = actor.id();
        request.decided = clock.instant();
        AuditAction action = state == PrefixRequest.State.APPROVED ? AuditAction.PREFIX_REQUEST_APPROVED
                : AuditAction.PREFIX_REQUEST_REJECTED;
        audit.record(request.organisation.orgno, action, AuditSubject.prefixRequest(request.id), before,
                values(request));
        return request;
    }

    private static Map<String, Object> values(PrefixRequest request) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("prefix", request.prefix);
        v.put("orgno", request.organisation.orgno);
        v.put("state", request.state.name());
        if (request.reason != null) {
            v.put("reason", request.reason);
        }
        return v;
    }
}
