package no.samarbeidsportal.history;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.identity.Person;
import no.samarbeidsportal.scopes.Scope;
import no.samarbeidsportal.scopes.ScopeService;
import no.samarbeidsportal.system.Like;

/**
 * The acting organisation's own history, newest first (admin-api.md 10.6): every change to what it owns, and to the
 * clients it supplies to customers.
 */
@ApplicationScoped
public class HistoryService {

    /** One page of history; {@code scope} is set when it is one scope's. */
    public record History(Scope scope, List<AuditEvent> events, long total, int page, int pageSize,
            Map<String, String> personNames) {

        /** A short list of events shown as history elsewhere (the dashboard's latest changes). */
        public static History of(List<AuditEvent> events) {
            return new History(null, events, events.size(), 0, Math.max(1, events.size()),
                    HistoryService.personNames(events));
        }

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
    public static final int MAX_EXPORT = 10_000;
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

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
        return history(HistoryFilter.scope(scopeName), page, pageSize);
    }

    /** One page of the organisation's (or one scope's) changes that the filter lets through, newest first. */
    public History history(HistoryFilter filter, int page, int pageSize) {
        int size = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
        int safePage = no.samarbeidsportal.system.Paging.page(page, size);
        Selection selection = select(filter);
        var query = AuditEvent.find(selection.where() + " order by occurred desc, id desc", selection.params());
        List<AuditEvent> events = query.page(Page.of(safePage, size)).list();
        return new History(selection.scope(), events, query.count(), safePage, size, personNames(events));
    }

    /**
     * Everything the filter lets through for a download, newest first, at most {@link #MAX_EXPORT} lines: exactly the
     * events the page shows for the same filter, page after page.
     */
    public History export(HistoryFilter filter) {
        Selection selection = select(filter);
        var query = AuditEvent.find(selection.where() + " order by occurred desc, id desc", selection.params());
        List<AuditEvent> events = query.range(0, MAX_EXPORT - 1).list();
        return new History(selection.scope(), events, events.size(), 0, Math.max(1, events.size()),
                personNames(events));
    }

    private record Selection(Scope scope, String where, Parameters params) {
    }

    private Selection select(HistoryFilter filter) {
        Scope scope = null;
        String where = "orgno = :orgno";
        Parameters params;
        if (filter.scope() != null) {
            scope = scopes.mine(filter.scope(), true);
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
        if (filter.person() != null) {
            // by the name people know, or by the login name or client_id the log keeps
            where += " and (lower(actor) like :person escape '\\' or actor in (select p.subject from Person p "
                    + "where lower(p.name) like :person escape '\\'))";
            params = params.and("person", Like.contains(filter.person().toLowerCase(Locale.ROOT)));
        }
        if (filter.action() != null) {
            where += " and action = :action";
            params = params.and("action", filter.action());
        }
        if (filter.fromDay() != null) {
            where += " and occurred >= :from";
            params = params.and("from", filter.fromDay().atStartOfDay(OSLO).toInstant());
        }
        if (filter.toDay() != null) {
            where += " and occurred < :to";
            params = params.and("to", filter.toDay().plusDays(1).atStartOfDay(OSLO).toInstant());
        }
        return new Selection(scope, where, params);
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
