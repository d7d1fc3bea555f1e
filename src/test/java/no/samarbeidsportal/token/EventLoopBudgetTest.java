package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each event loop takes token requests itself for at most its budget of every 100 ms (security review, issue 18). */
class EventLoopBudgetTest {

    private static final long MS = 1_000_000L;

    @Test
    void pastItsBudgetALoopHandsOverUntilTheWindowEnds() throws Exception {
        EventLoopBudget budget = new EventLoopBudget(50 * MS);
        long start = 7 * MS;
        assertTrue(budget.available(start));
        budget.spent(30 * MS);
        assertTrue(budget.available(start + 40 * MS));
        budget.spent(25 * MS);
        assertFalse(budget.available(start + 60 * MS), "55 ms of 100 spent: over a 50 ms budget");
        assertFalse(budget.available(start + 99 * MS));
        // another loop's time is its own
        assertTrue(CompletableFuture.supplyAsync(() -> budget.available(start + 60 * MS)).get());
        // the next window starts afresh
        assertTrue(budget.available(start + 100 * MS));
    }

    @Test
    void aZeroBudgetNeverTakesARequest() {
        assertFalse(new EventLoopBudget(0).available(System.nanoTime()));
    }
}
