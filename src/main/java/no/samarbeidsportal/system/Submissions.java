package no.samarbeidsportal.system;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which page form submission made which object, so that a repeated submit (a double click, a form sent again) answers
 * with the object the first one made instead of making a second (issue 14). A create form carries a fresh random key
 * ({@code tags/submission.html}); the API passes none, as Digdir's API has no idempotency keys.
 */
@ApplicationScoped
public class Submissions {

    /** The name of the form field that carries the key. */
    public static final String FIELD = "submission";

    // what tags/submission.html renders; anything else is no key at all, so the create goes on unguarded
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{16,64}");

    private final EntityManager em;

    Submissions(EntityManager em) {
        this.em = em;
    }

    /**
     * Claims {@code key} for the organisation's create of a {@code kind}: empty when this submit is the first, which
     * then creates and calls {@link #made}; else the id of the object the first one made. A submit at the same moment
     * waits on the unique key until the first one's transaction ends, so only one of them ever creates.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> claim(String orgno, String kind, String key) {
        if (orgno == null || !valid(key)) {
            return Optional.empty();
        }
        int claimed = em.createNativeQuery("insert into form_submission (orgno, kind, submission_key) "
                + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, orgno).setParameter(2, kind).setParameter(3, key).executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        // the first submit committed (had it rolled back, our insert would have claimed the key)
        return em.createNativeQuery("select object_id from form_submission where orgno = ?1 and kind = ?2 "
                + "and submission_key = ?3", String.class)
                .setParameter(1, orgno).setParameter(2, kind).setParameter(3, key)
                .getResultStream().map(String.class::cast).filter(id -> id != null).findFirst();
    }

    /** Remembers that the submit holding {@code key} made the object {@code objectId}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void made(String orgno, String kind, String key, String objectId) {
        if (orgno == null || !valid(key)) {
            return;
        }
        em.createNativeQuery("update form_submission set object_id = ?4 where orgno = ?1 and kind = ?2 "
                + "and submission_key = ?3")
                .setParameter(1, orgno).setParameter(2, kind).setParameter(3, key).setParameter(4, objectId)
                .executeUpdate();
    }

    private static boolean valid(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
