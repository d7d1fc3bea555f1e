package no.samarbeidsportal.token;

/**
 * How much of an event loop's time token requests may take: of every {@link #WINDOW_NANOS}, at most the budget is spent
 * parsing, checking and signing on one loop (writing the answers is not counted); past it, until the window ends, requests go to the token threads ({@link
 * TokenThreads}), whose queue is bounded (503 when full). So a flood of token requests leaves each event loop free for
 * a share of its time, and pages, the admin API and health checks on the same loop are still answered (security
 * review: before, the loops signed whatever arrived, bounded only by the CPU). One per event loop thread.
 */
final class EventLoopBudget {

    static final long WINDOW_NANOS = 100_000_000L;

    private final long budgetNanos;
    private final ThreadLocal<long[]> spent = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE, 0});

    EventLoopBudget(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    /** Whether this thread may still take a token request itself at {@code now} (System.nanoTime()). */
    boolean available(long now) {
        long[] window = spent.get();
        if (window[0] == Long.MIN_VALUE || now - window[0] >= WINDOW_NANOS) {
            window[0] = now;
            window[1] = 0;
        }
        return window[1] < budgetNanos;
    }

    /** Counts {@code nanos} spent on a token request on this thread. */
    void spent(long nanos) {
        spent.get()[1] += nanos;
    }
}
