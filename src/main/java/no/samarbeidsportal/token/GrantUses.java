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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The replay store (token-protocol.md 9): marks grants as used in PostgreSQL, shared by every instance. Requests
 * that arrive together are written together: one writer takes whatever is waiting and inserts it in one statement
 * ({@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING RETURNING}), so under load a token costs a share
 * of a round trip rather than one each. Alone, a request is written at once. The same grant twice in one batch: the
 * first wins.
 */
@ApplicationScoped
class GrantUses {

    private static final int MAX_BATCH = 256;

    private record Pending(byte[] hash, Instant keepUntil, CompletableFuture<Boolean> first) {
    }

    private final DataSource dataSource;
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private volatile Thread writer;

    GrantUses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = writer;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Marks the grant used; false when it was used before. */
    boolean firstUse(byte[] hash, Instant keepUntil) {
        startWriter();
        Pending pending = new Pending(hash, keepUntil, new CompletableFuture<>());
        waiting.add(pending);
        try {
            return pending.first().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TokenUnavailable(e.getCause() == null ? e : e.getCause());
        }
    }

    /** Forgets grants past their keeping time; returns how many. */
    int forget(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from grant_use where expires < ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new TokenUnavailable(e);
        }
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread t = new Thread(this::write, "grant-use-writer");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            try {
                Set<ByteBuffer> inserted = insert(batch);
                for (Pending p : batch) {
                    // remove: a second copy of the same grant in this batch was not the first use
                    p.first().complete(inserted.remove(ByteBuffer.wrap(p.hash())));
                }
            } catch (SQLException | RuntimeException e) {
                batch.forEach(p -> p.first().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private Set<ByteBuffer> insert(List<Pending> batch) throws SQLException {
        byte[][] hashes = new byte[batch.size()][];
        Timestamp[] expires = new Timestamp[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            hashes[i] = batch.get(i).hash();
            expires[i] = Timestamp.from(batch.get(i).keepUntil());
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
