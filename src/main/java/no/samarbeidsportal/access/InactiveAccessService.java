package no.samarbeidsportal.access;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.audit.Audit;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.notices.NoticeKind;
import no.samarbeidsportal.notices.Notices;
import no.samarbeidsportal.register.RegisterStatus;
import no.samarbeidsportal.register.RegisterUpdated;
import no.samarbeidsportal.scopes.AccessState;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeAccess;
import no.samarbeidsportal.scopes.ScopeService;
import no.samarbeidsportal.system.InvalidInput;
import org.jboss.logging.Logger;

/**
 * Access-list hygiene (issue 15): the organisations on the provider's access lists that the register has as deleted,
 * bankrupt or under (forced) liquidation, their removal in one step, and, per scope, the removal of deleted ones by
 * the system after each register update.
 */
@ApplicationScoped
public class InactiveAccessService {

    /** How many organisations on the acting organisation's lists are inactive, and the latest deletion date among them. */
    public record Summary(long count, LocalDate latestDeletion) {

        static final Summary NONE = new Summary(0, null);

        /** The latest deletion date as people write it, or null. */
        public String latestDeletionShown() {
            return shown(latestDeletion);
        }
    }

    private static final Logger LOG = Logger.getLogger(InactiveAccessService.class);

    private final Actor actor;
    private final AccessService access;
    private final ScopeService scopes;
    private final Audit audit;
    private final Notices notices;
    private final Clock clock;
    private final EntityManager em;

    InactiveAccessService(Actor actor, AccessService access, ScopeService scopes, Audit audit, Notices notices,
            Clock clock, EntityManager em) {
        this.actor = actor;
        this.access = access;
        this.scopes = scopes;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
        this.em = em;
    }

    /** A register date as people write it in both languages, "30.06.2025"; null for none. */
    static String shown(LocalDate date) {
        return date == null ? null : date.format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
    }

    /** The message key naming a register status for people ("Konkurs"). */
    public static String statusKey(RegisterStatus status) {
        return "access.register.status." + status.name();
    }

    /** The inactive organisations on the acting organisation's access lists, by scope; needs scopes.read. */
    public List<InactiveAccess> list() {
        actor.require(Permission.SCOPES_READ);
        return InactiveConsumers.ofOwner(em, actor.orgno());
    }

    /**
     * Takes every inactive organisation off the acting organisation's access lists in one transaction, each removal
     * exactly as a manual one (AccessService.revoke: kept as DENIED, one audit line each); returns what was removed.
     */
    @Transactional
    public List<InactiveAccess> removeAll() {
        actor.require(Permission.SCOPES_WRITE);
        List<InactiveAccess> inactive = InactiveConsumers.ofOwner(em, actor.orgno());
        inactive.forEach(i -> access.revoke(i.scope(), i.consumerOrgno()));
        return inactive;
    }

    /** The dashboard's count, in one query; nothing for a person who may not read the organisation's scopes. */
    public Summary summary() {
        if (actor.orgno() == null || !actor.may(Permission.SCOPES_READ)) {
            return Summary.NONE;
        }
        return InactiveConsumers.summary(em, actor.orgno());
    }

    /** Whether the scope's access list loses its deleted organisations by itself; the scope's owner only. */
    public boolean autoRemoval(String scopeName) {
        actor.require(Permission.SCOPES_READ);
        return scopes.owned(scopeName, true).removeDeletedConsumers;
    }

    /**
     * Turns the removal of deleted organisations after each register update on or off for one scope; needs
     * scopes.write and ownership, audited as a change of the scope.
     */
    @Transactional
    public boolean setAutoRemoval(String scopeName, Boolean on) {
        actor.require(Permission.SCOPES_WRITE);
        Scope scope = scopes.owned(scopeName, true);
        if (on == null) {
            throw InvalidInput.of("AutoRemoval", "remove_deleted_consumers", "access.auto-removal.required");
        }
        if (scope.removeDeletedConsumers != on) {
            audit.record(actor.orgno(), AuditAction.SCOPE_UPDATED, AuditSubject.scope(scope.name),
                    Map.of("remove_deleted_consumers", scope.removeDeletedConsumers),
                    Map.of("remove_deleted_consumers", on));
            scope.removeDeletedConsumers = on;
            scope.lastUpdated = clock.instant();
        }
        return scope.removeDeletedConsumers;
    }

    /**
     * After each register update: the entries of deleted organisations on scopes that asked for it are removed by the
     * system (kept as DENIED), one audit line each in the provider's history, and the consumer is told. Never throws
     * into the register's job.
     */
    void removeDeleted(@Observes RegisterUpdated updated) {
        try {
            int removed = QuarkusTransaction.requiringNew().call(this::removeDeletedNow);
            if (removed > 0) {
                LOG.infof("Removed %d deleted organisations from access lists that remove them automatically", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remove deleted organisations from access lists; the next register update tries again", e);
        }
    }

    private int removeDeletedNow() {
        List<InactiveAccess> deleted = InactiveConsumers.deletedOnAutoRemovingScopes(em);
        List<InactiveAccess> removed = new ArrayList<>();
        for (InactiveAccess d : deleted) {
            Scope scope = Scope.named(d.scope()).orElse(null);
            ScopeAccess entry = scope == null ? null : ScopeAccess.of(scope, d.consumerOrgno()).orElse(null);
            if (entry == null || entry.state != AccessState.APPROVED) {
                continue;
            }
            entry.state = AccessState.DENIED;
            entry.lastUpdated = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("scope", scope.name);
            after.put("consumer_orgno", entry.consumerOrgno);
            after.put("state", AccessState.DENIED.name());
            after.put("reason", "register_deleted");
            if (d.deletedOn() != null) {
                after.put("deleted_on", d.deletedOn().toString());
            }
            AuditEvent.bySystem(scope.ownerOrgno, AuditAction.ACCESS_REVOKED, AuditSubject.scope(scope.name), after);
            notices.send(NoticeKind.ACCESS_REMOVED, entry.consumerOrgno, Map.of("scope", scope.name,
                    "consumer", entry.consumerOrgno, "reason", "register_deleted", "owner", scope.ownerOrgno));
            removed.add(d);
        }
        return removed.size();
    }
}
