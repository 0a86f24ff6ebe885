package org.livedecon.core.deconv;

/**
 * Told after every iteration (once for Wiener), on the deconvolving thread: keep it quick.
 * To cancel a run, interrupt the deconvolving thread; it stops with a
 * {@link java.util.concurrent.CancellationException} before the next iteration.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void iterationDone(int done, int planned, double relativeChange, long elapsedNanos) { }
    };

    /**
     * @param done iterations finished so far (1-based)
     * @param planned iteration count requested (the run may stop earlier on tolerance or time)
     * @param relativeChange ‖x_k − x_{k−1}‖ / ‖x_{k−1}‖, NaN when not defined
     * @param elapsedNanos since the start of the run, set-up included
     */
    void iterationDone(int done, int planned, double relativeChange, long elapsedNanos);

    /**
     * Told by rl-wb, which watches its fit to the data: the mean Poisson I-divergence per measured
     * voxel of the estimate after {@code iteration} iterations (0: the start), see its stop rule.
     * Nothing by default.
     */
    default void fitMeasured(int iteration, double divergence) { }
}
