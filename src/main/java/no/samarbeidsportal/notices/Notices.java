package no.samarbeidsportal.notices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * The one way a feature tells an organisation something (issue 16): {@link #send} writes the notice to the outbox in
 * the caller's transaction, so it exists exactly when the change that caused it commits; delivery (e-mail by
 * {@link NoticeSender}, the organisation's list of notices) happens after, never in the caller's way.
 *
 * <p>The recipients are resolved as the notice is written: the organisation's contacts for the kind's topic and the
 * people who follow that topic there while they hold a role in it. With neither, the notice is in the organisation's
 * list of notices only (the portal knows no one's address but these).
 */
@ApplicationScoped
public class Notices {

    private static final String WRITE = """
            with n as (
              insert into notice (kind, orgno, facts, created)
              select ?, o, jsonb_object(?::text[], ?::text[]) || jsonb_build_object('orgno', o), ?
              from unnest(?::varchar[]) as o
              returning id, orgno)
            insert into notice_delivery (notice_id, recipient, state, attempts, next_attempt_at)
            select n.id, r.email, 'PENDING', 0, ? from n join lateral (
              select c.email from notice_contact c where c.orgno = n.orgno and c.topic = ?
              union
              select f.email from notice_follow f where f.orgno = n.orgno and f.topic = ?
                and exists (select 1 from membership m where m.person_id = f.person_id and m.orgno = f.orgno)
            ) r on true""";

    private final EntityManager em;
    private final Clock clock;

    Notices(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Tells organisation {@code orgno} of {@code kind}, with the facts its text needs (for example {@code scope},
     * {@code consumer}, {@code reason}, {@code client}, {@code kid}, {@code days}; {@code orgno} is added, and
     * {@code path}, a portal page, is where the e-mail links to); in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(NoticeKind kind, String orgno, Map<String, String> facts) {
        sendAll(kind, List.of(orgno), facts);
    }

    /** Tells each of the organisations the same (a bulk import's consumers), in one statement; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sendAll(NoticeKind kind, Collection<String> orgnos, Map<String, String> facts) {
        if (orgnos.isEmpty()) {
            return;
        }
        Map<String, String> sorted = new TreeMap<>();
        facts.forEach((k, v) -> sorted.put(k, v == null ? "" : v));
        Instant now = clock.instant();
        String[] numbers = orgnos.stream().distinct().toArray(String[]::new);
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement write = connection.prepareStatement(WRITE)) {
                write.setString(1, kind.name());
                write.setArray(2, connection.createArrayOf("text", sorted.keySet().toArray()));
                write.setArray(3, connection.createArrayOf("text", sorted.values().toArray()));
                write.setTimestamp(4, Timestamp.from(now));
                write.setArray(5, connection.createArrayOf("varchar", numbers));
                write.setTimestamp(6, Timestamp.from(now));
                write.setString(7, kind.topic().name());
                write.setString(8, kind.topic().name());
                write.executeUpdate();
            }
        });
    }
}
