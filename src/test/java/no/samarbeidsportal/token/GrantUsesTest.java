package no.samarbeidsportal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The replay store under concurrent writers (issue 18): grants marked from many threads at once, each set in another
 * order and every grant several times, so batches of different writers share grants. Each grant is a first use exactly
 * once, and no mark fails. (Two batches sharing grants in opposite orders could deadlock, and PostgreSQL would abort
 * one; the writers insert every batch in one order. This test does not provoke that reliably: it guards the
 * exactly-once answer under concurrent writers.)
 */
@QuarkusTest
class GrantUsesTest {

    @Inject
    GrantUses grantUses;

    @Test
    void everyGrantIsAFirstUseExactlyOnceWhenManyThreadsMarkTheSameGrants() throws Exception {
        List<byte[]> grants = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            grants.add(MessageDigest.getInstance("SHA-256")
                    .digest(("grant-uses-test\n" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
        }
        Instant keep = Instant.now().plusSeconds(130);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<CompletableFuture<Boolean>>>> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<byte[]> order = new ArrayList<>(grants);
                if (t % 2 == 1) {
                    Collections.reverse(order);
                } else {
                    Collections.shuffle(order);
                }
                threads.add(pool.submit(() -> {
                    List<CompletableFuture<Boolean>> marks = new ArrayList<>();
                    for (byte[] grant : order) {
                        marks.add(grantUses.mark(grant, keep));
                    }
                    return marks;
                }));
            }
            int first = 0;
            int again = 0;
            for (Future<List<CompletableFuture<Boolean>>> thread : threads) {
                for (CompletableFuture<Boolean> mark : thread.get()) {
                    if (GrantUses.firstUse(mark)) {
                        first++;
                    } else {
                        again++;
                    }
                }
            }
            assertEquals(200, first);
            assertEquals(7 * 200, again);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usedGrantsAreForgottenAFewAtATimeOnlyOnceTheirTimeIsPast() throws Exception {
        // three kept until times long past, one until far in the future
        Instant base = Instant.parse("2000-01-01T00:00:00Z");
        Instant future = Instant.parse("2999-01-01T00:00:00Z");
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("forget-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
            hashes.add(hash);
            assertEquals(true, grantUses.firstUse(hash, i == 3 ? future : base.plusSeconds(i + 1)));
        }
        Instant dayLater = base.plusSeconds(86_400);
        // the change listener forgets in the background too (with the real clock), so only "at most" can be told
        int first = grantUses.forget(dayLater, 2);
        assertTrue(first <= 2, "one delete forgets at most its limit, not " + first);
        int rest = 0;
        for (int n = 2; n == 2; rest += n) {
            n = grantUses.forget(dayLater, 2);
        }
        assertTrue(first + rest <= 3, "a grant kept for longer is forgotten");
        // the three are forgotten (their time is long past; usable again), the one kept for longer is still used
        for (int i = 0; i < 3; i++) {
            assertEquals(true, grantUses.firstUse(hashes.get(i), base.plusSeconds(1)));
        }
        assertEquals(false, grantUses.firstUse(hashes.get(3), future));
    }
}
