package no.samarbeidsportal.history;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.identity.Person;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeService;

/**
 * The acting organisation's own history, newest first (admin-api.md 10.6): every change to what it owns, and to the
 * clients it supplies to customers.
 */
@ApplicationScoped
public class HistoryService {

    /** One page of history; {@code scope} is set when it is one scope's. */
    public record History(Scope scope, List<AuditEvent> events, long total, int page, int pageSize,
            Map<String, String> personNames) {

        /** Who did it, for people: a person's name with the subject the log keeps, a client by its client_id. */
        public String actorOf(AuditEvent event) {
            String name = "PERSON".equals(event.actorKind) ? personNames.get(event.actor) : null;
            return name == null || name.equals(event.actor) ? event.actor : name + " (" + event.actor + ")";
        }

        public int pages() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }

        public boolean hasNext() {
            return page + 1 < pages();
        }
    }

    public static final int PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    private final Actor actor;
    private final ScopeService scopes;

    HistoryService(Actor actor, ScopeService scopes) {
        this.actor = actor;
        this.scopes = scopes;
    }

    /**
     * The organisation's changes, or with {@code scopeName} those to one of its scopes and its access list (who
     * added or removed whom, and when). Scope history needs scopes.read and ownership.
     */
    public History history(String scopeName, int page, int pageSize) {
        int size = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
        int safePage = no.samarbeidsportal.system.Paging.page(page, size);
        Scope scope = null;
        String where = "orgno = :orgno";
        Parameters params;
        if (scopeName != null && !scopeName.isBlank()) {
            scope = scopes.mine(scopeName, true);
            AuditSubject subject = AuditSubject.scope(scope.name);
            where += " and subjectType = :type and subjectId = :subject";
            params = Parameters.with("orgno", actor.orgno()).and("type", subject.type()).and("subject", subject.id());
        } else {
            actor.require(Permission.AUDIT_READ);
            // a supplier also sees the changes to the clients it supplies, which are its customers' (admin-api.md 2.5),
            // while the customer's appointment of it lasts
            where = "(orgno = :orgno or (subjectType = :client and subjectId in "
                    + "(select c.clientId from Client c where c.supplierOrgno = :orgno and exists (select 1 from "
                    + "SupplierAppointment a where a.customerOrgno = c.clientOrgno and a.supplierOrgno = :orgno "
                    + "and a.ended is null))))";
            params = Parameters.with("orgno", actor.orgno()).and("client", AuditSubject.CLIENT);
        }
        var query = AuditEvent.find(where + " order by occurred desc, id desc", params);
        List<AuditEvent> events = query.page(Page.of(safePage, size)).list();
        return new History(scope, events, query.count(), safePage, size, personNames(events));
    }

    private static Map<String, String> personNames(List<AuditEvent> events) {
        List<String> subjects = events.stream().filter(e -> "PERSON".equals(e.actorKind)).map(e -> e.actor)
                .distinct().toList();
        Map<String, String> names = new java.util.HashMap<>();
        if (!subjects.isEmpty()) {
            Person.<Person>list("subject in ?1", subjects).forEach(p -> names.put(p.subject, p.displayName()));
        }
        return names;
    }
}
