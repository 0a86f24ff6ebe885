package org.livedecon.core.deconv;

import java.util.Locale;

import org.livedecon.core.volume.Volume;

/** A deconvolved volume (same shape and voxel size as the input) and how it was obtained. */
public final class DeconvolutionResult {
    /** Why an iterative run stopped. */
    public enum StopReason {
        ITERATIONS, TOLERANCE, TIME_BUDGET, NOT_ITERATIVE,
        /** The estimate's change grew again (the unmatched back projector starts to amplify noise). */
        CHANGE_GREW,
        /** rl-wb: the last estimate explained the data worse than the one before (Poisson I-divergence); the one before is the result. */
        FIT_WORSENED
    }

    private final Volume volume;
    private final DeconvolutionPlan plan;
    private final DeconvolutionSettings settings;
    private final double background;
    private final int iterations;
    private final StopReason stopReason;
    private final long elapsedNanos;
    private final long setupNanos;

    public DeconvolutionResult(Volume volume, DeconvolutionPlan plan, DeconvolutionSettings settings, double background,
                               int iterations, StopReason stopReason, long setupNanos, long elapsedNanos) {
        this.volume = volume;
        this.plan = plan;
        this.settings = settings;
        this.background = background;
        this.iterations = iterations;
        this.stopReason = stopReason;
        this.setupNanos = setupNanos;
        this.elapsedNanos = elapsedNanos;
    }

    public Volume volume() { return volume; }
    public DeconvolutionPlan plan() { return plan; }
    public DeconvolutionSettings settings() { return settings; }
    /** The background b actually used (estimated when the setting was auto), in image units. */
    public double background() { return background; }
    public int iterations() { return iterations; }
    public StopReason stopReason() { return stopReason; }
    public long elapsedNanos() { return elapsedNanos; }
    /** Time before the first iteration: OTF, normaliser, transfers. */
    public long setupNanos() { return setupNanos; }

    /** Seconds per iteration, set-up excluded (the whole time for Wiener). */
    public double secondsPerIteration() {
        if (iterations == 0) return (elapsedNanos - setupNanos) / 1e9;
        return (elapsedNanos - setupNanos) / 1e9 / iterations;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d iterations (%s), background %.1f, %.2f s total, %.3f s/iteration",
                settings.algorithm(), iterations, stopReason.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                background, elapsedNanos / 1e9, secondsPerIteration());
    }
}
