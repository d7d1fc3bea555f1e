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

    @Test
    void aValueReadBeforeAClearIsNeverServedAfterIt() {
        // security review, session 26: a value read before a clear was stored, then taken out again once the clear
        // was seen; in between, another lookup was served the value the clear had revoked. The key below runs the
        // clear (a revocation committing) as the value is stored, and the other lookup as it is taken out again: the
        // two moments a map key's hashCode is asked for after the load.
        DecisionCache cache = new DecisionCache();
        cache.enabled(true);
        Object[] servedBetween = new Object[1];
        Object key = new Object() {
            private int asked;

            @Override
            public int hashCode() {
                asked++;
                if (asked == 3) {
                    cache.clear(); // the value's put: the access is revoked meanwhile
                } else if (asked == 4) {
                    // the value's follow-up remove: another request looks the same key up
                    servedBetween[0] = cache.get(new Probe(), () -> false);
                }
                return 42;
            }

            @Override
            public boolean equals(Object other) {
                return other == this || other instanceof Probe;
            }
        };
        assertEquals(true, cache.get(key, () -> true), "the in-flight lookup answers what it read");
        assertEquals(false, servedBetween[0], "a lookup after the revocation was served the revoked value");
    }

    /** Equal to the key above, from the other request's side. */
    private static final class Probe {
        @Override
        public int hashCode() {
            return 42;
        }

        @Override
        public boolean equals(Object other) {
            return other == this || other != null && !(other instanceof Probe);
        }
    }
}
