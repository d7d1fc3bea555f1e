package no.samarbeidsportal.system;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import org.hibernate.StaleStateException;

/**
 * admin-api.md 6.7 Decision: a concurrent edit is a 409. The database finds it at commit: a stale version
 * (optimistic lock) or a row that someone else inserted first (unique key).
 */
public final class ConcurrentChanges {

    private ConcurrentChanges() {
    }

    /** The conflict a failure stands for, or null when it is something else. */
    public static Conflict of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return new Conflict("error.conflict.concurrent");
            }
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return new Conflict("error.conflict.exists");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
