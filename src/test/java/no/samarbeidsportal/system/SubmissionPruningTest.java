package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import no.samarbeidsportal.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Form submissions are forgotten a day after they were made, by one instance at a time (issue 14). */
@QuarkusTest
class SubmissionPruningTest {

    @Inject
    SubmissionPruning pruning;

    @Inject
    EntityManager em;

    @Inject
    DataSource db;

    @BeforeEach
    void data() {
        TestData.ensure();
    }

    private String submission(String age) {
        String key = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into form_submission (orgno, kind, "
                + "submission_key, object_id, created) values (?1, 'client', ?2, 'x', now() - cast(?3 as interval))")
                .setParameter(1, TestData.ORG_A).setParameter(2, key).setParameter(3, age).executeUpdate());
        return key;
    }

    private boolean kept(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from form_submission where submission_key = ?1").setParameter(1, key)
                .getSingleResult()).intValue() == 1);
    }

    @Test
    void submissionsOlderThanADayAreForgottenAndNewerOnesKept() {
        String old = submission("25 hours");
        String recent = submission("23 hours");

        assertTrue(pruning.prune() >= 1);

        assertEquals(false, kept(old));
        assertEquals(true, kept(recent));
    }

    @Test
    void anInstanceSkipsTheRoundWhileAnotherIsPruning() throws Exception {
        String old = submission("2 days");
        try (Connection other = db.getConnection(); Statement s = other.createStatement()) {
            s.execute("select pg_advisory_lock(" + SubmissionPruning.LOCK + ")");
            try {
                assertEquals(-1, pruning.prune());
                assertEquals(true, kept(old));
            } finally {
                s.execute("select pg_advisory_unlock(" + SubmissionPruning.LOCK + ")");
            }
        }
        assertTrue(pruning.prune() >= 1);
        assertEquals(false, kept(old));
    }
}
