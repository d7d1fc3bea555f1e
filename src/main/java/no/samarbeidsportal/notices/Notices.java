package no.samarbeidsportal.notices;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The one way a feature tells an organisation something (issue 16): {@link #send} writes the notice to the outbox in
 * the caller's transaction, so it exists exactly when the change that caused it commits; delivery (e-mail, the
 * organisation's list of notices) happens after, never in the caller's way.
 *
 * <p>The seam features code against while the outbox is built: until it is, nothing is written.
 */
@ApplicationScoped
public class Notices {

    /**
     * Tells organisation {@code orgno} of {@code kind}, with the facts its text needs (for example {@code scope},
     * {@code consumer}, {@code reason}, {@code client}, {@code kid}, {@code days}); in the caller's transaction.
     */
    public void send(NoticeKind kind, String orgno, Map<String, String> facts) {
        // filled in by the outbox (issue 16)
    }
}
