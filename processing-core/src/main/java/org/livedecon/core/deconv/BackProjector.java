package org.livedecon.core.deconv;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.OtfCache;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * An unmatched back projector for Richardson–Lucy: the Wiener–Butterworth kernel of Guo et al.
 * 2020 (Nat Biotech 38:1337), used in place of Hᵀ. In frequency space its transfer function is
 * <pre>  B(k) = H(k) / (|H(k)|² + α) · 1 / sqrt(1 + ε² w(k)^(2n)),   w² = Σ_axes (k_a / k_c,a)²</pre>
 * (back projection multiplies by conj B, as RL multiplies by conj H), with ε² = 1/β² − 1 so that the
 * Butterworth low-pass has gain {@link #GAIN_AT_CUTOFF} at the cut-off k_c, a fraction of the OTF
 * support along each axis. The Wiener part undoes the blur in one step; the Butterworth part
 * removes what lies beyond the support, where the Wiener part only amplifies noise.
 *
 * <p>Like Guo et al., the kernel is computed on the PSF's own box (float64, on the host, once per
 * PSF and settings: cached), so it reaches no further than the PSF and the non-circulant padding
 * stays valid; it is then laid on each job's grid like a PSF ({@link #spectrum}). It sums to 1, so a
 * flat ratio leaves RL's estimate unchanged, and unlike a PSF it has negative lobes.
 *
 * <p>The OTF support is measured from the PSF: the largest frequency along each axis where |H| is
 * above {@link #SUPPORT_THRESHOLD} of H(0), capped at the Nyquist limit of the grid.
 */
final class BackProjector {
    /** |H| relative to H(0) above which a frequency counts as inside the OTF support. */
    static final double SUPPORT_THRESHOLD = 1e-3;
    /** Gain of the Butterworth low-pass at its cut-off (Guo et al.'s β). */
    static final double GAIN_AT_CUTOFF = 0.01;

    private static final Map<Psf, Map<BackProjectorSettings, BackProjector>> CACHE =
            new WeakHashMap<Psf, Map<BackProjectorSettings, BackProjector>>();

    private final Shape shape;
    private final int cx, cy, cz;
    /** The last non-circulant normaliser made with this back projector, for the next stack of the same size. */
    private Shape normaliserWindow, normaliserGrid;
    private float[] normaliser;
    /** On the PSF's box, its centre voxel at the PSF's centre. */
    private final float[] kernel;
    /** OTF support per axis (x, y, z), cycles per voxel. */
    private final double[] support;

    /** ω of the relaxed update (a setting, not part of the kernel). */
    private final double relaxation;

    private BackProjector(Shape shape, int cx, int cy, int cz, float[] kernel, double[] support, double relaxation) {
        this.relaxation = relaxation;
        this.shape = shape;
        this.cx = cx;
        this.cy = cy;
        this.cz = cz;
        this.kernel = kernel;
        this.support = support;
    }

    /** The back projector for this PSF and these settings, computed once and cached while the PSF lives. */
    static BackProjector of(Psf psf, BackProjectorSettings settings) {
        synchronized (CACHE) {
            Map<BackProjectorSettings, BackProjector> bySettings = CACHE.get(psf);
            if (bySettings == null) {
                bySettings = new HashMap<BackProjectorSettings, BackProjector>();
                CACHE.put(psf, bySettings);
            }
            BackProjector bp = bySettings.get(settings);
            if (bp == null) {
                bp = compute(psf, settings);
                bySettings.put(settings, bp);
            }
            return bp;
        }
    }

    /** The back projector of the settings' algorithm, or null for RL's own Hᵀ. */
    static BackProjector forSettings(DeconvolutionSettings settings, Psf psf) {
        return settings.algorithm() == Algorithm.RL_WB ? of(psf, settings.backProjector()) : null;
    }

    static BackProjector compute(Psf psf, BackProjectorSettings settings) {
        Shape s = psf.shape();
        int n = s.voxels();
        float[] wrapped = OtfCache.wrap(psf, s);
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) re[i] = wrapped[i];
        HostFft.transform3d(re, im, s, false);
        double h0 = Math.hypot(re[0], im[0]);
        int[] dims = {s.nx(), s.ny(), s.nz()};
        double[] support = new double[3];
        double threshold = SUPPORT_THRESHOLD * h0;
        for (int z = 0; z < s.nz(); z++) {
            for (int y = 0; y < s.ny(); y++) {
                for (int x = 0; x < s.nx(); x++) {
                    int i = s.index(x, y, z);
                    if (Math.hypot(re[i], im[i]) <= threshold) continue;
                    int[] c = {x, y, z};
                    for (int a = 0; a < 3; a++) support[a] = Math.max(support[a], Math.abs(frequency(c[a], dims[a])));
                }
            }
        }
        double[] kc = new double[3];
        for (int a = 0; a < 3; a++) {
            // an axis of one voxel has only frequency 0; an empty support still gets one frequency step
            support[a] = dims[a] == 1 ? 0.5 : Math.max(support[a], 1.0 / dims[a]);
            kc[a] = settings.cutoff() * support[a];
        }
        double eps2 = 1 / (GAIN_AT_CUTOFF * GAIN_AT_CUTOFF) - 1;
        double alpha = settings.alpha() * h0 * h0;
        for (int z = 0; z < s.nz(); z++) {
            double fz = frequency(z, dims[2]) / kc[2];
            for (int y = 0; y < s.ny(); y++) {
                double fy = frequency(y, dims[1]) / kc[1];
                for (int x = 0; x < s.nx(); x++) {
                    double fx = frequency(x, dims[0]) / kc[0];
                    double w2 = fx * fx + fy * fy + fz * fz;
                    double butterworth = 1 / Math.sqrt(1 + eps2 * Math.pow(w2, settings.order()));
                    int i = s.index(x, y, z);
                    double f = butterworth / (re[i] * re[i] + im[i] * im[i] + alpha);
                    re[i] *= f;
                    im[i] *= f;
                }
            }
        }
        HostFft.transform3d(re, im, s, true);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += re[i];
        // back from "centre at the origin" to the PSF's own layout, scaled to sum 1
        float[] kernel = new float[n];
        int cx = psf.centreX(), cy = psf.centreY(), cz = psf.centreZ();
        for (int z = 0; z < s.nz(); z++) {
            int gz = Math.floorMod(z - cz, s.nz());
            for (int y = 0; y < s.ny(); y++) {
                int gy = Math.floorMod(y - cy, s.ny());
                for (int x = 0; x < s.nx(); x++) {
                    kernel[s.index(x, y, z)] = (float) (re[s.index(Math.floorMod(x - cx, s.nx()), gy, gz)] / sum);
                }
            }
        }
        return new BackProjector(s, cx, cy, cz, kernel, support, settings.relaxation());
    }

    /** Signed frequency of DFT index {@code i} of {@code n}, in cycles per voxel. */
    static double frequency(int i, int n) {
        return (i <= n / 2 ? i : i - n) / (double) n;
    }

    /** The kernel on the PSF's box (centre at the PSF's centre voxel); do not modify. */
    float[] kernel() { return kernel; }

    Shape shape() { return shape; }

    /** The fraction ω of each unmatched step taken ({@link BackProjectorSettings#relaxation()}). */
    double relaxation() { return relaxation; }

    /** OTF support along x, y, z in cycles per voxel. */
    double[] support() { return support.clone(); }

    /**
     * The normaliser last stored for this window and grid, or null. Live deconvolution sees stack
     * after stack of one size: keeping the host copy spares three FFT pairs of set-up per stack.
     */
    synchronized float[] normaliser(Shape window, Shape grid) {
        return window.equals(normaliserWindow) && grid.equals(normaliserGrid) ? normaliser : null;
    }

    /** Keeps {@code n} (not copied; not modified afterwards) as the normaliser for this window and grid. */
    synchronized void keepNormaliser(Shape window, Shape grid, float[] n) {
        normaliserWindow = window;
        normaliserGrid = grid;
        normaliser = n;
    }

    /** Σ |kernel|: 1 plus twice the weight of the negative lobes. */
    double absoluteSum() {
        double a = 0;
        for (float v : kernel) a += Math.abs(v);
        return a;
    }

    /** The kernel on a grid, its centre at the origin, summed where it is larger than the grid. */
    float[] wrap(Shape grid) {
        return wrap(grid, false);
    }

    /** As {@link #wrap(Shape)}, of |kernel| when {@code absolute}. */
    float[] wrap(Shape grid, boolean absolute) {
        float[] out = new float[grid.voxels()];
        for (int z = 0; z < shape.nz(); z++) {
            int gz = Math.floorMod(z - cz, grid.nz());
            for (int y = 0; y < shape.ny(); y++) {
                int gy = Math.floorMod(y - cy, grid.ny());
                int src = shape.index(0, y, z);
                int row = grid.index(0, gy, gz);
                for (int x = 0; x < shape.nx(); x++) {
                    float v = kernel[src + x];
                    out[row + Math.floorMod(x - cx, grid.nx())] += absolute ? Math.abs(v) : v;
                }
            }
        }
        return out;
    }

    /**
     * The transfer function on a job's grid, made as the backend makes an OTF (the FFT of the
     * wrapped kernel) from the contract's own operations; the caller closes it.
     */
    SpectrumBuffer spectrum(Backend backend, Shape grid) {
        return spectrum(backend, grid, false);
    }

    /** As {@link #spectrum(Backend, Shape)}, of |kernel| when {@code absolute} (for the normaliser). */
    SpectrumBuffer spectrum(Backend backend, Shape grid, boolean absolute) {
        SpectrumBuffer out = backend.spectrum(grid);
        try (RealBuffer r = backend.real(grid)) {
            backend.upload(wrap(grid, absolute), grid, r);
            backend.forward(r, out, grid);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Wiener-Butterworth back projector %s, OTF support (x,y,z) %.3f %.3f %.3f cycles/voxel",
                shape, support[0], support[1], support[2]);
    }
}
