package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision cache's bounds (issue 18, security review): unknown names cannot evict what exists. */
class DecisionCacheTest {

    @Test
    void aFloodOfUnknownNamesNeverEvictsWhatExists() {
        DecisionCache cache = new DecisionCache();
        cache.enabled(true);
        cache.get("client:known", () -> Optional.of("a client"));
        cache.get("granted:known", () -> true);
        // anyone can send grants with distinct unknown iss or scope names: before, each was cached with the rest,
        // and the 200,000th cleared every organisation's cached decisions
        for (int i = 0; i < 250_000; i++) {
            cache.get("client:unknown-" + i, Optional::empty);
            cache.get("granted:unknown-" + i, () -> false);
        }
        assertEquals(Optional.of("a client"), cache.get("client:known", () -> {
            throw new AssertionError("a known client was evicted by unknown ones");
        }));
        assertEquals(true, cache.get("granted:known", () -> {
            throw new AssertionError("an access list entry was evicted by unknown ones");
        }));
        assertTrue(cache.size() <= 2 + DecisionCache.MAX_ABSENT, "absences are bounded: " + cache.size());
        // an absence is still cached (a repeated unknown name does not reach the database each time)
        cache.get("client:unknown-again", Optional::empty);
        assertEquals(Optional.empty(), cache.get("client:unknown-again", () -> {
            throw new AssertionError("an absence was not cached");
        }));
    }
}
