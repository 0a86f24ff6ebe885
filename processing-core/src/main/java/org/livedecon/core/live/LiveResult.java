package org.livedecon.core.live;

import java.util.Locale;

import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.volume.Volume;

/** What became of one stack: its key, its fate, the deconvolved volume when there is one, and timing. Immutable. */
public final class LiveResult {
    /** The fate of a stack. Every stack seen gets exactly one result. */
    public enum Status {
        /** Complete stack, deconvolved. */
        DONE,
        /** Incomplete stack, deconvolved as a shorter stack. */
        PARTIAL,
        /** Incomplete stack, not deconvolved ({@link PartialStacks#SKIP}). */
        PARTIAL_SKIPPED,
        /** Complete stack skipped by policy {@link LivePolicy#LATEST}: a newer one replaced it. */
        SKIPPED,
        /** Deconvolution threw; {@link #error()} says what. */
        FAILED
    }

    private final PlaneCoords key;
    private final Status status;
    private final Volume volume;
    private final Algorithm algorithm;
    private final int iterations;
    private final int planes;
    private final long lastPlaneNanos;
    private final long resultNanos;
    private final long computeNanos;
    private final boolean streamed;
    private final boolean degraded;
    private final Throwable error;

    LiveResult(PlaneCoords key, Status status, Volume volume, Algorithm algorithm, int iterations, int planes,
               long lastPlaneNanos, long resultNanos, long computeNanos, boolean streamed, boolean degraded, Throwable error) {
        this.key = key;
        this.status = status;
        this.volume = volume;
        this.algorithm = algorithm;
        this.iterations = iterations;
        this.planes = planes;
        this.lastPlaneNanos = lastPlaneNanos;
        this.resultNanos = resultNanos;
        this.computeNanos = computeNanos;
        this.streamed = streamed;
        this.degraded = degraded;
        this.error = error;
    }

    /** (time, position, channel) of the stack, slice 0. */
    public PlaneCoords key() { return key; }
    public Status status() { return status; }
    /** The deconvolved stack for DONE and PARTIAL, else null. Owned by the receiver. */
    public Volume volume() { return volume; }
    /** Method actually used (may differ from the channel's under ADAPTIVE), null when not deconvolved. */
    public Algorithm algorithm() { return algorithm; }
    /** Iterations actually run (0 for Wiener or when not deconvolved). */
    public int iterations() { return iterations; }
    /** Planes that arrived for this stack. */
    public int planes() { return planes; }
    /** {@link System#nanoTime()} of the stack's last plane hand-off. */
    public long lastPlaneNanos() { return lastPlaneNanos; }
    /** {@link System#nanoTime()} when the result was made. */
    public long resultNanos() { return resultNanos; }
    /** Latency from the last plane's hand-off to the result, ns. */
    public long latencyNanos() { return resultNanos - lastPlaneNanos; }
    /** Time spent deconvolving this stack, ns; for a streamed one from when the engine took up its last plane (its transform and the finish). */
    public long computeNanos() { return computeNanos; }
    /** Whether the streaming Wiener path made it. */
    public boolean streamed() { return streamed; }
    /** Whether ADAPTIVE reduced the iterations or fell back to Wiener. */
    public boolean degraded() { return degraded; }
    /** Why it FAILED, else null. */
    public Throwable error() { return error; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s t=%d p=%d c=%d: %s%s, %d planes, latency %.1f ms%s", status, key.time(),
                key.position(), key.channel(), algorithm == null ? "-" : algorithm.name(),
                iterations > 0 ? " x" + iterations : "", planes, latencyNanos() / 1e6,
                error != null ? ", error: " + error : "");
    }
}
