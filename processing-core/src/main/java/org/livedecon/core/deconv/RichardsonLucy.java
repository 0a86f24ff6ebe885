package org.livedecon.core.deconv;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.SpectrumBuffer;
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
 */
public final class RichardsonLucy implements Deconvolver {
    /** Fraction of a voxel's light that must land on the camera for it to be reconstructed. */
    static final float MIN_NORMALISER = 1e-4f;

    private final DeconvolutionSettings settings;
    private final Backend backend;
    private final boolean accelerated;
    private final boolean tv;

    public RichardsonLucy(DeconvolutionSettings settings, Backend backend) {
        if (!settings.algorithm().iterative()) {
            throw new IllegalArgumentException("RichardsonLucy cannot run algorithm " + settings.algorithm());
        }
        this.settings = settings;
        this.backend = backend;
        this.accelerated = settings.algorithm() == Algorithm.ACCELERATED_RL || settings.algorithm() == Algorithm.RL_TV;
        this.tv = settings.algorithm() == Algorithm.RL_TV;
    }

    private boolean nonCirculant(Shape image, Shape grid) {
        return !grid.equals(image);
    }

    @Override
    public DeconvolutionPlan plan(Shape image, Psf psf) {
        Shape grid = PaddedSizes.grid(image, psf.shape(), settings.boundary());
        // observed, estimate/prediction, work; + normaliser; + previous x and gradient; + TV factor
        int real = 3 + (nonCirculant(image, grid) ? 1 : 0) + (accelerated ? 2 : 0) + (tv ? 1 : 0);
        int spectra = 2; // work + cached OTF
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
        boolean masked = nonCirculant(window, grid);
        double b = settings.background().resolve(image);
        float background = (float) b;
        float x0 = Jobs.meanAbove(image, b);
        double meanY = Math.abs(image.sum()) / window.voxels();
        // 0/0 and y/0 are kept finite: a denominator never drops below a millionth of the mean signal
        float floor = (float) Math.max(1e-6 * meanY, Float.MIN_NORMAL);
        int planned = settings.iterations();

        RealBuffer observed = null, estimate = null, work = null, normaliser = null, xPrev = null, gPrev = null, tvf = null;
        SpectrumBuffer spectrum = null;
        try {
            observed = backend.real(grid);
            estimate = backend.real(grid);
            work = backend.real(grid);
            spectrum = backend.spectrum(grid);
            backend.upload(image.data(), window, observed);
            SpectrumBuffer otf = backend.otf(psf, grid);
            if (masked) {
                normaliser = backend.real(grid);
                float[] ones = new float[window.voxels()];
                java.util.Arrays.fill(ones, 1f);
                backend.upload(ones, window, work);
                backend.forward(work, spectrum, window);
                backend.multiply(spectrum, otf, true);
                backend.inverse(spectrum, normaliser, grid);
            }
            if (accelerated) {
                xPrev = backend.real(grid);
                gPrev = backend.real(grid);
                backend.fill(xPrev, x0);
            }
            if (tv) tvf = backend.real(grid);
            backend.fill(estimate, x0);
            long setup = System.nanoTime() - t0;

            DeconvolutionResult.StopReason reason = DeconvolutionResult.StopReason.ITERATIONS;
            int done = 0;
            long iterStart = System.nanoTime();
            for (int k = 1; k <= planned; k++) {
                Jobs.checkInterrupted();
                // Hx on the measured window only
                backend.forward(estimate, spectrum, grid);
                backend.multiply(spectrum, otf, false);
                backend.inverse(spectrum, work, window);
                // y / (Hx + b) on the window, 0 elsewhere, then Hᵀ of it everywhere
                backend.ratio(observed, work, background, floor, window);
                backend.forward(work, spectrum, window);
                backend.multiply(spectrum, otf, true);
                backend.inverse(spectrum, work, grid);
                if (tv) backend.tvFactor(estimate, (float) settings.lambda(), tvf);
                backend.rlUpdate(estimate, work, normaliser, MIN_NORMALISER, tvf); // work = new x
                double[] change;
                if (accelerated) {
                    // Biggs & Andrews 1997, eqs. 11-13: g_k = x_{k+1} - prediction;
                    // alpha = <g_k, g_{k-1}> / <g_{k-1}, g_{k-1}>, clamped to [0, 1]
                    double[] dots = backend.biggsGradient(work, estimate, gPrev);
                    double alpha = k >= 2 && dots[1] > 0 ? Math.max(0, Math.min(1, dots[0] / dots[1])) : 0;
                    change = backend.biggsPredict(work, xPrev, estimate, (float) alpha);
                } else {
                    change = backend.change(work, estimate);
                    RealBuffer t = estimate;
                    estimate = work;
                    work = t;
                }
                done = k;
                double rel = change[1] > 0 ? Math.sqrt(change[0] / change[1]) : Double.NaN;
                long now = System.nanoTime();
                progress.iterationDone(k, planned, rel, now - t0);
                if (settings.tolerance() > 0 && k >= 2 && rel < settings.tolerance()) {
                    reason = DeconvolutionResult.StopReason.TOLERANCE;
                    break;
                }
                if (settings.timeBudgetSeconds() > 0 && k < planned) {
                    double perIteration = (now - iterStart) / 1e9 / k;
                    if ((now - t0) / 1e9 + perIteration > settings.timeBudgetSeconds()) {
                        reason = DeconvolutionResult.StopReason.TIME_BUDGET;
                        break;
                    }
                }
            }
            float[] out = new float[window.voxels()];
            backend.download(accelerated ? xPrev : estimate, out, window);
            Jobs.clipNegative(out);
            return new DeconvolutionResult(new Volume(window, image.voxelSize(), out), plan, settings, b, done, reason,
                    setup, System.nanoTime() - t0);
        } finally {
            close(observed, estimate, work, normaliser, xPrev, gPrev, tvf);
            if (spectrum != null) spectrum.close();
        }
    }

    private static void close(RealBuffer... buffers) {
        for (RealBuffer b : buffers) if (b != null) b.close();
    }
}
