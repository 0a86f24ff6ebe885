package org.livedecon.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak Java heap use during a run: a daemon thread samples the used heap (Runtime and
 * MemoryMXBean) every 50 ms, and at the end the heap pools' own peak usage (reset at
 * {@link #start()}), summed over the pools, is taken into account. The result,
 * max(sampled, pool peaks), is an upper estimate: it includes garbage not yet collected, and pool
 * peaks need not coincide. Close it to stop the sampler.
 */
final class PeakMemory implements AutoCloseable {
    private static final long PERIOD_MILLIS = 50;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile long sampled;
    private volatile boolean running = true;

    private PeakMemory() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) pool.resetPeakUsage();
        }
        sample();
        sampler = new Thread(new Runnable() {
            @Override
            public void run() {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(PERIOD_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "livedecon-peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling now. */
    static PeakMemory start() {
        return new PeakMemory();
    }

    private void sample() {
        Runtime rt = Runtime.getRuntime();
        long used = Math.max(rt.totalMemory() - rt.freeMemory(), memory.getHeapMemoryUsage().getUsed());
        if (used > sampled) sampled = used;
    }

    /** The peak so far, in bytes. */
    long peakBytes() {
        sample();
        long pools = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                pools += pool.getPeakUsage().getUsed();
            }
        }
        return Math.max(sampled, pools);
    }

    /** The peak so far in MiB. */
    long peakMiB() {
        return Math.round(peakBytes() / 1048576.0);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
