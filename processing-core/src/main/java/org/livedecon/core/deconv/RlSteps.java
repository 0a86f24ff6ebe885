package org.livedecon.core.deconv;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.Region;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * One Richardson–Lucy job's buffers on a backend and the steps of an iteration, cut where the
 * next step needs a number summed over the whole stack:
 * <ol>
 * <li>{@link #blur}: Hx on the measured window; returns Σ Hx (for the flux scale);</li>
 * <li>{@link #update}: scales x and Hx by the flux scale, RL step into the work buffer; returns
 *     the Biggs–Andrews sums ⟨g_k, g_{k−1}⟩, ⟨g_{k−1}, g_{k−1}⟩ (accelerated) or the change sums
 *     (plain RL, which then has its new estimate);</li>
 * <li>{@link #predict} (accelerated only): the prediction with the step size α; returns the change
 *     sums.</li>
 * </ol>
 * {@link RichardsonLucy} runs the steps back to back on the whole stack; tiles run each step on
 * every tile before the next, sum over each tile's own voxels and feed the totals back
 * ({@link LockstepTiles}), keeping a tile's state in host memory in between ({@link #upload},
 * {@link #download}). The sums are float64 and taken over the voxels of a {@link Region}
 * ({@code null}: the whole window, or the whole grid).
 */
final class RlSteps implements AutoCloseable {
    /** The buffers a caller can move between host and backend. */
    enum Slot {
        /** y on the window. */
        OBSERVED,
        /** x, or the Biggs–Andrews prediction from which the next step starts. */
        ESTIMATE,
        /** Hx on the window after {@link #blur}, the RL step after {@link #update}. */
        WORK,
        /** x of the previous iteration (accelerated). */
        PREVIOUS,
        /** g of the previous iteration (accelerated). */
        GRADIENT
    }

    private final Backend backend;
    private final Shape window;
    private final Shape grid;
    private final boolean accelerated;
    private final boolean tv;
    private final float lambda;
    private final float background;
    private final float floor;
    private RealBuffer observed, estimate, work, normaliser, xPrev, gPrev, tvf;
    /** rl-wb: the estimate of the iteration before, for a stop that finds the last step fitted worse. */
    private RealBuffer keptEstimate;
    /** rl-wb: the fraction ω of each step taken (1: none of the previous estimate is kept); NaN for RL. */
    private float relaxation;
    private SpectrumBuffer spectrum;
    private final SpectrumBuffer otf;
    /** Conjugated in the back projection: the OTF, or an unmatched back projector's transfer function (owned). */
    private SpectrumBuffer back;

    /**
     * Allocates the buffers and, with non-circulant boundaries (grid larger than the window),
     * computes the normaliser Hᵀ M.
     *
     * @param background b of y = Hx + b
     * @param floor      smallest denominator of the data ratio
     * @param unmatched  the back projector used in place of Hᵀ ({@link Algorithm#RL_WB}), or null
     */
    RlSteps(Backend backend, Psf psf, Shape window, Shape grid, Algorithm algorithm, float lambda, float background,
            float floor, BackProjector unmatched) {
        this.backend = backend;
        this.window = window;
        this.grid = grid;
        this.accelerated = algorithm.accelerated();
        this.tv = algorithm == Algorithm.RL_TV;
        this.lambda = lambda;
        this.background = background;
        this.floor = floor;
        this.relaxation = unmatched != null ? (float) unmatched.relaxation() : Float.NaN;
        try {
            observed = backend.real(grid);
            estimate = backend.real(grid);
            work = backend.real(grid);
            spectrum = backend.spectrum(grid);
            otf = backend.otf(psf, grid);
            back = unmatched != null ? unmatched.spectrum(backend, grid) : otf;
            float[] kept = unmatched != null && !grid.equals(window) ? unmatched.normaliser(window, grid) : null;
            if (kept != null) {
                normaliser = backend.real(grid);
                backend.upload(kept, grid, normaliser);
            } else if (!grid.equals(window)) {
                normaliser = backend.real(grid);
                float[] ones = new float[window.voxels()];
                java.util.Arrays.fill(ones, 1f);
                backProjectWindow(otf, normaliser, ones);
                if (unmatched != null) {
                    // at most two host copies of the grid at a time (a 2048x2048 stack's grid is GBs):
                    // Hᵀ M, then the |B| bound where the camera sees the voxel, then Bᵀ M above it
                    float[] combined = new float[grid.voxels()];
                    backend.download(normaliser, combined, grid);
                    try (SpectrumBuffer abs = unmatched.spectrum(backend, grid, true)) {
                        backProjectWindow(abs, normaliser, ones);
                    }
                    float[] other = new float[grid.voxels()]; // after the |B| spectrum and its kernel are gone
                    backend.download(normaliser, other, grid);
                    boundWhereSeen(combined, other, (float) unmatched.absoluteSum());
                    backProjectWindow(back, normaliser, ones);
                    backend.download(normaliser, other, grid);
                    raiseToUnmatched(combined, other);
                    backend.upload(combined, grid, normaliser);
                    unmatched.keepNormaliser(window, grid, combined);
                }
            }
            if (accelerated) {
                xPrev = backend.real(grid);
                gPrev = backend.real(grid);
            }
            if (tv) tvf = backend.real(grid);
            if (unmatched != null) keptEstimate = backend.real(grid);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Hᵀ M (or Bᵀ M) into {@code out}: the back projection of {@code ones} (1 on the window), 0 elsewhere. */
    private void backProjectWindow(SpectrumBuffer transfer, RealBuffer out, float[] ones) {
        backend.upload(ones, window, work);
        backend.convolve(work, window, transfer, true, spectrum, out, grid);
    }

    /**
     * The normaliser of the unmatched update x · Bᵀ(M r) / N, built in two passes over one host
     * array ({@link #boundWhereSeen}, then {@link #raiseToUnmatched}). Inside the view N = Bᵀ M (1
     * away from the faces, so a flat ratio leaves x). Beyond it, in the non-circulant padding, a
     * voxel reaches the window only through the tail of B, where Bᵀ M is the small difference of B's
     * positive and negative lobes while Bᵀ(M r) is not: the update factor would be unbounded (the
     * padding exploded by 10x in one iteration on the simulated cell). So N is never below
     * |B|ᵀ M / Σ|B|, which bounds the factor by Σ|B| · max r, as RL's own is bounded by max r, and
     * equals Bᵀ M inside the view. 0 where Hᵀ M is below {@link RichardsonLucy#MIN_NORMALISER} (the
     * camera does not see the voxel: it stays 0, as for RL).
     *
     * <p>First pass, in place: {@code n} holds Hᵀ M and becomes |B|ᵀ M / Σ|B| ({@code absolute},
     * {@code absSum}) where the camera sees the voxel, NaN where it does not (Bᵀ M may be negative,
     * so no number can mark an unseen voxel).
     */
    static void boundWhereSeen(float[] n, float[] absolute, float absSum) {
        for (int i = 0; i < n.length; i++) n[i] = n[i] < RichardsonLucy.MIN_NORMALISER ? Float.NaN : absolute[i] / absSum;
    }

    /** Second pass, in place: max(Bᵀ M ({@code unmatched}), the bound) where seen, 0 where not. */
    static void raiseToUnmatched(float[] n, float[] unmatched) {
        for (int i = 0; i < n.length; i++) n[i] = Float.isNaN(n[i]) ? 0f : Math.max(unmatched[i], n[i]);
    }

    boolean accelerated() { return accelerated; }

    /** Uploads y (window) and the start x (grid); the previous x starts equal to it. */
    void start(float[] image, float[] x0) {
        backend.upload(image, window, observed);
        backend.upload(x0, grid, estimate);
        if (accelerated) backend.copy(estimate, xPrev);
    }

    /** Hx of the estimate into the work buffer (window); returns Σ Hx over {@code counted} (null: the window). */
    double blur(Region counted) {
        backend.convolve(estimate, grid, otf, false, spectrum, work, window);
        return counted == null ? backend.sum(work, window) : backend.sum(work, counted);
    }

    /**
     * The RL step from the estimate, after scaling it and its blur by {@code scale} (flux matching;
     * 1 leaves them). Accelerated: leaves the step in the work buffer and g in the gradient buffer
     * and returns {@code [⟨g, g_prev⟩, ⟨g_prev, g_prev⟩]}; plain: makes the step the estimate and
     * returns {@code [Σ(x_new − x)², Σ x²]}. Sums over {@code counted} (null: every voxel).
     */
    double[] update(float scale, Region counted) {
        if (scale != 1f) {
            backend.scale(work, scale);
            backend.scale(estimate, scale);
        }
        // y / (Hx + b) on the window, 0 elsewhere, then Hᵀ of it everywhere
        backend.ratio(observed, work, background, floor, window);
        backend.convolve(work, window, back, true, spectrum, work, grid);
        if (tv) backend.tvFactor(estimate, lambda, tvf);
        backend.rlUpdate(estimate, work, normaliser, RichardsonLucy.MIN_NORMALISER, tvf); // work = new x
        if (accelerated) {
            // Biggs & Andrews 1997, eqs. 11-13: g_k = x_{k+1} - prediction
            return backend.biggsGradient(work, estimate, gPrev, counted);
        }
        double[] change = backend.change(work, estimate, counted);
        if (keptEstimate != null) {
            // rl-wb, relaxed: kept = max(x + (−ω)(x − x_step), 0) = (1 − ω) x + ω x_step, and work = x
            // (Biggs–Andrews' prediction with a negative step); then kept and the estimate trade places,
            // so the estimate before the step stays in kept (and in work, for revert)
            backend.biggsPredict(estimate, work, keptEstimate, -relaxation, null);
            RealBuffer t = estimate;
            estimate = keptEstimate;
            keptEstimate = t;
            change[0] *= (double) relaxation * relaxation;
            return change;
        }
        RealBuffer t = estimate;
        estimate = work;
        work = t;
        return change;
    }

    /**
     * Accelerated only: prediction = max(x_new + α (x_new − x_prev), 0) into the estimate, x_prev
     * = x_new; returns {@code [Σ(x_new − x_prev)², Σ x_prev²]} over {@code counted}.
     */
    double[] predict(double alpha, Region counted) {
        if (!accelerated) throw new IllegalStateException("plain RL has no prediction step");
        return backend.biggsPredict(work, xPrev, estimate, (float) alpha, counted);
    }

    /**
     * Biggs & Andrews 1997: α = ⟨g_k, g_{k−1}⟩ / ⟨g_{k−1}, g_{k−1}⟩ clamped to [0, 1], 0 in the
     * first iteration (no g_{k−1} yet); {@code sums} from {@link #update}, totalled over the stack.
     */
    static double alpha(int iteration, double[] sums) {
        return iteration >= 2 && sums[1] > 0 ? Math.max(0, Math.min(1, sums[0] / sums[1])) : 0;
    }

    /**
     * The step size of {@code algorithm}'s prediction: Biggs–Andrews ({@link #alpha(int, double[])})
     * or, for scaled heavy ball (Wang &amp; Miller 2014), the momentum weight (k − 1)/(k + 2).
     */
    static double alpha(Algorithm algorithm, int iteration, double[] sums) {
        if (algorithm == Algorithm.RL_SHB) return iteration >= 2 ? (iteration - 1.0) / (iteration + 2.0) : 0;
        return alpha(iteration, sums);
    }

    /**
     * Plain RL only, right after {@link #update}: back to the estimate before it (still in the work
     * buffer after the swap, scaled by that update's flux scale), for a stop that rejects the last step.
     */
    void revert() {
        if (accelerated) throw new IllegalStateException("accelerated RL keeps no estimate to go back to");
        RealBuffer t = estimate;
        estimate = work;
        work = t;
    }

    /** rl-wb: the fraction of each step taken from now on. */
    float relaxation() { return relaxation; }

    /** rl-wb: sets the fraction of each step taken from now on (a step that fitted worse is retried shorter). */
    void relaxation(float w) { relaxation = w; }

    /** rl-wb: back to the estimate before the last {@link #update} (scaled by its flux scale). */
    void restoreKept() {
        backend.copy(need(keptEstimate, "kept estimate"), estimate);
    }

    /** The current result: the last RL step (accelerated) or the estimate. */
    RealBuffer result() { return accelerated ? xPrev : estimate; }

    /**
     * Σ over the window of H applied to the result, as ⟨Hᵀ M, x⟩ (no FFT); with an unmatched back
     * projector the normaliser is not Hᵀ M, so by a blur (plain RL: the result is the estimate).
     */
    double resultFlux() {
        RealBuffer r = result();
        if (back != otf && normaliser != null) return blur(null);
        return normaliser != null ? backend.dot(r, normaliser) : backend.sum(r, grid);
    }

    void scaleResult(float factor) { backend.scale(result(), factor); }

    /** Copies {@code data} into a slot: the window for {@link Slot#OBSERVED}, else the whole grid. */
    void upload(Slot slot, float[] data) {
        backend.upload(data, slot == Slot.OBSERVED ? window : grid, buffer(slot));
    }

    /** Uploads the window's blur (as left by {@link #blur}) into the work buffer. */
    void uploadBlurred(float[] data) { backend.upload(data, window, work); }

    /** Downloads the window's blur (as left by {@link #blur}) from the work buffer. */
    void downloadBlurred(float[] out) { backend.download(work, out, window); }

    /** Copies a slot's whole grid into {@code out}. */
    void download(Slot slot, float[] out) {
        backend.download(buffer(slot), out, grid);
    }

    /** Copies the window of a slot into {@code out}. */
    void downloadWindow(Slot slot, float[] out) {
        backend.download(buffer(slot), out, window);
    }

    private RealBuffer buffer(Slot slot) {
        switch (slot) {
            case OBSERVED: return observed;
            case ESTIMATE: return estimate;
            case WORK: return work;
            case PREVIOUS: return need(xPrev, slot);
            case GRADIENT: return need(gPrev, slot);
            default: throw new IllegalArgumentException(String.valueOf(slot));
        }
    }

    private static RealBuffer need(RealBuffer b, Object slot) {
        if (b == null) throw new IllegalStateException("this RL variant has no " + slot + " buffer");
        return b;
    }

    @Override
    public void close() {
        for (RealBuffer b : new RealBuffer[] {observed, estimate, work, normaliser, xPrev, gPrev, tvf, keptEstimate}) {
            if (b != null) b.close();
        }
        if (spectrum != null) spectrum.close();
        if (back != null && back != otf) back.close();
        observed = estimate = work = normaliser = xPrev = gPrev = tvf = keptEstimate = null;
        spectrum = back = null;
    }
}
