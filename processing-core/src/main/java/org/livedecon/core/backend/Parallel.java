package org.livedecon.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads for data-parallel loops, owned by one backend (or by the host side
 * of a device backend's {@link PlaneSpectra}). The calling thread takes part as worker 0, so a
 * 1-thread instance never switches threads.
 */
public final class Parallel implements AutoCloseable {

    /** Body of a parallel loop over {@code [from, to)}; {@code worker} indexes per-thread scratch. */
    public interface RangeBody {
        void run(int from, int to, int worker);
    }

    /** Body of a parallel reduction: adds its chunk's partial sums into {@code sums} (float64). */
    interface SumBody {
        void run(int from, int to, double[] sums);
    }

    /**
     * Runs {@code body} over {@code [0, n)} and returns the {@code k} sums it accumulated, added up
     * over all chunks in float64. Each worker has its own accumulator, so the body needs no locking.
     */
    double[] sum(int n, int k, final SumBody body) {
        final double[][] partial = new double[threads][k];
        forRange(n, new RangeBody() {
            @Override
            public void run(int from, int to, int worker) { body.run(from, to, partial[worker]); }
        });
        double[] r = new double[k];
        for (double[] p : partial) {
            for (int i = 0; i < k; i++) r[i] += p[i];
        }
        return r;
    }

    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            pool = null;
        } else {
            final AtomicInteger count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads - 1, new ThreadFactory() {
                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "livedecon-cpu-" + count.incrementAndGet());
                    t.setDaemon(true); // never keep a JVM (or Micro-Manager) alive
                    return t;
                }
            });
        }
    }

    public int threads() { return threads; }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks handed out dynamically, so uneven work
     * still balances. Rethrows the first failure.
     */
    public void forRange(final int n, final RangeBody body) {
        if (n <= 0) return;
        final int chunk = Math.max(1, n / (threads * 8));
        if (pool == null || n <= chunk) {
            body.run(0, n, 0);
            return;
        }
        final AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<Future<?>>(threads - 1);
        for (int w = 1; w < threads; w++) {
            final int worker = w;
            futures.add(pool.submit(new Runnable() {
                @Override
                public void run() { drain(n, chunk, next, body, worker); }
            }));
        }
        RuntimeException failure = null;
        try {
            drain(n, chunk, next, body, 0);
        } catch (RuntimeException e) {
            failure = e;
            next.set(n); // stop the others early
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = asRuntime(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = new IllegalStateException("interrupted while computing", e);
            }
        }
        if (failure != null) throw failure;
    }

    private static void drain(int n, int chunk, AtomicInteger next, RangeBody body, int worker) {
        while (true) {
            int from = next.getAndAdd(chunk);
            if (from >= n) return;
            body.run(from, Math.min(n, from + chunk), worker);
        }
    }

    private static RuntimeException asRuntime(Throwable t) {
        if (t instanceof RuntimeException) return (RuntimeException) t;
        if (t instanceof Error) throw (Error) t; // OutOfMemoryError must reach the caller as itself
        return new IllegalStateException(t);
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
