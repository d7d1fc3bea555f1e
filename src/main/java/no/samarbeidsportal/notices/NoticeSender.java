package no.samarbeidsportal.notices;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox's e-mails (issue 16). Each round claims the due deliveries in one short transaction
 * ({@code for update skip locked}, and a lease: the claim moves their next attempt {@link NoticeConfig#lease()} ahead),
 * so with several instances each delivery is claimed by one; then sends them one by one over SMTP, outside any
 * transaction, and records each outcome in a transaction of its own. A failure waits {@link NoticeConfig#retryFirst()},
 * doubling up to {@link NoticeConfig#retryMax()}, until {@link NoticeConfig#giveUpAfter()} has passed since the
 * notice: then the delivery is FAILED. Only an instance dying between sending and recording can send a mail twice.
 */
@ApplicationScoped
public class NoticeSender {

    private static final Logger LOG = Logger.getLogger(NoticeSender.class);
    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(60);

    private record Claimed(long id, String recipient, int attempts, Instant created, Mail mail) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final ReactiveMailer mailer;
    private final NoticeMail mails;
    private final NoticeConfig config;
    private ScheduledExecutorService timer;

    NoticeSender(EntityManager em, Clock clock, ReactiveMailer mailer, NoticeMail mails, NoticeConfig config) {
        this.em = em;
        this.clock = clock;
        this.mailer = mailer;
        this.mails = mails;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        long every = config.sendEvery().toMillis();
        if (every <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notice-sender");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::deliverQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One round: sends the deliveries due at {@code now} (at most a batch); returns how many went out. */
    public int deliver(Instant now) {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now));
        int sent = 0;
        for (Claimed c : claimed) {
            try {
                mailer.send(c.mail()).await().atMost(SMTP_TIMEOUT);
                QuarkusTransaction.requiringNew().run(() -> sent(c));
                sent++;
            } catch (RuntimeException e) {
                QuarkusTransaction.requiringNew().run(() -> failed(c, now, e));
            }
        }
        return sent;
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claim(Instant now) {
        List<Object[]> rows = em.createNativeQuery("""
                update notice_delivery d set attempts = d.attempts + 1, next_attempt_at = ?1
                where d.id in (select id from notice_delivery where state = 'PENDING' and next_attempt_at <= ?2
                               order by next_attempt_at, id limit ?3 for update skip locked)
                returning d.id, d.notice_id, d.recipient, d.attempts""")
                .setParameter(1, Timestamp.from(now.plus(config.lease())))
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, config.batchSize())
                .getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] row : rows) {
            Notice notice = Notice.findById(((Number) row[1]).longValue());
            String recipient = (String) row[2];
            claimed.add(new Claimed(((Number) row[0]).longValue(), recipient, ((Number) row[3]).intValue(),
                    notice.created, mails.of(notice, recipient)));
        }
        return claimed;
    }

    private void sent(Claimed c) {
        em.createNativeQuery("update notice_delivery set state = 'SENT', sent_at = ?1, last_error = null "
                + "where id = ?2 and state = 'PENDING'")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, c.id()).executeUpdate();
    }

    private void failed(Claimed c, Instant now, RuntimeException e) {
        String error = String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        error = error.length() > 1000 ? error.substring(0, 1000) : error;
        boolean giveUp = !now.isBefore(c.created().plus(config.giveUpAfter()));
        em.createNativeQuery("update notice_delivery set state = ?1, next_attempt_at = ?2, last_error = ?3 "
                + "where id = ?4 and state = 'PENDING'")
                .setParameter(1, giveUp ? "FAILED" : "PENDING")
                .setParameter(2, Timestamp.from(now.plus(backoff(c.attempts()))))
                .setParameter(3, error).setParameter(4, c.id()).executeUpdate();
        if (giveUp) {
            LOG.warnf("Gave up e-mailing notice delivery %d after %d attempts: %s", c.id(), c.attempts(), error);
        } else {
            LOG.infof("Could not e-mail notice delivery %d (attempt %d), trying again later: %s", c.id(),
                    c.attempts(), error);
        }
    }

    /** The wait after the n-th failed attempt: retryFirst, doubling, at most retryMax. */
    Duration backoff(int attempts) {
        Duration wait = config.retryFirst();
        for (int i = 1; i < attempts && wait.compareTo(config.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }

    private void deliverQuietly() {
        try {
            while (deliver(clock.instant()) >= config.batchSize()) {
                // a full batch: more may be due at once
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not deliver notices; trying again in a while", e);
        }
    }
}
