package no.samarbeidsportal.scopes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.notices.NoticeKind;
import no.samarbeidsportal.notices.Notices;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.scopes.prefixes.ScopePrefix;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.Forbidden;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Issuers;
import no.samarbeidsportal.system.NotFound;
import no.samarbeidsportal.system.Profile;
import no.samarbeidsportal.system.Submissions;
import no.samarbeidsportal.system.Violations;

/** An API provider's scopes: created under its own prefixes, changed, deactivated and re-activated, never deleted. */
@ApplicationScoped
public class ScopeService {

    /** A scope with the number of consumers on its access list, for the deactivation warning (admin-api.md 4.6). */
    public record Detail(Scope scope, long liveAccess, Profile issuer) {
    }

    /** What the scope form offers to choose from: integration types and the configured delegation sources. */
    public record Choices(List<String> integrationTypes, Map<String, String> delegationSources) {
    }

    private static final String SUBMISSION = "scope";

    private final Actor actor;
    private final Issuers issuers;
    private final Validator validator;
    private final Audit audit;
    private final Clock clock;
    private final OrgNames orgNames;
    private final ScopeConfig config;
    private final Submissions submissions;
    private final Notices notices;

    ScopeService(Actor actor, Validator validator, Audit audit, Clock clock, ScopeConfig config, Issuers issuers,
            Submissions submissions, OrgNames orgNames, Notices notices) {
        this.notices = notices;
        this.orgNames = orgNames;
        this.submissions = submissions;
        this.issuers = issuers;
        this.actor = actor;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    /** The acting organisation's scopes, deactivated ones only with {@code inactive}; needs scopes.read. */
    public List<Scope> mine(boolean inactive) {
        actor.require(Permission.SCOPES_READ);
        return Scope.ofOwner(actor.orgno(), inactive);
    }

    /** The acting organisation's scopes that {@code query} keeps, in its order, with their live access counts. */
    public List<ScopeQuery.Row> mine(ScopeQuery query) {
        actor.require(Permission.SCOPES_READ);
        Map<Long, Long> access = ScopeAccess.approvedByScope(actor.orgno());
        return Scope.ofOwner(actor.orgno(), true).stream().filter(query::keeps)
                .map(s -> new ScopeQuery.Row(s, access.getOrDefault(s.id, 0L))).sorted(query.order()).toList();
    }

    /** The prefixes the acting organisation's scopes are under, for "Mine API"'s filter. */
    public List<String> minePrefixes() {
        actor.require(Permission.SCOPES_READ);
        return Scope.ofOwner(actor.orgno(), true).stream().map(s -> s.prefix).distinct().sorted().toList();
    }

    /** One of the acting organisation's scopes; another's gets 403, an unknown or deactivated one 404 (admin-api.md 4.3). */
    public Scope mine(String name, boolean inactive) {
        actor.require(Permission.SCOPES_READ);
        return owned(name, inactive);
    }

    /** One of the acting organisation's scopes, with its number of live access entries. */
    public Detail detail(String name) {
        Scope scope = mine(name, true);
        orgNames.load(List.of(scope.ownerOrgno));
        return new Detail(scope, ScopeAccess.countApproved(scope), issuers.maskinporten());
    }

    /** The scope named {@code name} if the acting organisation owns it: the access list uses this rule too. */
    public Scope owned(String name, boolean inactive) {
        if (name == null || name.isBlank()) {
            throw InvalidInput.of("Scope", "", "scope.query.required");
        }
        Scope scope = Scope.named(name.trim()).orElseThrow(() -> new NotFound("scope.not-found", name));
        if (!scope.ownerOrgno.equals(actor.orgno())) {
            throw new Forbidden("scope.forbidden", name);
        }
        if (!scope.active && !inactive) {
            throw new NotFound("scope.not-found", name);
        }
        return scope;
    }

    /** Creates a scope; the prefix must be the acting organisation's and the name new, active or not (admin-api.md 4.4). */
    @Transactional
    public Scope create(NewScope cmd) {
        return create(cmd, null);
    }

    /** Creates a scope from the page's form; a repeat of the form's {@code submission} answers with the first one's scope. */
    @Transactional
    public Scope create(NewScope cmd, String submission) {
        actor.require(Permission.SCOPES_WRITE);
        Optional<Scope> earlier = submissions.claim(actor.orgno(), SUBMISSION, submission).flatMap(Scope::named);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Violations violations = Violations.of(validator, cmd, "Scope").and(validator, cmd.attributes());
        checkRules(violations, cmd.name(), cmd.attributes());
        if (!violations.has("prefix")) {
            ScopePrefix prefix = ScopePrefix.findById(cmd.prefix());
            if (prefix == null || !prefix.active) {
                violations.field("prefix", "scope.prefix.unknown", cmd.prefix());
            } else if (!prefix.organisation.orgno.equals(actor.orgno())) {
                throw new Forbidden("scope.prefix.foreign", cmd.prefix());
            }
        }
        violations.throwIfAny();
        if (Scope.named(cmd.name()).isPresent()) {
            throw new Conflict("scope.exists", cmd.name());
        }
        Scope scope = new Scope();
        scope.name = cmd.name();
        scope.prefix = cmd.prefix();
        scope.subscope = cmd.subscope();
        scope.ownerOrgno = actor.orgno();
        scope.created = clock.instant();
        apply(scope, cmd.attributes(), true);
        scope.persist();
        submissions.made(actor.orgno(), SUBMISSION, submission, scope.name);
        audit.record(actor.orgno(), AuditAction.SCOPE_CREATED, AuditSubject.scope(scope.name), null,
                scope.auditValues());
        return scope;
    }

    /**
     * Replaces the attributes of the scope {@code name} names; {@code active: true} re-activates it. The name never
     * changes, and a body's own prefix, subscope or name are ignored like any read-only member (admin-api.md 1.4, 4.5).
     */
    @Transactional
    public Scope update(String name, ScopeChange change) {
        actor.require(Permission.SCOPES_WRITE);
        Scope scope = owned(name, true);
        if (change.version() != null && change.version() != scope.version) {
            throw new Conflict("scope.changed-meanwhile", scope.name);
        }
        Violations violations = Violations.of(validator, change.attributes(), "Scope");
        checkRules(violations, scope.name, change.attributes());
        if (change.requests() != null) {
            change.requests().check(violations);
        }
        violations.throwIfAny();
        Map<String, Object> before = scope.auditValues();
        boolean wasActive = scope.active;
        apply(scope, change.attributes(), false);
        if (change.requests() != null) {
            apply(scope, change.requests());
        }
        AuditAction action = wasActive == scope.active ? AuditAction.SCOPE_UPDATED
                : scope.active ? AuditAction.SCOPE_REACTIVATED : AuditAction.SCOPE_DEACTIVATED;
        audit.record(actor.orgno(), action, AuditSubject.scope(scope.name), before, scope.auditValues());
        return scope;
    }

    /** The scope's access request policy (issue 16); needs scopes.read and ownership. */
    public RequestPolicy requestPolicy(String name) {
        return RequestPolicy.of(mine(name, true));
    }

    /** Sets whether the scope takes access requests and whose it approves at once (issue 16); audited as a change. */
    @Transactional
    public Scope changeRequestPolicy(String name, RequestPolicy policy) {
        actor.require(Permission.SCOPES_WRITE);
        Scope scope = owned(name, true);
        Violations violations = Violations.of("Scope");
        if (policy == null) {
            violations.field("takes_requests", "scope.requests.required");
        } else {
            policy.check(violations);
        }
        violations.throwIfAny();
        Map<String, Object> before = scope.auditValues();
        if (!RequestPolicy.of(scope).equals(policy)) {
            apply(scope, policy);
            scope.lastUpdated = clock.instant();
            audit.record(actor.orgno(), AuditAction.SCOPE_UPDATED, AuditSubject.scope(scope.name), before,
                    scope.auditValues());
        }
        return scope;
    }

    /** Deactivates a scope: no token carries it until re-activated; access entries and clients stay (admin-api.md 4.6). */
    @Transactional
    public Scope deactivate(String name) {
        actor.require(Permission.SCOPES_WRITE);
        Scope scope = owned(name, true);
        if (scope.active) {
            Map<String, Object> before = scope.auditValues();
            scope.active = false;
            scope.lastUpdated = clock.instant();
            audit.record(actor.orgno(), AuditAction.SCOPE_DEACTIVATED, AuditSubject.scope(scope.name), before,
                    scope.auditValues());
            // issue 16: each consumer on the access list hears of it
            String owner = actor.org() == null ? actor.orgno() : actor.org().name + " (" + actor.orgno() + ")";
            notices.sendAll(NoticeKind.SCOPE_DEACTIVATED, ScopeAccess.approvedConsumers(scope),
                    Map.of("scope", scope.name, "owner", owner));
        }
        return scope;
    }

    /** Re-activates a deactivated scope as it was; tokens may carry it again (admin-api.md 4.5). */
    @Transactional
    public Scope reactivate(String name) {
        actor.require(Permission.SCOPES_WRITE);
        Scope scope = owned(name, true);
        if (!scope.active) {
            Map<String, Object> before = scope.auditValues();
            scope.active = true;
            scope.lastUpdated = clock.instant();
            audit.record(actor.orgno(), AuditAction.SCOPE_REACTIVATED, AuditSubject.scope(scope.name), before,
                    scope.auditValues());
        }
        return scope;
    }

    /** The integration types a scope may allow, by wire name, for the scope form. */
    public Choices choices() {
        return new Choices(java.util.Arrays.stream(IntegrationType.values()).map(IntegrationType::wireName).toList(),
                delegationSources());
    }

    /** The delegation sources a scope may name, by name. */
    public Map<String, String> delegationSources() {
        return new java.util.TreeMap<>(config.delegationSources());
    }

    private void checkRules(Violations violations, String name, ScopeAttributes attributes) {
        if (attributes == null) {
            return;
        }
        // the portal's own admin API trusts these scopes' tokens as bearer JWTs: it checks no DPoP proof and
        // cannot introspect an opaque token, so either setting would lock its callers out or bind nothing
        if (name != null && !Permission.ofTokenScope(name).isEmpty()) {
            if (Boolean.TRUE.equals(attributes.requiresDpop())) {
                violations.field("requires_dpop", "scope.admin-scope.dpop", name);
            }
            if ("OPAQUE".equals(attributes.tokenType())) {
                violations.field("token_type", "scope.admin-scope.opaque", name);
            }
        }
        // text the page could not read as a number arrives without a value; its error joins the others
        attributes.notWholeNumbers().stream().sorted().forEach(f -> violations.field(f, "field.whole-number"));
        List<String> types = attributes.allowedIntegrationTypes();
        for (int i = 0; i < types.size(); i++) {
            if (IntegrationType.ofWireName(types.get(i)).isEmpty()) {
                violations.field("allowed_integration_types[" + i + "]", "scope.integration-type.unknown",
                        types.get(i));
            }
        }
        if (attributes.delegationSource() != null
                && !config.delegationSources().containsValue(attributes.delegationSource())) {
            violations.field("delegation_source", "scope.delegation-source.unknown", attributes.delegationSource());
        }
    }

    private static void apply(Scope scope, RequestPolicy policy) {
        scope.takesRequests = policy.takesRequests();
        scope.autoApproveOrgForms = new ArrayList<>(policy.autoApproveOrgForms());
    }

    private void apply(Scope scope, ScopeAttributes a, boolean creating) {
        scope.description = a.description();
        scope.longDescription = a.longDescription();
        scope.descriptionEn = a.descriptionEn();
        scope.descriptionNn = a.descriptionNn();
        scope.longDescriptionEn = a.longDescriptionEn();
        scope.longDescriptionNn = a.longDescriptionNn();
        if (a.active() != null || creating) {
            scope.active = a.active() == null || a.active();
        }
        scope.visibility = a.visibility() == null ? Visibility.PUBLIC : Visibility.valueOf(a.visibility());
        scope.accessibleForAll = Boolean.TRUE.equals(a.accessibleForAll());
        scope.allowedIntegrationTypes = new ArrayList<>(a.allowedIntegrationTypes());
        scope.tokenType = a.tokenType() == null ? TokenType.SELF_CONTAINED : TokenType.valueOf(a.tokenType());
        scope.atMaxAge = a.atMaxAge() == null ? 0 : a.atMaxAge();
        scope.authorizationMaxLifetime = a.authorizationMaxLifetime() == null ? 0 : a.authorizationMaxLifetime();
        scope.requiresUserConsent = Boolean.TRUE.equals(a.requiresUserConsent());
        scope.requiresUserAuthentication = Boolean.TRUE.equals(a.requiresUserAuthentication());
        scope.requiresPseudonymousTokens = Boolean.TRUE.equals(a.requiresPseudonymousTokens());
        scope.delegationSource = a.delegationSource();
        scope.enforcedAudForAccessToken = a.enforcedAudForAccessToken();
        scope.enforcedAudForIntrospection = a.enforcedAudForIntrospection();
        scope.supportsEuropeanBusinesses = Boolean.TRUE.equals(a.supportsEuropeanBusinesses());
        if (a.requiresDpop() != null || creating) {
            scope.requiresDpop = Boolean.TRUE.equals(a.requiresDpop());
        }
        scope.lastUpdated = clock.instant();
    }
}
