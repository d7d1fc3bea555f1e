package no.samarbeidsportal.system;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Forgets form submissions (system/Submissions) a day after they were made: a form is not sent again that late, and
 * the table stays as small as the forms in use. Every instance runs the job each hour; the one holding the advisory
 * lock prunes and the others skip that round, so several instances never delete the same rows twice.
 */
@ApplicationScoped
public class SubmissionPruning {

    private static final Logger LOG = Logger.getLogger(SubmissionPruning.class);
    /** How long a submission key answers a repeated submit. */
    public static final Duration KEEP = Duration.ofHours(24);
    /** The advisory lock of this job ("SUBMPRUN"), held by one instance at a time. */
    static final long LOCK = 0x5355424d5052554eL;

    private final EntityManager em;
    private final Clock clock;
    private ScheduledExecutorService timer;

    SubmissionPruning(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "form-submission-pruning");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pruneQuietly, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * Deletes the submissions older than {@link #KEEP}; returns how many, or -1 when another instance is pruning
     * now.
     */
    @Transactional
    public int prune() {
        Object mine = em.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK + ")").getSingleResult();
        if (!Boolean.TRUE.equals(mine)) {
            return -1;
        }
        return em.createNativeQuery("delete from form_submission where created < ?1")
                .setParameter(1, java.sql.Timestamp.from(clock.instant().minus(KEEP))).executeUpdate();
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warn("Could not prune old form submissions; trying again in an hour", e);
        }
    }
}
