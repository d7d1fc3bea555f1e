package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/** Search text finds itself, wildcards included, when the pattern is used with {@code escape '\'} in PostgreSQL. */
@QuarkusTest
class LikeTest {

    @Inject
    EntityManager em;

    @Test
    void wildcardsAndTheEscapeCharacterMatchOnlyThemselves() {
        assertEquals("50\\%\\_a\\\\b", Like.escape("50%_a\\b"));
        assertEquals(true, matches("rabatt 50% i dag", Like.contains("50%")));
        assertEquals(false, matches("rabatt 500 i dag", Like.contains("50%")));
        assertEquals(true, matches("a_b", Like.contains("a_b")));
        assertEquals(false, matches("axb", Like.contains("a_b")));
        assertEquals(true, matches("c:\\temp", Like.contains("\\t")));
        assertEquals(false, matches("c:temp", Like.contains("\\t")));
        assertEquals(true, matches("310000019", Like.startsWith("3100")));
        assertEquals(false, matches("931000001", Like.startsWith("3100")));
        assertEquals(true, matches("alt", Like.contains("")));
    }

    private boolean matches(String value, String pattern) {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "select cast(?1 as varchar) like cast(?2 as varchar) escape '\\'").setParameter(1, value)
                .setParameter(2, pattern).getSingleResult());
    }
}
