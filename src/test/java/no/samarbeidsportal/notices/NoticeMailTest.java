package no.samarbeidsportal.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notice texts' placeholders: facts, and the word for a number. */
class NoticeMailTest {

    @Test
    void aNumberGetsItsWord() {
        String pattern = "Nøkkel utløper om {days} {days|dag|dager}: {kid}";
        assertEquals("Nøkkel utløper om 1 dag: k1", NoticeMail.fill(pattern, Map.of("days", "1", "kid", "k1")));
        assertEquals("Nøkkel utløper om 13 dager: k1", NoticeMail.fill(pattern, Map.of("days", "13", "kid", "k1")));
        assertEquals("Key expires in 1 day: k1",
                NoticeMail.fill("Key expires in {days} {days|day|days}: {kid}", Map.of("days", "1", "kid", "k1")));
    }

    @Test
    void anUnknownFactIsLeftOut() {
        assertEquals("Tilgang til  fjernet", NoticeMail.fill("Tilgang til {scope} fjernet", Map.of()));
    }
}
