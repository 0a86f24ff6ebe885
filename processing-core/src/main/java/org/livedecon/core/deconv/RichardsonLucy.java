package org.livedecon.core.deconv;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Richardson–Lucy deconvolution for y = H x + b with Poisson noise, in three variants chosen by
 * the settings' algorithm: plain ({@link Algorithm#RICHARDSON_LUCY}), with Biggs–Andrews
 * acceleration ({@link Algorithm#ACCELERATED_RL}) and with total-variation regularisation
 * ({@link Algorithm#RL_TV}, accelerated too).
 *
 * <p>Iteration: x ← x · Hᵀ(M·y / (Hx + b)) / Hᵀ M, where M is 1 on measured voxels. With
 * periodic boundaries M = 1 everywhere and Hᵀ1 = 1 (the PSF sums to 1). With non-circulant
 * boundaries (Bertero & Boccacci 2005, eq. 14) x lives on the image extended by the PSF support
 * and Hᵀ M is computed once per job; voxels with Hᵀ M below {@link #MIN_NORMALISER} do not reach
 * the camera and stay 0.
 *
 * <p>An iteration is made of the steps of {@link RlSteps} (blur, update, Biggs–Andrews prediction),
 * each ending in a sum over the stack that the next step needs; this class runs them back to back,
 * {@link LockstepTiles} runs each step on every tile of a tiled job before the next.
 */
public final class RichardsonLucy implements Deconvolver {
    /** Fraction of a voxel's light that must land on the camera for it to be reconstructed. */
    static final float MIN_NORMALISER = 1e-4f;

    private final DeconvolutionSettings settings;
    private final Backend backend;
    private final boolean accelerated;
    private final boolean tv;

    /** The start value outside the view, when given (tiles use the whole stack's); else the image's mean. */
    private final Float outsideStart;

    public RichardsonLucy(DeconvolutionSettings settings, Backend backend) {
        this(settings, backend, null);
    }

    /** @param outsideStart start value of the estimate outside the measured window, or null for the image's mean */
    RichardsonLucy(DeconvolutionSettings settings, Backend backend, Float outsideStart) {
        if (!settings.algorithm().iterative()) {
            throw new IllegalArgumentException("RichardsonLucy cannot run algorithm " + settings.algorithm());
        }
        this.settings = settings;
        this.backend = backend;
        this.accelerated = settings.algorithm().accelerated();
        this.tv = settings.algorithm() == Algorithm.RL_TV;
        this.outsideStart = outsideStart;
    }

    private boolean nonCirculant(Shape image, Shape grid) {
        return !grid.equals(image);
    }

    @Override
    public DeconvolutionPlan plan(Shape image, Psf psf) {
        Shape grid = PaddedSizes.grid(image, psf.shape(), settings.boundary());
        // observed, estimate/prediction, work; + normaliser; + previous x and gradient; + TV factor
        boolean wb = settings.algorithm() == Algorithm.RL_WB;
        boolean nc = nonCirculant(image, grid);
        // rl-wb holds the estimate before each step and a host copy of Hx (for its fit) all along; its set-up
        // briefly holds the kernel on the grid (host and backend) and, non-circulant, the |B| spectrum and a host
        // copy of the normaliser being built (RlSteps): 2 more real buffers, 4 non-circulant
        int real = 3 + (nc ? 1 : 0) + (accelerated ? 2 : 0) + (tv ? 1 : 0) + (wb ? (nc ? 4 : 2) : 0);
        int spectra = 2 + (wb ? (nc ? 2 : 1) : 0); // work + cached OTF (+ back projector)
        return new DeconvolutionPlan(image, psf.shape(), grid, real, spectra,
                Jobs.bytes(backend, image, grid, real, spectra), backend.name());
    }

    @Override
    public DeconvolutionResult deconvolve(Volume image, Psf psf, ProgressListener progress) {
        long t0 = System.nanoTime();
        Jobs.checkInputs(image, psf);
        DeconvolutionPlan plan = plan(image.shape(), psf);
        Shape grid = plan.grid();
        Shape window = image.shape();
        double b = settings.background().resolve(image);
        float background = (float) b;
        float x0 = Jobs.meanAbove(image, b);
        float floor = ratioFloor(image);
        int planned = settings.iterations();
        double targetFlux = targetFlux(image, b);
        boolean conserveFlux = targetFlux > 0;

        try (RlSteps steps = new RlSteps(backend, psf, window, grid, settings.algorithm(), (float) settings.lambda(),
                background, floor, BackProjector.forSettings(settings, psf))) {
            steps.start(image.data(), initialEstimate(image, b, x0, outsideStart != null ? outsideStart : x0, grid));
            long setup = System.nanoTime() - t0;

            DeconvolutionResult.StopReason reason = DeconvolutionResult.StopReason.ITERATIONS;
            // rl-wb's stop looks at the change on the measured window only (see WbStop)
            org.livedecon.core.backend.Region changeCounted = settings.algorithm() == Algorithm.RL_WB
                    ? org.livedecon.core.backend.Region.window(window) : null;
            int done = 0;
            double previousRel = Double.NaN;
            // rl-wb watches its fit to the data (WbStop): Hx comes to the host once per iteration
            boolean wb = settings.algorithm() == Algorithm.RL_WB;
            float[] blurred = wb ? new float[window.voxels()] : null;
            double previousFit = Double.NaN;
            boolean fitStopped = false;
            long iterStart = System.nanoTime();
            for (int k = 1; k <= planned; k++) {
                Jobs.checkInterrupted();
                // Hx on the measured window only, scaled so the camera sees the measured flux
                double predicted = steps.blur(null);
                float scale = fluxScale(conserveFlux, targetFlux, predicted);
                // the start's fit is never compared (WbStop compares from the second iteration on): not measured
                if (wb && k >= 2) {
                    // the fit of the estimate after k − 1 iterations
                    steps.downloadBlurred(blurred);
                    double fit = PoissonFit.divergence(image.data(), blurred, scale, background, floor);
                    progress.fitMeasured(k - 1, fit);
                    if (WbStop.fitWorsened(settings, k - 1, fit, previousFit)) {
                        // that step went too far: back to the estimate before it, and retry it shorter
                        steps.restoreKept();
                        float shorter = WbStop.retriedRelaxation(settings, steps.relaxation());
                        if (shorter == 0f) {
                            done = k - 2;
                            reason = DeconvolutionResult.StopReason.FIT_WORSENED;
                            fitStopped = true;
                            break;
                        }
                        steps.relaxation(shorter);
                        predicted = steps.blur(null);
                        scale = fluxScale(conserveFlux, targetFlux, predicted);
                    } else {
                        previousFit = fit;
                    }
                }
                double[] sums = steps.update(scale, changeCounted);
                double[] change = accelerated ? steps.predict(RlSteps.alpha(settings.algorithm(), k, sums), null) : sums;
                done = k;
                double rel = relativeChange(change);
                long now = System.nanoTime();
                progress.iterationDone(k, planned, rel, now - t0);
                DeconvolutionResult.StopReason stop = stopReason(settings, k, planned, rel, previousRel, now - t0,
                        now - iterStart);
                previousRel = rel;
                if (stop == DeconvolutionResult.StopReason.CHANGE_GREW) {
                    // the step that grew is the first one rl-wb rejects: keep the estimate before it
                    steps.revert();
                    done = k - 1;
                }
                if (stop != null) {
                    reason = stop;
                    break;
                }
            }
            if (wb && !fitStopped && done >= 2 && reason != DeconvolutionResult.StopReason.CHANGE_GREW
                    && reason != DeconvolutionResult.StopReason.TIME_BUDGET && settings.tolerance() > 0) {
                // the last estimate's fit is not measured yet: one more blur decides whether to keep it
                double predicted = steps.blur(null);
                steps.downloadBlurred(blurred);
                double fit = PoissonFit.divergence(image.data(), blurred, fluxScale(conserveFlux, targetFlux, predicted),
                        background, floor);
                progress.fitMeasured(done, fit);
                if (WbStop.fitWorsened(settings, done, fit, previousFit)) {
                    steps.restoreKept();
                    done--;
                    reason = DeconvolutionResult.StopReason.FIT_WORSENED;
                }
            }
            if (conserveFlux) {
                // Σ_window Hx = <M, Hx> = <HᵀM, x>: the camera flux of the result without an FFT
                double predicted = steps.resultFlux();
                if (predicted > 0) steps.scaleResult((float) (targetFlux / predicted));
            }
            float[] out = new float[window.voxels()];
            backend.download(steps.result(), out, window);
            Jobs.clipNegative(out);
            return new DeconvolutionResult(new Volume(window, image.voxelSize(), out), plan, settings, b, done, reason,
                    setup, System.nanoTime() - t0);
        }
    }

    /**
     * The flux-matching scale: Σ(y − b) over Σ_window Hx, so that the light the estimate sends to
     * the camera equals the measured light. RL with b inside the model does not conserve flux while
     * it converges: where Hx ≪ b the ratio y/(Hx + b) is close to 1 whatever Hx is, so surplus
     * light in dim regions drains only over hundreds of iterations (+30 % flux after 20 plain
     * iterations on a synthetic stack). Hx is computed anyway, so this costs one sum and one pass
     * over the estimate. 1 (no scaling) when flux is not conserved or Hx has none.
     */
    static float fluxScale(boolean conserveFlux, double targetFlux, double predicted) {
        return conserveFlux && predicted > 0 ? (float) (targetFlux / predicted) : 1f;
    }

    /** 0/0 and y/0 are kept finite: a denominator never drops below a millionth of the mean signal. */
    static float ratioFloor(Volume image) {
        double meanY = Math.abs(image.sum()) / image.shape().voxels();
        return (float) Math.max(1e-6 * meanY, Float.MIN_NORMAL);
    }

    /** The measured light Σ(y − b) the estimate must send to the camera. */
    static double targetFlux(Volume image, double b) {
        return image.sum() - b * image.shape().voxels();
    }

    /** sqrt(Σ(x_new − x)² / Σ x²), NaN when x is 0. */
    static double relativeChange(double[] change) {
        return change[1] > 0 ? Math.sqrt(change[0] / change[1]) : Double.NaN;
    }

    /**
     * Why to stop after iteration {@code k}, or null to go on: the relative change fell below the
     * tolerance ({@link WbStop}'s rule for {@link Algorithm#RL_WB}), or another iteration would
     * overrun the time budget.
     *
     * @param previousRel the relative change of iteration k − 1 (NaN in the first)
     * @param elapsed   nanoseconds since the job started
     * @param iterating nanoseconds since the first iteration started
     */
    static DeconvolutionResult.StopReason stopReason(DeconvolutionSettings settings, int k, int planned, double rel,
                                                     double previousRel, long elapsed, long iterating) {
        if (settings.algorithm() == Algorithm.RL_WB) {
            DeconvolutionResult.StopReason wb = WbStop.reason(settings, k, rel, previousRel);
            if (wb != null) return wb;
        } else if (settings.tolerance() > 0 && k >= 2 && rel < settings.tolerance()) {
            return DeconvolutionResult.StopReason.TOLERANCE;
        }
        if (settings.timeBudgetSeconds() > 0 && k < planned) {
            double perIteration = iterating / 1e9 / k;
            if (elapsed / 1e9 + perIteration > settings.timeBudgetSeconds()) return DeconvolutionResult.StopReason.TIME_BUDGET;
        }
        return null;
    }

    /**
     * Starting point: the background-subtracted image smoothed over 3x3x3 voxels, then clipped
     * (never below a small positive floor because RL
     * cannot revive a voxel that reaches 0). Outside the measured window: the mean, since the sample
     * usually goes on past the view (continuing the faces instead gave a worse border). Starting from
     * the image instead of a flat mean spares the iterations that a flat start spends draining
     * light out of dark regions (RL with b in the model does that only slowly).
     */
    static float[] initialEstimate(Volume image, double b, float mean, float outside, Shape grid) {
        Shape s = image.shape();
        float[] y = image.data();
        float[] a = new float[s.voxels()];
        for (int i = 0; i < a.length; i++) a[i] = (float) (y[i] - b);
        // smooth before clipping: clipping noise first would add ~0.4 σ of false light per voxel
        a = Smoothing.box3(a, s);
        float floor = 0.01f * mean;
        float[] out = new float[grid.voxels()];
        java.util.Arrays.fill(out, outside);
        for (int z = 0; z < s.nz(); z++) {
            for (int yy = 0; yy < s.ny(); yy++) {
                int o = grid.index(0, yy, z), i = s.index(0, yy, z);
                for (int x = 0; x < s.nx(); x++) out[o + x] = Math.max(a[i + x], floor);
            }
        }
        return out;
    }
}
