package no.samarbeidsportal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Counts on pages take the singular for one and the plural otherwise, in both languages. */
class PluralsTest {

    private final Messages messages = new Messages();

    private String nb(String key, long count) {
        return messages.get(Messages.NB, key, count);
    }

    private String en(String key, long count) {
        return messages.get(Locale.ENGLISH, key, count);
    }

    @Test
    void organisations() {
        assertEquals("0 organisasjoner", nb("access.count", 0));
        assertEquals("1 organisasjon", nb("access.count", 1));
        assertEquals("2 organisasjoner", nb("access.count", 2));
        assertEquals("1 organisation", en("access.count", 1));
        assertEquals("2 organisations", en("access.count", 2));
        assertEquals("1 organisasjon", nb("orgs.count", 1));
        assertEquals("1 organisation", en("orgs.count", 1));
        assertEquals("Bekreft: legg til 1 organisasjon", nb("access.import.confirm", 1));
        assertEquals("Confirm: add 3 organisations", en("access.import.confirm", 3));
        assertEquals("1 organisasjon har tilgang til dette scopet nå.", nb("scope.deactivate.warning", 1));
        assertEquals("2 organisations have access to this scope now.", en("scope.deactivate.warning", 2));
    }

    @Test
    void duplicatesInvalidRowsChangesAndScopes() {
        assertEquals("1 duplikat", nb("access.import.summary.DUPLICATE", 1));
        assertEquals("2 duplikater", nb("access.import.summary.DUPLICATE", 2));
        assertEquals("1 duplicate", en("access.import.summary.DUPLICATE", 1));
        assertEquals("0 duplicates", en("access.import.summary.DUPLICATE", 0));
        assertEquals("1 ugyldig", nb("access.import.summary.INVALID", 1));
        assertEquals("2 ugyldige", nb("access.import.summary.INVALID", 2));
        assertEquals("1 already has access", en("access.import.summary.ALREADY_PRESENT", 1));
        assertEquals("2 already have access", en("access.import.summary.ALREADY_PRESENT", 2));
        assertEquals("1 endring", nb("audit.count", 1));
        assertEquals("5 endringer", nb("audit.count", 5));
        assertEquals("1 change", en("audit.count", 1));
        assertEquals("1 scope", en("catalogue.count", 1));
        assertEquals("2 scopes", en("catalogue.count", 2));
        assertEquals("Én nøkkel", nb("keys.count", 1));
    }

    @Test
    void largeCountsAreGroupedAsTheLanguageWritesThem() {
        assertEquals("1\u00a0234 endringer", nb("audit.count", 1234));
        assertEquals("1,234 changes", en("audit.count", 1234));
    }
}
