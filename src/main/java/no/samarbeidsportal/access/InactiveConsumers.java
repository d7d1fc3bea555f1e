package no.samarbeidsportal.access;

import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.samarbeidsportal.register.RegisterStatus;

/**
 * The register copy's side of the access lists, in SQL: register_unit is the register's table, replaced wholesale on a
 * full load, so it is joined by number and never mapped as an entity here. Only approved entries count: a revoked one
 * gives no access.
 */
final class InactiveConsumers {

    private static final String ROWS = """
            select s.name, a.consumer_orgno, r.name, r.status, r.deleted_on
            from scope_access a
            join scope s on s.id = a.scope_id
            join register_unit r on r.orgno = a.consumer_orgno
            where a.state = 'APPROVED' and r.status <> 'ACTIVE'
            """;

    private InactiveConsumers() {
    }

    /** Such entries on the scopes {@code owner} owns, by scope and number. */
    static List<InactiveAccess> ofOwner(EntityManager em, String owner) {
        return rows(em.createNativeQuery(ROWS + " and s.owner_orgno = ?1 order by s.name, a.consumer_orgno")
                .setParameter(1, owner).getResultList());
    }

    /** Such entries on the scopes that remove deleted organisations by themselves, for the register's update. */
    static List<InactiveAccess> deletedOnAutoRemovingScopes(EntityManager em) {
        return rows(em.createNativeQuery(ROWS + " and r.status = 'DELETED' and s.remove_deleted_consumers "
                + "order by s.name, a.consumer_orgno").getResultList());
    }

    /** The register statuses of such entries on one scope, by number. */
    @SuppressWarnings("unchecked")
    static Map<String, RegisterStatus> onScope(EntityManager em, long scopeId) {
        Map<String, RegisterStatus> found = new HashMap<>();
        ((List<Object[]>) em.createNativeQuery("""
                select a.consumer_orgno, r.status from scope_access a join register_unit r on r.orgno = a.consumer_orgno
                where a.scope_id = ?1 and a.state = 'APPROVED' and r.status <> 'ACTIVE'""")
                .setParameter(1, scopeId).getResultList())
                .forEach(r -> found.put(String.valueOf(r[0]), RegisterStatus.valueOf((String) r[1])));
        return found;
    }

    /** How many such entries {@code owner}'s scopes hold, and the latest deletion date among them, in one query. */
    static InactiveAccessService.Summary summary(EntityManager em, String owner) {
        Object[] r = (Object[]) em.createNativeQuery("""
                select count(*), max(r.deleted_on) from scope_access a
                join scope s on s.id = a.scope_id
                join register_unit r on r.orgno = a.consumer_orgno
                where a.state = 'APPROVED' and r.status <> 'ACTIVE' and s.owner_orgno = ?1""")
                .setParameter(1, owner).getSingleResult();
        return new InactiveAccessService.Summary(((Number) r[0]).longValue(), date(r[1]));
    }

    @SuppressWarnings("unchecked")
    private static List<InactiveAccess> rows(List<?> result) {
        return ((List<Object[]>) result).stream().map(r -> new InactiveAccess((String) r[0], String.valueOf(r[1]),
                (String) r[2], RegisterStatus.valueOf((String) r[3]), date(r[4]))).toList();
    }

    private static LocalDate date(Object value) {
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        return value instanceof LocalDate l ? l : null;
    }
}
