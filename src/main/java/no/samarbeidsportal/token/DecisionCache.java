package no.samarbeidsportal.token;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The token service's cached lookups. It only holds values while {@link TokenChangeListener} is listening for
 * changes; every change anywhere clears it. A value read before a clear is never stored after it (the generation
 * check), so a revocation is never hidden behind a lookup that was in flight when it committed.
 */
final class DecisionCache {

    private static final int MAX_ENTRIES = 200_000;

    private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean enabled;

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> loader) {
        if (!enabled) {
            return loader.get();
        }
        Object cached = values.get(key);
        if (cached != null) {
            return (T) cached;
        }
        long before = generation.get();
        T loaded = loader.get();
        if (loaded != null && enabled && generation.get() == before) {
            if (values.size() >= MAX_ENTRIES) {
                values.clear();
            }
            values.put(key, loaded);
            if (generation.get() != before) {
                values.remove(key, loaded);
            }
        }
        return loaded;
    }

    void clear() {
        generation.incrementAndGet();
        values.clear();
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
