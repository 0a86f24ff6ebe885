package org.livedecon.sim.acquisition;

/**
 * A snapshot of an acquisition's counters. Immutable. Times are {@link System#nanoTime()} values of
 * plane read-outs ({@link org.livedecon.core.acquisition.AcquiredPlane#timestampNanos()}).
 */
public final class AcquisitionStatistics {
    private final long planes;
    private final long lateFrames;
    private final long firstPlaneNanos;
    private final long lastPlaneNanos;

    AcquisitionStatistics(long planes, long lateFrames, long firstPlaneNanos, long lastPlaneNanos) {
        this.planes = planes;
        this.lateFrames = lateFrames;
        this.firstPlaneNanos = firstPlaneNanos;
        this.lastPlaneNanos = lastPlaneNanos;
    }

    /** Planes delivered to the sink (accept returned normally). */
    public long planes() { return planes; }

    /**
     * Frames that could not start at their slot of the frame-rate schedule because the hardware,
     * a selector or the sink took longer than one frame period; 0 when no frame rate is set.
     */
    public long lateFrames() { return lateFrames; }

    /** Seconds from the first to the last delivered plane's timestamp; 0 with fewer than two planes. */
    public double spanSeconds() { return planes < 2 ? 0 : (lastPlaneNanos - firstPlaneNanos) * 1e-9; }

    /**
     * Achieved frame rate in frames per second, {@code (planes − 1) / spanSeconds()}, over the
     * whole acquisition (time-point intervals included); NaN with fewer than two planes.
     */
    public double achievedFramesPerSecond() {
        if (planes < 2 || lastPlaneNanos == firstPlaneNanos) return Double.NaN;
        return (planes - 1) / spanSeconds();
    }

    @Override
    public String toString() {
        return "planes=" + planes + ", late frames=" + lateFrames + ", span=" + String.format("%.4f", spanSeconds())
                + " s, achieved=" + String.format("%.3f", achievedFramesPerSecond()) + " fps";
    }
}
