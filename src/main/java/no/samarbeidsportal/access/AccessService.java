package no.samarbeidsportal.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.OrgNumberValidator;
import no.samarbeidsportal.identity.OrgNumbers;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.notices.NoticeKind;
import no.samarbeidsportal.notices.Notices;
import no.samarbeidsportal.register.OrganisationRegister;
import no.samarbeidsportal.register.RegisterService;
import no.samarbeidsportal.register.RegisterStatus;
import no.samarbeidsportal.register.RegisterUnit;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.scopes.ScopeService;
import no.samarbeidsportal.system.Conflict;
import no.samarbeidsportal.system.InvalidInput;
import no.samarbeidsportal.system.Like;
import no.samarbeidsportal.system.NotFound;

/** A scope's access list: only the scope's owner reads and changes it (admin-api.md 5). */
@ApplicationScoped
public class AccessService {

    /** How long after a removal from the access list the page offers to undo it (issue 14). */
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(30);

    private final Actor actor;
    private final ScopeService scopes;
    private final Audit audit;
    private final Clock clock;
    private final EntityManager em;
    private final OrganisationRegister register;
    private final RegisterService registerCopy;
    private final Notices notices;

    AccessService(Actor actor, ScopeService scopes, Audit audit, Clock clock, EntityManager em,
            OrganisationRegister register, RegisterService registerCopy, Notices notices) {
        this.registerCopy = registerCopy;
        this.notices = notices;
        this.actor = actor;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
        this.em = em;
        this.register = register;
    }

    /**
     * The scope's access list with consumer names, filtered and paged as asked; needs scopes.read and ownership. A
     * page (not the whole list) also carries which of its organisations the register has as inactive.
     */
    public AccessList list(String scopeName, AccessQuery query) {
        actor.require(Permission.SCOPES_READ);
        Scope scope = scopes.owned(scopeName, true);
        if (query.ownerOrgno() != null && !query.ownerOrgno().isBlank()
                && !query.ownerOrgno().trim().equals(scope.ownerOrgno)) {
            return new AccessList(scope, List.of(), 0, 0, AccessQuery.PAGE_SIZE);
        }
        boolean marked = query.page() != null || query.onlyRemovable();
        Map<String, RegisterStatus> removable = marked ? InactiveConsumers.onScope(em, scope.id) : Map.of();
        StringBuilder where = new StringBuilder(" from ScopeAccess a left join Organisation o on o.orgno = "
                + "a.consumerOrgno where a.scope = :scope");
        Map<String, Object> params = new HashMap<>();
        params.put("scope", scope);
        if (!query.inactive()) {
            where.append(" and a.state = :approved");
            params.put("approved", AccessState.APPROVED);
        }
        if (query.consumerOrgno() != null && !query.consumerOrgno().isBlank()) {
            where.append(" and a.consumerOrgno = :consumer");
            params.put("consumer", query.consumerOrgno().trim());
        }
        if (query.onlyRemovable()) {
            if (removable.isEmpty()) {
                return new AccessList(scope, List.of(), 0, 0, AccessQuery.PAGE_SIZE, removable, 0, true);
            }
            where.append(" and a.consumerOrgno in :removable");
            params.put("removable", removable.keySet());
        }
        if (query.text() != null && !query.text().isBlank()) {
            String text = query.text().trim().toLowerCase(Locale.ROOT);
            where.append(" and (a.consumerOrgno like :number escape '\\' or lower(o.name) like :name escape '\\')");
            params.put("number", Like.startsWith(OrgNumbers.normalise(text)));
            params.put("name", Like.contains(text));
        }
        TypedQuery<Object[]> rows = em.createQuery("select a, o.name" + where + " order by a.consumerOrgno",
                Object[].class);
        params.forEach(rows::setParameter);
        String ownerName = actor.org() == null ? null : actor.org().name;
        if (query.page() == null) {
            List<AccessEntry> entries = named(rows.getResultList(), ownerName);
            return new AccessList(scope, entries, entries.size(), 0, Math.max(1, entries.size()), removable,
                    removable.size(), query.onlyRemovable());
        }
        TypedQuery<Long> count = em.createQuery("select count(a)" + where, Long.class);
        params.forEach(count::setParameter);
        int page = no.samarbeidsportal.system.Paging.page(query.page(), AccessQuery.PAGE_SIZE);
        List<AccessEntry> entries = named(rows.setFirstResult(page * AccessQuery.PAGE_SIZE)
                .setMaxResults(AccessQuery.PAGE_SIZE).getResultList(), ownerName);
        return new AccessList(scope, entries, count.getSingleResult(), page, AccessQuery.PAGE_SIZE, removable,
                removable.size(), false);
    }

    /** The entries with the consumers' names: the portal's own, else the register copy's. */
    private List<AccessEntry> named(List<Object[]> rows, String ownerName) {
        List<String> unnamed = rows.stream().filter(r -> r[1] == null)
                .map(r -> ((ScopeAccess) r[0]).consumerOrgno).toList();
        Map<String, RegisterUnit> units = unnamed.isEmpty() ? Map.of() : registerCopy.findAll(unnamed);
        return rows.stream().map(r -> {
            ScopeAccess a = (ScopeAccess) r[0];
            RegisterUnit unit = units.get(a.consumerOrgno);
            return new AccessEntry(a, r[1] != null ? (String) r[1] : unit == null ? null : unit.name(), ownerName);
        }).toList();
    }

    /** Gives an organisation access to the scope; granting again changes nothing, a revoked entry is re-approved. */
    @Transactional
    public AccessEntry grant(String scopeName, String consumerOrgno) {
        actor.require(Permission.SCOPES_WRITE);
        String orgno = validOrgno(consumerOrgno);
        Scope scope = scopes.owned(scopeName, true);
        return entry(approve(scope, orgno));
    }

    /**
     * Puts the consumer of an approved access request on the scope's access list (issue 16), exactly as a grant by
     * hand does; the caller (the access request's decision, or its auto-approval) has checked who may decide.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grantOnRequest(Scope scope, String consumerOrgno) {
        approve(scope, validOrgno(consumerOrgno));
    }

    private ScopeAccess approve(Scope scope, String orgno) {
        ScopeAccess access = ScopeAccess.of(scope, orgno).orElse(null);
        if (access == null) {
            access = new ScopeAccess();
            access.scope = scope;
            access.consumerOrgno = orgno;
            access.state = AccessState.APPROVED;
            access.created = clock.instant();
            access.lastUpdated = access.created;
            access.persist();
            // the owner's line, also when an auto-approved request grants in the consumer's name
            audit.record(scope.ownerOrgno, AuditAction.ACCESS_GRANTED, AuditSubject.scope(scope.name), null,
                    values(access));
            notices.send(NoticeKind.ACCESS_GRANTED, orgno, noticeFacts(scope));
        } else if (access.state != AccessState.APPROVED) {
            Map<String, Object> before = values(access);
            access.state = AccessState.APPROVED;
            access.lastUpdated = clock.instant();
            audit.record(scope.ownerOrgno, AuditAction.ACCESS_GRANTED, AuditSubject.scope(scope.name), before,
                    values(access));
            notices.send(NoticeKind.ACCESS_GRANTED, orgno, noticeFacts(scope));
        }
        return access;
    }

    /** Takes an organisation off the scope's access list: the entry is kept as DENIED (admin-api.md 1.5). */
    @Transactional
    public AccessEntry revoke(String scopeName, String consumerOrgno) {
        actor.require(Permission.SCOPES_WRITE);
        String orgno = validOrgno(consumerOrgno);
        Scope scope = scopes.owned(scopeName, true);
        ScopeAccess access = ScopeAccess.of(scope, orgno)
                .orElseThrow(() -> new NotFound("access.not-found", orgno, scope.name));
        if (access.state != AccessState.DENIED) {
            Map<String, Object> before = values(access);
            access.state = AccessState.DENIED;
            // as the database keeps it, so that an undo can name this very removal (undoRevoke)
            access.lastUpdated = clock.instant().truncatedTo(ChronoUnit.MICROS);
            audit.record(actor.orgno(), AuditAction.ACCESS_REVOKED, AuditSubject.scope(scope.name), before,
                    values(access));
            notices.send(NoticeKind.ACCESS_REMOVED, orgno, noticeFacts(scope));
        }
        return entry(access);
    }

    /**
     * Undoes a removal from the scope's access list: only the scope's owner, only the removal made at
     * {@code revokedAt} (epoch milliseconds; the entry unchanged since) and only within {@link #UNDO_WINDOW}. The
     * organisation is approved again, audited as any grant.
     */
    @Transactional
    public AccessEntry undoRevoke(String scopeName, String consumerOrgno, long revokedAt) {
        actor.require(Permission.SCOPES_WRITE);
        String orgno = validOrgno(consumerOrgno);
        Scope scope = scopes.owned(scopeName, true);
        ScopeAccess access = ScopeAccess.of(scope, orgno)
                .orElseThrow(() -> new NotFound("access.not-found", orgno, scope.name));
        if (access.state != AccessState.DENIED || access.lastUpdated.toEpochMilli() != revokedAt) {
            throw new Conflict("access.undo.changed");
        }
        if (clock.instant().isAfter(access.lastUpdated.plus(UNDO_WINDOW))) {
            throw new Conflict("access.undo.expired", String.valueOf(UNDO_WINDOW.toSeconds()));
        }
        Map<String, Object> before = values(access);
        access.state = AccessState.APPROVED;
        access.lastUpdated = clock.instant();
        audit.record(actor.orgno(), AuditAction.ACCESS_GRANTED, AuditSubject.scope(scope.name), before,
                values(access));
        notices.send(NoticeKind.ACCESS_GRANTED, orgno, noticeFacts(scope));
        return entry(access);
    }

    /** The access entries where the acting organisation is the consumer (admin-api.md 5, {@code /scopes/access/all}). */
    public List<AccessEntry> grantedToMe(boolean inactive, String integrationType) {
        actor.require(Permission.GRANTS_READ);
        TypedQuery<Object[]> query = em.createQuery("select a, o.name from ScopeAccess a join fetch a.scope s "
                + "left join Organisation o on o.orgno = s.ownerOrgno where a.consumerOrgno = :me"
                + (inactive ? "" : " and a.state = :approved") + " order by s.name", Object[].class)
                .setParameter("me", actor.orgno());
        if (!inactive) {
            query.setParameter("approved", AccessState.APPROVED);
        }
        List<Object[]> rows = query.getResultList();
        String myName = actor.org() == null ? null : actor.org().name;
        String type = integrationType == null || integrationType.isBlank() ? null : integrationType.trim();
        return rows.stream().map(r -> new AccessEntry((ScopeAccess) r[0], myName, (String) r[1]))
                .filter(e -> type == null
                        || IntegrationType.allowedBy(e.access().scope.allowedIntegrationTypes, type))
                .toList();
    }

    /** The scope a bulk import would go to: the acting organisation's, and the actor may change its access list. */
    public Scope importTarget(String scopeName) {
        actor.require(Permission.SCOPES_WRITE);
        return scopes.owned(scopeName, true);
    }

    /** The dry-run of a bulk import: what confirming would do with each row; nothing is written. */
    public AccessImport previewImport(String scopeName, String text) {
        actor.require(Permission.SCOPES_WRITE);
        Scope scope = scopes.owned(scopeName, true);
        return report(scope, text);
    }

    /**
     * Adds every valid new organisation of a bulk import in one transaction, all or nothing; returns the report.
     * Organisations the register has as deleted or bankrupt are added only {@code anyway}.
     */
    @Transactional
    public AccessImport confirmImport(String scopeName, String text, boolean anyway) {
        actor.require(Permission.SCOPES_WRITE);
        Scope scope = scopes.owned(scopeName, true);
        AccessImport report = report(scope, text);
        List<String> added = report.toAdd(anyway);
        if (added.isEmpty()) {
            throw InvalidInput.of("ScopeAccess", "consumers", "access.import.nothing");
        }
        Instant now = clock.instant();
        // one statement for the whole list, through Hibernate so the token service sees the write to scope_access
        // (TokenTableWrites) and clears this instance's decisions when the transaction ends
        em.createNativeQuery("""
                insert into scope_access (scope_id, consumer_orgno, state, created, last_updated)
                select ?1, unnest(cast(?2 as varchar[])), 'APPROVED', ?3, ?3
                on conflict (scope_id, consumer_orgno) do update
                set state = 'APPROVED', last_updated = excluded.last_updated
                where scope_access.state <> 'APPROVED'""")
                .setParameter(1, scope.id)
                .setParameter(2, added.toArray(new String[0]))
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("scope", scope.name);
        after.put("state", AccessState.APPROVED.name());
        after.put("count", added.size());
        after.put("consumer_orgnos", added);
        audit.record(actor.orgno(), AuditAction.ACCESS_IMPORTED, AuditSubject.scope(scope.name), null, after);
        notices.sendAll(NoticeKind.ACCESS_GRANTED, added, noticeFacts(scope));
        return report;
    }

    /** What a consumer's notice of a change to the scope's access list says (issue 16). */
    private Map<String, String> noticeFacts(Scope scope) {
        // the scope's owner, whoever acts: an auto-approved request grants in the consumer's name
        String name = register.names(List.of(scope.ownerOrgno)).get(scope.ownerOrgno);
        String owner = name == null ? scope.ownerOrgno : name + " (" + scope.ownerOrgno + ")";
        return Map.of("scope", scope.name, "owner", owner);
    }

    private AccessImport report(Scope scope, String text) {
        List<AccessImport.Row> parsed = AccessImport.parse(text);
        if (parsed.isEmpty()) {
            throw InvalidInput.of("ScopeAccess", "consumers", "access.import.empty");
        }
        if (parsed.size() > AccessImport.MAX_ROWS) {
            throw InvalidInput.of("ScopeAccess", "consumers", "access.import.too-many", AccessImport.MAX_ROWS);
        }
        Set<String> present = new HashSet<>(em.createQuery("select a.consumerOrgno from ScopeAccess a "
                + "where a.scope = :scope and a.state = :approved", String.class)
                .setParameter("scope", scope).setParameter("approved", AccessState.APPROVED).getResultList());
        List<String> numbers = new ArrayList<>();
        parsed.forEach(r -> numbers.add(r.input().replaceAll("[\\s\\u00a0.]", "")));
        Map<String, String> names = new HashMap<>(register.names(numbers));
        Map<String, RegisterUnit> units = registerCopy.findAll(numbers);
        units.forEach((orgno, unit) -> names.putIfAbsent(orgno, unit.name()));
        return AccessImport.classify(parsed, present::contains, names::get,
                orgno -> units.containsKey(orgno) ? units.get(orgno).status() : null,
                !units.isEmpty() || registerCopy.holdsUnits());
    }

    private AccessEntry entry(ScopeAccess access) {
        return new AccessEntry(access, register.names(List.of(access.consumerOrgno)).get(access.consumerOrgno),
                actor.org() == null ? null : actor.org().name);
    }

    private static String validOrgno(String orgno) {
        // admin-api.md 5: strict, a 400 tells automation to skip this consumer
        if (orgno == null || !OrgNumberValidator.isValid(orgno.trim())) {
            throw InvalidInput.of("ScopeAccess", "consumer_orgno",
                    OrgNumbers.problem(orgno == null ? null : orgno.trim()));
        }
        return orgno.trim();
    }

    private static Map<String, Object> values(ScopeAccess access) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("scope", access.scope.name);
        v.put("consumer_orgno", access.consumerOrgno);
        v.put("state", access.state.name());
        return v;
    }
}
