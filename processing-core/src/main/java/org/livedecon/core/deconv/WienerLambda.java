package org.livedecon.core.deconv;

import org.livedecon.core.backend.OtfCache;
import org.livedecon.core.backend.PowerSpectrum;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * The Wiener λ from the data's own noise, by generalized cross-validation (Golub, Heath &amp; Wahba
 * 1979): the λ minimising G(λ) = Σ|(1 − f_k) Y_k|² / (Σ(1 − f_k))², f_k = |H_k|² / (|H_k|² + λ), the
 * prediction error of leaving each measurement out, without knowing the noise level. A noisy
 * stack gets a larger λ, a clean one a smaller. Scaled by {@link #GCV_FACTOR}, chosen by measurement.
 *
 * <p>Computed on a central crop of at most {@value #MAX_LATERAL}x{@value #MAX_LATERAL}x{@value #MAX_PLANES}
 * voxels, mirrored along every axis so the periodic FFT sees no edges (an edge's jump would look
 * like broadband noise and push λ up), with the PSF wrapped on the same grid.
 */
public final class WienerLambda {
    static final int MAX_LATERAL = 128;
    static final int MAX_PLANES = 48;
    /**
     * GCV's λ times this. GCV minimises the error of predicting y; the error of x that matters
     * here is minimised by a larger λ: measured by {@code bench --quality} on the simulated cell and
     * beads (demo noise), where GCV alone chose 1.8e-5 and 1.0e-5 and the best λ on the 1-voxel
     * NRMSE was 3e-4 and 1e-4 to 3e-4.
     */
    static final double GCV_FACTOR = 16;
    /** λ is searched on a log grid over [MIN, MAX], relative to |H(0)|² = 1. */
    static final double MIN = 1e-6, MAX = 1;
    private static final int STEPS_PER_DECADE = 8;

    private WienerLambda() {}

    /** λ for {@code image} with background {@code b} and {@code psf} (sampled like the image): {@link #GCV_FACTOR} × GCV's. */
    public static double gcv(Volume image, double b, Psf psf, int threads) {
        return Math.min(MAX, GCV_FACTOR * gcvMinimum(image, b, psf, threads));
    }

    /** The λ that minimises G(λ) on the search grid. */
    static double gcvMinimum(Volume image, double b, Psf psf, int threads) {
        Shape s = image.shape();
        int cx = previousSmooth(Math.min(MAX_LATERAL, s.nx())), cy = previousSmooth(Math.min(MAX_LATERAL, s.ny()));
        int cz = previousSmooth(Math.min(MAX_PLANES, s.nz()));
        int x0 = (s.nx() - cx) / 2, y0 = (s.ny() - cy) / 2, z0 = (s.nz() - cz) / 2;
        Shape grid = Shape.of(mirrored(cx), mirrored(cy), mirrored(cz));
        float[] d = new float[grid.voxels()];
        float[] y = image.data();
        for (int z = 0; z < grid.nz(); z++) {
            int sz = z0 + fold(z, cz);
            for (int yy = 0; yy < grid.ny(); yy++) {
                int sy = y0 + fold(yy, cy);
                for (int x = 0; x < grid.nx(); x++) {
                    d[grid.index(x, yy, z)] = (float) (y[s.index(x0 + fold(x, cx), sy, sz)] - b);
                }
            }
        }
        float[] p = PowerSpectrum.of(d, grid, threads);
        float[] h = PowerSpectrum.of(OtfCache.wrap(psf, grid), grid, threads);
        double h0 = h[0] > 0 ? h[0] : 1;
        int nxh = grid.nx() / 2 + 1;
        double best = Double.NaN, bestG = Double.POSITIVE_INFINITY;
        int steps = (int) Math.round(Math.log10(MAX / MIN) * STEPS_PER_DECADE);
        for (int i = 0; i <= steps; i++) {
            double lambda = MIN * Math.pow(10, (double) i / STEPS_PER_DECADE);
            double num = 0, den = 0;
            for (int k = 0; k < p.length; k++) {
                int kx = k % nxh;
                double w = kx == 0 || (grid.nx() % 2 == 0 && kx == nxh - 1) ? 1 : 2;
                double hk = h[k] / h0;
                double r = lambda / (hk + lambda); // 1 − f_k
                num += w * r * r * p[k];
                den += w * r;
            }
            double g = num / (den * den);
            if (g < bestG) {
                bestG = g;
                best = lambda;
            }
        }
        return best;
    }

    /** A crop of n voxels mirrored: 2n − 2 (whole-sample symmetric, so both ends join smoothly), at least 1. */
    private static int mirrored(int n) { return n > 1 ? 2 * n - 2 : 1; }

    /** Index into a crop of n of position i of its mirrored extension. */
    private static int fold(int i, int n) { return i < n ? i : 2 * n - 2 - i; }

    /** The largest 2,3,5,7-smooth size n' ≤ n whose mirrored size is smooth too. */
    static int previousSmooth(int n) {
        for (int m = n; m > 1; m--) {
            if (PaddedSizes.nextSmooth(2 * m - 2) == 2 * m - 2) return m;
        }
        return 1;
    }
}
