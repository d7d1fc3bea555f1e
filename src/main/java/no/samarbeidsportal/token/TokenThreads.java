package no.samarbeidsportal.token;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token endpoint's threads for requests that may wait for the database: a decision-cache miss, a DPoP proof's or
 * an opaque token's write. The common request, all from the cache, is checked and signed on its event loop instead
 * ({@link TokenService#issueFromCache}). A few per core are enough (the work is mostly CPU; more only add switching). Kept apart from the worker pool that serves pages and the admin API, so neither starves the other. A request
 * that finds the queue full is answered 503 with Retry-After (it never waits unbounded).
 */
@ApplicationScoped
public class TokenThreads {

    private static final int QUEUE = 10_000;

    private final ThreadPoolExecutor pool;

    TokenThreads(TokenConfig config) {
        int threads = config.threads() > 0 ? config.threads() : 2 * Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "token-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code task} on a token thread; false (and not run) when the queue is full. */
    boolean offer(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** How many requests were handed to these threads since the start. */
    long handedOver() {
        return pool.getTaskCount();
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdown();
    }
}
