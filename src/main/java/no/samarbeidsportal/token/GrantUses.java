package no.samarbeidsportal.token;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The replay store (token-protocol.md 9): marks grants as used in PostgreSQL, shared by every instance. Requests
 * that arrive together are written together: a writer takes whatever is waiting and inserts it in one statement
 * ({@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING RETURNING}), so under load a token costs a share
 * of a round trip rather than one each. Alone, a request is written at once; under load a writer gathers for
 * {@code portal.token.replay-gather} (2 ms) before it commits, so a commit holds many grants (measured: without it, about
 * three grants a commit, and the commits cost the database more CPU than the rows). The same grant twice in one batch:
 * the first wins.
 *
 * <p>The database is durable, so every commit waits for its WAL flush (a few milliseconds on an ordinary disk). That
 * wait costs no CPU, and the token service spends it signing ({@link #mark} answers later); {@code portal.token.replay-writers} writers
 * run side by side, so a request that arrives while one batch is flushing goes out with the next writer instead of
 * waiting a whole flush, and PostgreSQL flushes concurrent commits together.
 */
@ApplicationScoped
class GrantUses {

    private static final int MAX_BATCH = 256;
    /**
     * A batch this big says grants arrive faster than commits finish (thousands a second): the next batch gathers.
     * Below it (a few hundred a second, introspection's load) each grant is written as it comes: no added wait.
     */
    private static final int BUSY = 4;
    /** Grants enough for one commit: with this many waiting a writer commits without gathering. */
    private static final int GATHERED = 16;

    private record Pending(byte[] hash, Instant keepUntil, CompletableFuture<Boolean> first) {
    }

    private final DataSource dataSource;
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private volatile List<Thread> writers;

    private final int writerCount;
    private final long gatherNanos;

    GrantUses(DataSource dataSource, TokenConfig config) {
        this.dataSource = dataSource;
        this.writerCount = Math.max(1, config.replayWriters());
        this.gatherNanos = Math.max(0, config.replayGather().toNanos());
    }

    void stop(@Observes ShutdownEvent event) {
        List<Thread> ts = writers;
        if (ts != null) {
            ts.forEach(Thread::interrupt);
        }
    }

    /** Marks the grant used; false when it was used before. */
    boolean firstUse(byte[] hash, Instant keepUntil) {
        return firstUse(mark(hash, keepUntil));
    }

    /**
     * Starts marking the grant used and returns at once: the answer ({@link #firstUse(CompletableFuture)}) is true
     * when this was the grant's first use, false when it was used before.
     */
    CompletableFuture<Boolean> mark(byte[] hash, Instant keepUntil) {
        startWriters();
        Pending pending = new Pending(hash, keepUntil, new CompletableFuture<>());
        waiting.add(pending);
        // a copy: no caller can complete the writer's answer
        return pending.first().copy();
    }

    /**
     * A {@link #mark}'s answer without waiting for it: false when the grant was used before; it fails with
     * TokenUnavailable when the store could not tell within 10 seconds.
     */
    static CompletableFuture<Boolean> answer(CompletableFuture<Boolean> marked) {
        return marked.orTimeout(10, TimeUnit.SECONDS).handle((first, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw new TokenUnavailable(cause);
            }
            return first;
        });
    }

    /** Waits for a {@link #mark}: false when the grant was used before; TokenUnavailable when it could not be told. */
    static boolean firstUse(CompletableFuture<Boolean> marked) {
        try {
            return marked.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TokenUnavailable(e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * Forgets grants past their keeping time, at most {@code limit} (in one short transaction); returns how many. Under
     * load a minute holds hundreds of thousands of grants: one delete of them all wrote tens of megabytes of WAL at
     * once, and every replay-store commit behind it waited for that flush (stalls of a few hundred milliseconds).
     * Instances forgetting at the same time take different rows ({@code skip locked}).
     */
    int forget(Instant now, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                delete from grant_use where grant_hash in (
                    select grant_hash from grant_use where expires < ? limit ? for update skip locked)""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new TokenUnavailable(e);
        }
    }

    private void startWriters() {
        if (writers == null) {
            synchronized (this) {
                if (writers == null) {
                    List<Thread> ts = new ArrayList<>();
                    for (int i = 1; i <= writerCount; i++) {
                        Thread t = new Thread(this::write, "grant-use-writer-" + i);
                        t.setDaemon(true);
                        t.start();
                        ts.add(t);
                    }
                    writers = List.copyOf(ts);
                }
            }
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean busy = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
                if (busy && gatherNanos > 0 && waiting.size() < GATHERED) {
                    // under load (the last batch was not small): gather the grants arriving next into this commit
                    // rather than commit each few on their own; a sleep, so no one wakes this writer per grant. Not
                    // when enough already wait (a backlog after a stall): they go at once
                    Thread.sleep(gatherNanos / 1_000_000, (int) (gatherNanos % 1_000_000));
                }
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            busy = batch.size() >= BUSY;
            try {
                Set<ByteBuffer> inserted = insert(batch);
                for (Pending p : batch) {
                    // remove: a second copy of the same grant in this batch was not the first use
                    p.first().complete(inserted.remove(ByteBuffer.wrap(p.hash())));
                }
            } catch (SQLException | RuntimeException | Error e) {
                // the batch fails, the writer goes on: a dead writer would leave every later grant waiting
                batch.forEach(p -> p.first().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private Set<ByteBuffer> insert(List<Pending> batch) throws SQLException {
        // in one order for every writer and instance: two batches that share grants (a replay racing its original)
        // then wait for each other instead of deadlocking
        List<Pending> sorted = new ArrayList<>(batch);
        sorted.sort((x, y) -> Arrays.compareUnsigned(x.hash(), y.hash()));
        byte[][] hashes = new byte[sorted.size()][];
        Timestamp[] expires = new Timestamp[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            hashes[i] = sorted.get(i).hash();
            expires[i] = Timestamp.from(sorted.get(i).keepUntil());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into grant_use (grant_hash, expires)
                select * from unnest(?::bytea[], ?::timestamptz[]) on conflict do nothing returning grant_hash""")) {
            Array hashArray = c.createArrayOf("bytea", hashes);
            Array expiresArray = c.createArrayOf("timestamptz", expires);
            s.setArray(1, hashArray);
            s.setArray(2, expiresArray);
            Set<ByteBuffer> inserted = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    inserted.add(ByteBuffer.wrap(r.getBytes(1)));
                }
            }
            return inserted;
        }
    }
}
