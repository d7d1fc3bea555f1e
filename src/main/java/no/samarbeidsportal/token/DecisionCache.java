package no.samarbeidsportal.token;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The token service's cached lookups. It only holds values while {@link TokenChangeListener} is listening for
 * changes; every change anywhere clears it. A value read before a clear is never served after it: each value is held
 * with the generation it was read in, and only a value of the current generation is served, so a revocation is never
 * hidden behind a lookup that was in flight when it committed, not even between storing such a value and taking it
 * out again.
 */
final class DecisionCache {

    /**
     * Values that say something exists (a client, a scope, an access list entry): bounded by the portal's rows, so the
     * cap is only a guard. Values that say something does not exist ({@code Optional.empty()}, {@code false}) can be
     * asked for with any name by anyone, so they are held apart, in fewer, and a flood of them only ever clears them.
     */
    private static final int MAX_ENTRIES = 200_000;
    static final int MAX_ABSENT = 20_000;

    /** Set while a thread must not wait for the database ({@link #cachedOnly}). */
    private static final ThreadLocal<Boolean> CACHED_ONLY = new ThreadLocal<>();

    /**
     * Thrown on a thread that must not wait ({@link #cachedOnly}) where a value is not cached, or the work needs a
     * write; the caller hands the work to a thread that may wait. No stack trace: it is flow, not a failure.
     */
    static final class NotCached extends RuntimeException {

        static final NotCached INSTANCE = new NotCached();

        private NotCached() {
            super("not cached", null, false, false);
        }
    }

    private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Object, Object> absent = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean enabled;

    /** Runs {@code work} with cached values only: a lookup that would read the database throws {@link NotCached}. */
    static <T> T cachedOnly(Supplier<T> work) {
        CACHED_ONLY.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            CACHED_ONLY.remove();
        }
    }

    /** A value and the generation it was read in. */
    private record Held(long generation, Object value) {
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> loader) {
        long before = generation.get();
        if (enabled) {
            Object held = values.get(key);
            if (held == null) {
                held = absent.get(key);
            }
            if (held instanceof Held h && h.generation() == before) {
                return (T) h.value();
            }
        }
        if (CACHED_ONLY.get() != null) {
            throw NotCached.INSTANCE;
        }
        if (!enabled) {
            return loader.get();
        }
        T loaded = loader.get();
        if (loaded != null && enabled && generation.get() == before) {
            Map<Object, Object> map = isAbsence(loaded) ? absent : values;
            if (map.size() >= (map == absent ? MAX_ABSENT : MAX_ENTRIES)) {
                map.clear();
            }
            Held held = new Held(before, loaded);
            map.put(key, held);
            if (generation.get() != before) {
                map.remove(key, held);
            }
        }
        return loaded;
    }

    private static boolean isAbsence(Object value) {
        return value instanceof Optional<?> o && o.isEmpty() || Boolean.FALSE.equals(value);
    }

    /** How many values are held. */
    int size() {
        return values.size() + absent.size();
    }

    void clear() {
        generation.incrementAndGet();
        values.clear();
        absent.clear();
    }

    /** Caching on (listening) or off (not listening: every lookup reads the database). */
    void enabled(boolean on) {
        enabled = on;
        clear();
    }

    boolean enabled() {
        return enabled;
    }
}
