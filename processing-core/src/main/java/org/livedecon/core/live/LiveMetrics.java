package org.livedecon.core.live;

import java.util.Locale;

/**
 * A consistent-enough snapshot of the engine's counters, taken at any time from any thread
 * (each value is read atomically; values are not from one instant). Times in ms unless named
 * otherwise, memory in bytes. Invariant once the engine is closed:
 * {@code stacksIn == done + skipped + partial + failed}, i.e. {@link #lost()} is 0.
 */
public final class LiveMetrics {
    final long planesIn, planesIgnored, planesDuplicate, planesRejected, planesShed, stacksShed;
    final long stacksIn, done, skipped, partial, failed, degraded, streamed, spilled, sinkErrors;
    final double latencyP50Ms, latencyP95Ms, latencyMaxMs;
    final double handOffP99Micros, handOffMaxMicros;
    final double voxelsPerSecond, stacksPerSecond;
    final long memoryInUse, peakMemoryInUse;
    final double elapsedSeconds;

    LiveMetrics(long planesIn, long planesIgnored, long planesDuplicate, long planesRejected, long stacksIn, long done,
                long skipped, long partial, long failed, long degraded, long streamed, long spilled, long sinkErrors,
                double latencyP50Ms, double latencyP95Ms, double latencyMaxMs, double handOffP99Micros,
                double handOffMaxMicros, double voxelsPerSecond, double stacksPerSecond, long memoryInUse,
                long peakMemoryInUse, double elapsedSeconds, long planesShed, long stacksShed) {
        this.planesIn = planesIn;
        this.planesShed = planesShed;
        this.stacksShed = stacksShed;
        this.planesIgnored = planesIgnored;
        this.planesDuplicate = planesDuplicate;
        this.planesRejected = planesRejected;
        this.stacksIn = stacksIn;
        this.done = done;
        this.skipped = skipped;
        this.partial = partial;
        this.failed = failed;
        this.degraded = degraded;
        this.streamed = streamed;
        this.spilled = spilled;
        this.sinkErrors = sinkErrors;
        this.latencyP50Ms = latencyP50Ms;
        this.latencyP95Ms = latencyP95Ms;
        this.latencyMaxMs = latencyMaxMs;
        this.handOffP99Micros = handOffP99Micros;
        this.handOffMaxMicros = handOffMaxMicros;
        this.voxelsPerSecond = voxelsPerSecond;
        this.stacksPerSecond = stacksPerSecond;
        this.memoryInUse = memoryInUse;
        this.peakMemoryInUse = peakMemoryInUse;
        this.elapsedSeconds = elapsedSeconds;
    }

    /** Planes handed to {@code accept}. */
    public long planesIn() { return planesIn; }
    /** Planes ignored by the assembler (late, beyond the stack, wrong size), warned. */
    public long planesIgnored() { return planesIgnored; }
    /** Planes that replaced an earlier plane of the same slice. */
    public long planesDuplicate() { return planesDuplicate; }
    /** Planes refused because the engine was closed (or null), not counted in {@link #planesIn()}. */
    public long planesRejected() { return planesRejected; }
    /**
     * Planes not kept because the engine's memory limit ({@link LiveSettings#memoryLimitBytes()})
     * was reached: the raw data is unaffected, only their stacks are not deconvolved.
     */
    public long planesShed() { return planesShed; }
    /** Stacks skipped because of the memory limit (counted in {@link #skipped()} too). */
    public long stacksShed() { return stacksShed; }
    /** Distinct stacks that received at least one plane. */
    public long stacksIn() { return stacksIn; }
    /** Complete stacks deconvolved. */
    public long done() { return done; }
    /** Stacks skipped: complete ones by policy LATEST, and any shed at the memory limit. */
    public long skipped() { return skipped; }
    /** Incomplete stacks, deconvolved shorter or skipped per {@link PartialStacks}. */
    public long partial() { return partial; }
    /** Stacks whose deconvolution threw. */
    public long failed() { return failed; }
    /** Stacks run with fewer iterations or Wiener by policy ADAPTIVE. */
    public long degraded() { return degraded; }
    /** Stacks made by the streaming Wiener path. */
    public long streamed() { return streamed; }
    /** Stacks that were spilled to disk while waiting. */
    public long spilled() { return spilled; }
    /** Exceptions thrown by the result sink. */
    public long sinkErrors() { return sinkErrors; }
    /** Stacks seen but not yet handled (assembling, waiting or being deconvolved). */
    public long queued() { return stacksIn - done - skipped - partial - failed; }
    /** Same as {@link #queued()}: once the engine is closed, stacks lost (always 0 by design). */
    public long lost() { return queued(); }
    /** Median latency from a stack's last plane to its result, over the last 4096 results, ms. */
    public double latencyP50Ms() { return latencyP50Ms; }
    public double latencyP95Ms() { return latencyP95Ms; }
    public double latencyMaxMs() { return latencyMaxMs; }
    /** 99th percentile of the acquisition thread's time in {@code accept}, µs (upper bound, 1/8-octave buckets). */
    public double handOffP99Micros() { return handOffP99Micros; }
    public double handOffMaxMicros() { return handOffMaxMicros; }
    /** Deconvolved voxels per second since the first plane. */
    public double voxelsPerSecond() { return voxelsPerSecond; }
    /** Deconvolved stacks (done and partial) per second since the first plane. */
    public double stacksPerSecond() { return stacksPerSecond; }
    /** Bytes of raw pixels the engine holds in memory now (queued planes, open and waiting stacks). */
    public long memoryInUse() { return memoryInUse; }
    public long peakMemoryInUse() { return peakMemoryInUse; }
    /** Seconds since the first plane. */
    public double elapsedSeconds() { return elapsedSeconds; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "planes in %d, stacks in %d, done %d, skipped %d, partial %d, failed %d, queued %d, lost %d, "
                        + "spilled %d, degraded %d, streamed %d%s; latency p50 %.1f ms, p95 %.1f ms, max %.1f ms; "
                        + "%.2f stacks/s, %.3g voxels/s; hand-off p99 %.1f µs, max %.1f µs; memory %.1f MiB (peak %.1f MiB)",
                planesIn, stacksIn, done, skipped, partial, failed, queued(), lost(), spilled, degraded, streamed,
                stacksShed == 0 && planesShed == 0 ? "" : ", shed at the memory limit " + stacksShed + " stacks (" + planesShed + " planes)",
                latencyP50Ms,
                latencyP95Ms, latencyMaxMs, stacksPerSecond, voxelsPerSecond, handOffP99Micros, handOffMaxMicros,
                memoryInUse / 1048576.0, peakMemoryInUse / 1048576.0);
    }
}
