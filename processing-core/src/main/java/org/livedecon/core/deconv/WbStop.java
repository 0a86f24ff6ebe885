package org.livedecon.core.deconv;

/**
 * When {@link Algorithm#RL_WB} stops, without ground truth. The unmatched back projector does
 * not keep RL's monotone likelihood: after a few iterations that recover the object it goes on
 * sharpening noise, so the iteration count matters more than for RL. Two signs from the relative
 * change ‖x_k − x_{k−1}‖ / ‖x_{k−1}‖ that every RL variant computes anyway:
 * <ul>
 * <li>it fell below the tolerance (the estimate has settled), or</li>
 * <li>it grew by more than {@link #GROWTH} from one iteration to the next (from the third on): the steps no longer shrink, the unmatched
 *     iteration has started to amplify what the data do not support. That step is rejected: the
 *     result is the estimate before it.</li>
 * </ul>
 * The change is taken over the measured window only: beyond it (the non-circulant padding) the
 * estimate is barely constrained and its changes say nothing about the image.
 * A tolerance of 0 turns both off (a fixed iteration count, for benchmarks).
 */
final class WbStop {
    /**
     * Default tolerance of rl-wb: the estimate has settled. Not tuned: on the simulator's cell and
     * beads the growth rule always stopped first (README).
     */
    static final double DEFAULT_TOLERANCE = 0.05;

    /**
     * How much the change must grow to stop: on dim data it stays nearly flat (0.252, 0.253, 0.254)
     * while the estimate still improves; where rl-wb turns bad it grew by 14-18 % in one iteration.
     */
    static final double GROWTH = 1.1;

    private WbStop() {}

    /** Why to stop after iteration {@code k}, or null to go on. */
    static DeconvolutionResult.StopReason reason(DeconvolutionSettings settings, int k, double rel, double previousRel) {
        double tolerance = settings.tolerance();
        if (tolerance <= 0 || k < 2) return null;
        if (rel < tolerance) return DeconvolutionResult.StopReason.TOLERANCE;
        // the first change is measured from the smoothed start, not from an rl-wb step: compare from the third
        if (k >= 3 && rel > GROWTH * previousRel) return DeconvolutionResult.StopReason.CHANGE_GREW;
        return null;
    }
}
