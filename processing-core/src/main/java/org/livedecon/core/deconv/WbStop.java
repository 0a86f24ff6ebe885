package org.livedecon.core.deconv;

/**
 * When {@link Algorithm#RL_WB} stops, without ground truth. The unmatched back projector does
 * not keep RL's monotone likelihood: once it starts amplifying noise its estimates explain the data
 * worse, so the iteration count matters more than for RL. It stops when
 * <ul>
 * <li>the fit to the data got worse: the mean Poisson I-divergence of the prediction against the
 *     data ({@link PoissonFit}), measured every iteration on the measured window, rose from one
 *     estimate to the next (from the second on). That step is undone and retried from the estimate
 *     before it with half the relaxation (a backtracking line search on the fit); once the
 *     relaxation would fall below {@link #MIN_RELAXATION} of its setting, rl-wb stops with the
 *     estimate before it. On the simulator's cell and beads at 20, 100 and 500 ms it always ended on
 *     its best iterate (README);</li>
 * <li>the relative change ‖x_k − x_{k−1}‖ / ‖x_{k−1}‖ fell below the tolerance (settled), or</li>
 * <li>undamped only (relaxation 1): the change grew by more than {@link #GROWTH} from one
 *     iteration to the next (from the third on); that step is rejected. The undamped step
 *     overshoots one iteration before its fit gets worse (cell, 100 ms: NRMSE 0.284 → 0.328 while
 *     the I-divergence still fell 12 %).</li>
 * </ul>
 * The change is taken over the measured window only: beyond it (the non-circulant padding) the
 * estimate is barely constrained and its changes say nothing about the image.
 * A tolerance of 0 turns all of them off (a fixed iteration count, for benchmarks).
 */
final class WbStop {
    /**
     * Default tolerance of rl-wb: the estimate has settled. With the relaxed step, 0.05 stopped the
     * dim cell (20 ms) at 16 iterations, NRMSE 0.223, while it still improved to 0.172 at 30.
     */
    static final double DEFAULT_TOLERANCE = 0.01;

    /**
     * How much the change must grow to stop: on dim data it stays nearly flat (0.252, 0.253, 0.254)
     * while the estimate still improves; where rl-wb turns bad it grew by 14-18 % in one iteration.
     */
    static final double GROWTH = 1.1;

    /**
     * A step whose estimate fits worse is retried from the estimate before it with half the
     * relaxation; below this fraction of the set relaxation rl-wb stops there instead.
     */
    static final float MIN_RELAXATION = 1f / 8;

    private WbStop() {}

    /** Why to stop after iteration {@code k}, or null to go on. */
    static DeconvolutionResult.StopReason reason(DeconvolutionSettings settings, int k, double rel, double previousRel) {
        double tolerance = settings.tolerance();
        if (tolerance <= 0 || k < 2) return null;
        if (rel < tolerance) return DeconvolutionResult.StopReason.TOLERANCE;
        // the first change is measured from the smoothed start, not from an rl-wb step: compare from the third
        // undamped only: the relaxed change fluctuates by ±20 % while the estimate still improves
        // (simulated cell, 100 ms: it grew 16 % at iteration 10, NRMSE 0.196 → 0.159 by 19)
        if (settings.backProjector().relaxation() >= 1 && k >= 3 && rel > GROWTH * previousRel) {
            return DeconvolutionResult.StopReason.CHANGE_GREW;
        }
        return null;
    }

    /**
     * Whether the estimate after {@code k} iterations explains the data worse than the one before
     * (mean Poisson I-divergence {@code fit} above {@code previousFit}): the unmatched iteration
     * has stopped fitting the data and started amplifying noise. From the second iteration on (the
     * start is a smoothed image, not an rl-wb estimate); off with a tolerance of 0.
     */
    static boolean fitWorsened(DeconvolutionSettings settings, int k, double fit, double previousFit) {
        return settings.tolerance() > 0 && k >= 2 && fit > previousFit;
    }

    /**
     * The fraction of a step to retry with after a step that fitted worse: half the current one,
     * or 0 when that falls below {@link #MIN_RELAXATION} of the setting (then rl-wb stops with
     * {@link DeconvolutionResult.StopReason#FIT_WORSENED}).
     */
    static float retriedRelaxation(DeconvolutionSettings settings, float current) {
        float shorter = current / 2;
        return shorter < MIN_RELAXATION * settings.backProjector().relaxation() ? 0f : shorter;
    }
}
