package org.livedecon.core.live;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The engine's counters. {@link #handOff} is lock-free (called on the acquisition thread); the rest
 * is written by the engine's threads; {@link #snapshot} may be called from any thread.
 */
final class MetricsRecorder {
    private static final int RING = 4096;

    final AtomicLong planesIn = new AtomicLong();
    final AtomicLong planesIgnored = new AtomicLong();
    final AtomicLong planesDuplicate = new AtomicLong();
    final AtomicLong planesRejected = new AtomicLong();
    final AtomicLong planesShed = new AtomicLong();
    final AtomicLong stacksShed = new AtomicLong();
    final AtomicLong stacksIn = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong partial = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong degraded = new AtomicLong();
    final AtomicLong streamed = new AtomicLong();
    final AtomicLong spilled = new AtomicLong();
    final AtomicLong sinkErrors = new AtomicLong();
    final AtomicLong voxelsDone = new AtomicLong();
    final AtomicLong memory = new AtomicLong();
    final AtomicLong peakMemory = new AtomicLong();
    private final AtomicLong firstPlaneNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastResultNanos = new AtomicLong(Long.MIN_VALUE);
    // hand-off durations: 8 buckets per octave of nanoseconds
    private final AtomicLongArray handOffBuckets = new AtomicLongArray(64 * 8);
    private final AtomicLong handOffMax = new AtomicLong();
    private final long[] latencies = new long[RING];
    private long latencyCount;

    /** Acquisition thread: lock-free, no allocation. */
    void handOff(long startNanos, long nanos) {
        if (firstPlaneNanos.get() == Long.MIN_VALUE) firstPlaneNanos.compareAndSet(Long.MIN_VALUE, startNanos);
        handOffBuckets.incrementAndGet(bucket(nanos));
        long m;
        while (nanos > (m = handOffMax.get())) {
            if (handOffMax.compareAndSet(m, nanos)) break;
        }
    }

    void addMemory(long bytes) {
        long now = memory.addAndGet(bytes);
        long p;
        while (now > (p = peakMemory.get())) {
            if (peakMemory.compareAndSet(p, now)) break;
        }
    }

    synchronized void latency(long nanos, long resultNanos) {
        latencies[(int) (latencyCount++ % RING)] = nanos;
        lastResultNanos.set(resultNanos);
    }

    static int bucket(long ns) {
        if (ns < 8) return (int) Math.max(ns, 0);
        int k = 63 - Long.numberOfLeadingZeros(ns);
        return k * 8 + (int) ((ns >>> (k - 3)) & 7);
    }

    /** Largest duration that falls into bucket i, ns. */
    static long bucketUpper(int i) {
        if (i < 8) return i;
        int k = i / 8, sub = i % 8;
        return ((8L + sub + 1) << (k - 3)) - 1;
    }

    LiveMetrics snapshot() {
        long[] lat;
        synchronized (this) {
            int n = (int) Math.min(latencyCount, RING);
            lat = Arrays.copyOf(latencies, n);
        }
        Arrays.sort(lat);
        long total = 0;
        long[] counts = new long[handOffBuckets.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = handOffBuckets.get(i);
            total += counts[i];
        }
        double p99 = 0;
        if (total > 0) {
            long target = (long) Math.ceil(total * 0.99), seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= target) {
                    p99 = Math.min(bucketUpper(i), handOffMax.get()) / 1e3;
                    break;
                }
            }
        }
        long first = firstPlaneNanos.get();
        double elapsed = first == Long.MIN_VALUE ? 0 : (System.nanoTime() - first) / 1e9;
        long last = lastResultNanos.get();
        double active = first == Long.MIN_VALUE || last == Long.MIN_VALUE ? 0 : Math.max(1e-9, (last - first) / 1e9);
        long deconvolved = done.get() + partial.get();
        return new LiveMetrics(planesIn.get(), planesIgnored.get(), planesDuplicate.get(), planesRejected.get(),
                stacksIn.get(), done.get(), skipped.get(), partial.get(), failed.get(), degraded.get(), streamed.get(),
                spilled.get(), sinkErrors.get(), percentile(lat, 0.5), percentile(lat, 0.95),
                lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, p99, handOffMax.get() / 1e3,
                active > 0 ? voxelsDone.get() / active : 0, active > 0 ? deconvolved / active : 0, memory.get(),
                peakMemory.get(), elapsed, planesShed.get(), stacksShed.get());
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}
