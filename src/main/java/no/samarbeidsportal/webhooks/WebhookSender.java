package no.samarbeidsportal.webhooks;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.samarbeidsportal.audit.AuditAction;
import no.samarbeidsportal.audit.AuditEvent;
import no.samarbeidsportal.audit.AuditSubject;
import no.samarbeidsportal.notices.NoticeKind;
import no.samarbeidsportal.notices.Notices;
import org.jboss.logging.Logger;

/**
 * Posts the webhook outbox's deliveries (issue 17), like {@code notices/NoticeSender} does e-mails. Each round claims
 * the due deliveries in one short transaction ({@code for update skip locked}, at most
 * {@link WebhookConfig#perEndpoint()} per endpoint, and a lease: the claim moves their next attempt {@link #lease()}
 * ahead, at least twice the round's worst case), and posts them in parallel on a small pool; so with several instances
 * each attempt is made by one; only the oldest pending delivery of each (endpoint, object) is due, so one object's events arrive in order, also after an outage.
 * Outside any transaction each is checked by {@link OutboundGuard} again and posted to the checked address, signed per
 * Standard Webhooks; each outcome is recorded (an attempt in the log) in a transaction of its own. A failure waits
 * {@link WebhookConfig#retryFirst()}, doubling up to {@link WebhookConfig#retryMax()}, until
 * {@link WebhookConfig#giveUpAfter()} has passed since the message (FAILED); an endpoint failing
 * {@link WebhookConfig#disableAfterFailures()} times in a row is turned off and its organisation told.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final String USER_AGENT = "samarbeidsportal-webhooks/1";
    static final int EXCERPT = 1000;

    /** Marks an answer from a private or loopback address the allow-list let through: its body is not kept. */
    static final String PRIVATE_ANSWER = "(answer from a private address not stored)";

    record Claimed(long id, int attempts, String messageId, String body, Instant messageCreated, long endpointId,
            String orgno, String url, String secret, String previousSecret, Instant previousSecretUntil) {

        /** Without the secrets, the body or the URL's path and query. */
        @Override
        public String toString() {
            return "Claimed[id=" + id + ", attempts=" + attempts + ", messageId=" + messageId + ", endpointId="
                    + endpointId + ", orgno=" + orgno + ", url=" + WebhookEndpoint.displayUrl(url) + "]";
        }
    }

    /** How one attempt went: the HTTP status (null without an answer), how long it took, the answer or the error. */
    record Outcome(Integer status, int durationMs, String excerpt) {

        boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final EntityManager em;
    private final Clock clock;
    private final OutboundGuard guard;
    private final WebhookConfig config;
    private final Notices notices;
    private final WebhookPost post;
    private ScheduledExecutorService timer;
    private final ExecutorService pool;
    private final Duration lease;

    WebhookSender(EntityManager em, Clock clock, OutboundGuard guard, WebhookConfig config, Notices notices,
            WebhookPost post) {
        this.em = em;
        this.clock = clock;
        this.guard = guard;
        this.config = config;
        this.notices = notices;
        this.post = post;
        this.lease = lease(config);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.parallelism()), r -> {
            Thread t = new Thread(r, "webhook-post-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The longest a round can take: its deliveries go in waves of {@code parallelism}, and each attempt takes at most
     * the name lookup's deadline, then {@link WebhookPost}'s wait (twice the timeout and a second).
     */
    static Duration worstRound(WebhookConfig config) {
        int waves = (config.batchSize() + Math.max(1, config.parallelism()) - 1) / Math.max(1, config.parallelism());
        return config.timeout().multipliedBy(3).plusSeconds(1).multipliedBy(waves);
    }

    /** The lease a claim takes: the setting, but at least twice a round's worst case, so no round outlives its lease. */
    static Duration lease(WebhookConfig config) {
        Duration least = worstRound(config).multipliedBy(2);
        return config.lease().compareTo(least) >= 0 ? config.lease() : least;
    }

    Duration lease() {
        return lease;
    }

    void start(@Observes StartupEvent event) {
        long every = config.sendEvery().toMillis();
        if (every <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::deliverQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        pool.shutdownNow();
    }

    /**
     * One round: posts the deliveries due at {@code now} (at most a batch, at most {@link WebhookConfig#perEndpoint()}
     * per endpoint) in parallel on {@link WebhookConfig#parallelism()} threads, so a slow receiver delays no other
     * organisation's; returns how many were attempted once all are recorded.
     */
    public int deliver(Instant now) {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now));
        List<Future<?>> running = new ArrayList<>();
        for (Claimed c : claimed) {
            running.add(pool.submit(() -> {
                Outcome outcome = attempt(c);
                QuarkusTransaction.requiringNew().run(() -> record(c, outcome, now));
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                LOG.warn("Could not record a webhook attempt; the delivery is due again after its lease", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed.size();
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claim(Instant now) {
        List<Object[]> rows = em.createNativeQuery("""
                update webhook_delivery d set attempts = d.attempts + 1, next_attempt_at = ?1
                from webhook_message m, webhook_endpoint e
                where m.id = d.message_id and e.id = d.endpoint_id and d.id in (
                  select x.id from webhook_endpoint a cross join lateral (
                    select x.id, x.next_attempt_at from webhook_delivery x
                    where x.endpoint_id = a.id and x.state = 'PENDING' and x.next_attempt_at <= ?2
                      and not exists (select 1 from webhook_delivery y where y.endpoint_id = x.endpoint_id
                                      and y.subject = x.subject and y.state = 'PENDING' and y.id < x.id)
                    order by x.next_attempt_at, x.id limit ?4
                    for update of x skip locked) x
                  where a.active
                  order by x.next_attempt_at, x.id limit ?3)
                returning d.id, d.attempts, m.message_id, m.payload::text,
                  (extract(epoch from m.created) * 1000)::bigint, e.id, e.orgno, e.url, e.secret, e.previous_secret,
                  (extract(epoch from e.previous_secret_until) * 1000)::bigint""")
                .setParameter(1, Timestamp.from(now.plus(lease)))
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, config.batchSize())
                .setParameter(4, Math.max(1, config.perEndpoint()))
                .getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] r : rows) {
            claimed.add(new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), (String) r[2],
                    (String) r[3], Instant.ofEpochMilli(((Number) r[4]).longValue()), ((Number) r[5]).longValue(),
                    (String) r[6], (String) r[7], (String) r[8], (String) r[9],
                    r[10] == null ? null : Instant.ofEpochMilli(((Number) r[10]).longValue())));
        }
        return claimed;
    }

    /** Checks the address again (it may resolve elsewhere by now) and posts to the checked address. */
    Outcome attempt(Claimed c) {
        long started = System.nanoTime();
        OutboundGuard.Checked checked = guard.check(c.url());
        if (!checked.allowed()) {
            return new Outcome(null, 0, "Not called: the address is refused (" + checked.refusal().get() + ")");
        }
        Instant signedAt = clock.instant();
        Outcome outcome;
        try {
            outcome = post.send(c, checked.address().get(), signedAt, started);
        } catch (RuntimeException e) {
            return new Outcome(null, WebhookPost.millisSince(started), WebhookPost.error(e));
        }
        if (checked.throughAllowList() && outcome.status() != null) {
            // an internal host the operator allowed for everyone: its answers are not shown to the organisation
            return new Outcome(outcome.status(), outcome.durationMs(), PRIVATE_ANSWER);
        }
        return outcome;
    }

    private void record(Claimed c, Outcome o, Instant now) {
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.deliveryId = c.id();
        attempt.endpointId = c.endpointId();
        attempt.attempted = clock.instant();
        attempt.status = o.status();
        attempt.durationMs = o.durationMs();
        attempt.responseExcerpt = o.excerpt() == null || o.excerpt().isEmpty() ? null : o.excerpt();
        attempt.persist();
        if (o.success()) {
            em.createNativeQuery("update webhook_delivery set state = 'SENT', sent_at = ?1, last_error = null "
                    + "where id = ?2 and state = 'PENDING'")
                    .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, c.id()).executeUpdate();
            em.createNativeQuery("update webhook_endpoint set failures_in_a_row = 0 where id = ?1")
                    .setParameter(1, c.endpointId()).executeUpdate();
            return;
        }
        String error = (o.status() == null ? "" : "HTTP " + o.status() + ": ") + (o.excerpt() == null ? "" : o.excerpt());
        error = error.length() > EXCERPT ? error.substring(0, EXCERPT) : error;
        boolean giveUp = !now.isBefore(c.messageCreated().plus(config.giveUpAfter()));
        em.createNativeQuery("update webhook_delivery set state = ?1, next_attempt_at = ?2, last_error = ?3 "
                + "where id = ?4 and state = 'PENDING'")
                .setParameter(1, giveUp ? "FAILED" : "PENDING")
                .setParameter(2, Timestamp.from(now.plus(backoff(c.attempts()))))
                .setParameter(3, error).setParameter(4, c.id()).executeUpdate();
        int failures = ((Number) em.createNativeQuery("update webhook_endpoint set failures_in_a_row = "
                + "failures_in_a_row + 1 where id = ?1 returning failures_in_a_row")
                .setParameter(1, c.endpointId()).getSingleResult()).intValue();
        if (giveUp) {
            LOG.warnf("Gave up webhook delivery %d after %d attempts: %s", c.id(), c.attempts(), error);
        }
        if (failures >= config.disableAfterFailures()) {
            disable(c, failures);
        }
    }

    /** Turns the endpoint off (once, whichever instance gets here first), audited as the system, and tells its organisation. */
    private void disable(Claimed c, int failures) {
        int changed = em.createNativeQuery("update webhook_endpoint set active = false, disabled_reason = ?1 "
                + "where id = ?2 and active").setParameter(1, "webhooks.disabled.failures")
                .setParameter(2, c.endpointId()).executeUpdate();
        if (changed == 0) {
            return;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("url", WebhookEndpoint.displayUrl(c.url()));
        after.put("active", false);
        after.put("failures_in_a_row", failures);
        AuditEvent.bySystem(c.orgno(), AuditAction.WEBHOOK_DISABLED, AuditSubject.webhookEndpoint(c.endpointId()),
                after);
        notices.send(NoticeKind.WEBHOOK_DISABLED, c.orgno(), Map.of("url", WebhookEndpoint.displayUrl(c.url()),
                "failures", String.valueOf(failures), "path", "portal/webhooks"));
        LOG.warnf("Turned off webhook endpoint %d of %s after %d failures in a row", c.endpointId(), c.orgno(),
                failures);
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
            // a round posts one delivery per object: go on while there was work, so a backlog drains in order
            for (int round = 0; round < 100 && deliver(clock.instant()) > 0; round++) {
                // next round
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not deliver webhooks; trying again in a while", e);
        }
    }
}
