package no.samarbeidsportal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs requests at the same moment, as two clicks a few milliseconds apart reach the server. */
public final class Together {

    private Together() {
    }

    /** Starts {@code times} copies of {@code request} together and returns their results in order. */
    public static <T> List<T> run(int times, Callable<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            CyclicBarrier start = new CyclicBarrier(times);
            List<Future<T>> running = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                running.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
