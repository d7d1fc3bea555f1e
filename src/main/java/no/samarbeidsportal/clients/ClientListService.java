package no.samarbeidsportal.clients;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.samarbeidsportal.identity.Actor;
import no.samarbeidsportal.identity.Permission;
import no.samarbeidsportal.register.OrgNames;
import no.samarbeidsportal.scopes.IntegrationType;
import no.samarbeidsportal.system.Like;

/**
 * "Integrasjoner" as a list to work in: search, filters, sorting, and each client's key status and nearest key
 * expiry, for the clients the acting organisation sees (its own and, as a supplier, those it supplies).
 */
@ApplicationScoped
public class ClientListService {

    /** How soon a key's expiry is worth a warning: the same 30 days the key page warns about. */
    static final Duration EXPIRING = Duration.ofDays(30);

    /** What the list is asked for; null or blank members do not filter. */
    public record Query(String text, String integrationType, Status status, Sort sort) {

        /** Active only, inactive only, or both. */
        public enum Status { ACTIVE, INACTIVE, ALL }

        public enum Sort { NAME, CREATED, EXPIRY }

        /** Whether anything narrows the list, so that an empty one says "nothing matches", not "no clients". */
        public boolean filtered() {
            return text != null && !text.isBlank() || integrationType != null && !integrationType.isBlank()
                    || status == Status.INACTIVE;
        }

        /** The integration types the filter offers. */
        public List<IntegrationType> types() {
            return List.of(IntegrationType.values());
        }
    }

    /** A client's keys as a whole: none, all valid, one expiring within 30 days, or none left valid. */
    public enum KeyStatus { NONE, VALID, EXPIRING, EXPIRED }

    /** One line of the list: the client, how many keys it has, their status and the nearest expiry. */
    public record Row(Client client, long keys, KeyStatus keyStatus, Instant nearestExpiry) {

        /** The message key of the key status, for pages. */
        public String statusKey() {
            return "clients.keys." + keyStatus.name().toLowerCase(Locale.ROOT);
        }

        /** The message key for the nearest expiry: when it runs out, or when it ran out. */
        public String expiryKey() {
            return keyStatus == KeyStatus.EXPIRED ? "clients.keys.expired.at" : "clients.keys.expires";
        }

        /** A client without a valid key, or with one running out soon, needs someone to act. */
        public boolean needsAttention() {
            return keyStatus == KeyStatus.EXPIRED || keyStatus == KeyStatus.EXPIRING || keyStatus == KeyStatus.NONE
                    && client.active && "private_key_jwt".equals(client.tokenEndpointAuthMethod);
        }
    }

    private final Actor actor;
    private final Clock clock;
    private final OrgNames orgNames;

    ClientListService(Actor actor, Clock clock, OrgNames orgNames) {
        this.actor = actor;
        this.clock = clock;
        this.orgNames = orgNames;
    }

    /** The clients the acting organisation sees that match the query, with their key summary, sorted as asked. */
    public List<Row> list(Query query) {
        actor.require(Permission.CLIENTS_READ);
        StringBuilder where = new StringBuilder(Client.seenBy(actor.may(Permission.SUPPLIER)));
        Map<String, Object> params = new HashMap<>();
        params.put("org", actor.orgno());
        if (query.status() != Query.Status.ALL) {
            where.append(" and c.active = :active");
            params.put("active", query.status() != Query.Status.INACTIVE);
        }
        if (query.integrationType() != null && !query.integrationType().isBlank()) {
            where.append(" and c.integrationType = :type");
            params.put("type", query.integrationType());
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (lower(c.clientName) like :text escape '\\' or lower(c.clientId) like :text escape '\\')");
            params.put("text", Like.contains(query.text().strip().toLowerCase(Locale.ROOT)));
        }
        List<Client> clients = Client.list("from Client c where " + where + " order by c.created, c.id", params);
        Map<Long, Row> summary = summary(clients);
        // the organisations and suppliers the rows name, looked up once for the whole list
        orgNames.load(clients.stream().flatMap(c -> java.util.stream.Stream.of(c.clientOrgno, c.supplierOrgno))
                .toList());
        return clients.stream().map(c -> summary.getOrDefault(c.id, new Row(c, 0, KeyStatus.NONE, null)))
                .sorted(order(query.sort())).toList();
    }

    /** The key summary of all listed clients in one query, not one per row. */
    private Map<Long, Row> summary(List<Client> clients) {
        Map<Long, Row> rows = new HashMap<>();
        if (clients.isEmpty()) {
            return rows;
        }
        Instant now = clock.instant();
        Map<Long, Client> byId = new HashMap<>();
        clients.forEach(c -> byId.put(c.id, c));
        List<Object[]> found = ClientKey.getEntityManager().createQuery("select k.client.id, count(k), "
                + "min(case when k.expires > :now then k.expires end), max(k.expires) from ClientKey k "
                + "where k.client.id in :ids group by k.client.id", Object[].class)
                .setParameter("now", now).setParameter("ids", byId.keySet()).getResultList();
        for (Object[] f : found) {
            Client client = byId.get((Long) f[0]);
            Instant nearestValid = (Instant) f[2];
            KeyStatus status = nearestValid == null ? KeyStatus.EXPIRED
                    : nearestValid.isBefore(now.plus(EXPIRING)) ? KeyStatus.EXPIRING : KeyStatus.VALID;
            // with no valid key left, the date that matters is when the last one ran out
            rows.put(client.id, new Row(client, (Long) f[1], status, nearestValid != null ? nearestValid : (Instant) f[3]));
        }
        return rows;
    }

    private static Comparator<Row> order(Query.Sort sort) {
        Comparator<Row> created = Comparator.comparing((Row r) -> r.client().created)
                .thenComparing(r -> r.client().id);
        if (sort == Query.Sort.NAME) {
            return Comparator.comparing((Row r) -> r.client().clientName.toLowerCase(Locale.ROOT)).thenComparing(created);
        }
        if (sort == Query.Sort.EXPIRY) {
            // the clients that need a key first: expired ones (their date is past), the soonest expiry; no keys last
            return Comparator.comparing(Row::nearestExpiry, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(created);
        }
        return created;
    }
}
