package org.livedecon.core.deconv;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * rl-wb written from the formulas in float64, independently of the code under test: the
 * Wiener–Butterworth kernel by a direct DFT on the PSF's box, back projection and blur by direct
 * circular summation on the job's grid, the non-circulant normaliser, flux matching and the
 * multiplicative update. Shared by the CPU and OpenCL tests.
 */
public final class WienerButterworthReference {
    private WienerButterworthReference() {}

    /** The back projector on the PSF's box (its centre at the PSF's centre), summing to 1. */
    public static double[] kernel(Psf psf, BackProjectorSettings settings) {
        Shape p = psf.shape();
        int n = p.voxels();
        int[] dims = {p.nx(), p.ny(), p.nz()};
        int[] c = {psf.centreX(), psf.centreY(), psf.centreZ()};
        double[] hr = new double[n], hi = new double[n];
        for (int k = 0; k < n; k++) {
            int[] kk = coords(p, k);
            for (int r = 0; r < n; r++) {
                int[] rr = coords(p, r);
                double phase = 0;
                for (int a = 0; a < 3; a++) phase += (double) kk[a] * (rr[a] - c[a]) / dims[a];
                double v = psf.volume().data()[r];
                hr[k] += v * Math.cos(-2 * Math.PI * phase);
                hi[k] += v * Math.sin(-2 * Math.PI * phase);
            }
        }
        double h0 = Math.hypot(hr[0], hi[0]);
        double[] support = new double[3];
        for (int k = 0; k < n; k++) {
            if (Math.hypot(hr[k], hi[k]) <= 1e-3 * h0) continue;
            int[] kk = coords(p, k);
            for (int a = 0; a < 3; a++) support[a] = Math.max(support[a], Math.abs(freq(kk[a], dims[a])));
        }
        for (int a = 0; a < 3; a++) support[a] = dims[a] == 1 ? 0.5 : Math.max(support[a], 1.0 / dims[a]);
        double beta = 0.01, eps2 = 1 / (beta * beta) - 1;
        double[] br = new double[n], bi = new double[n];
        for (int k = 0; k < n; k++) {
            int[] kk = coords(p, k);
            double w2 = 0;
            for (int a = 0; a < 3; a++) {
                double f = freq(kk[a], dims[a]) / (settings.cutoff() * support[a]);
                w2 += f * f;
            }
            double bw = 1 / Math.sqrt(1 + eps2 * Math.pow(w2, settings.order()));
            double f = bw / (hr[k] * hr[k] + hi[k] * hi[k] + settings.alpha() * h0 * h0);
            br[k] = hr[k] * f;
            bi[k] = hi[k] * f;
        }
        double[] out = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            int[] rr = coords(p, r);
            double v = 0;
            for (int k = 0; k < n; k++) {
                int[] kk = coords(p, k);
                double phase = 0;
                for (int a = 0; a < 3; a++) phase += (double) kk[a] * (rr[a] - c[a]) / dims[a];
                v += br[k] * Math.cos(2 * Math.PI * phase) - bi[k] * Math.sin(2 * Math.PI * phase);
            }
            out[r] = v / n;
            sum += out[r];
        }
        for (int r = 0; r < n; r++) out[r] /= sum;
        return out;
    }

    private static int[] coords(Shape s, int i) {
        return new int[] {i % s.nx(), (i / s.nx()) % s.ny(), i / (s.nx() * s.ny())};
    }

    private static double freq(int i, int n) { return (i <= n / 2 ? i : i - n) / (double) n; }

    /**
     * Circular convolution ({@code transpose}: correlation) on grid {@code g} with a kernel on box
     * {@code p} centred at {@code c}, by direct summation.
     */
    static double[] circular(double[] x, Shape g, double[] kernel, Shape p, int[] c, boolean transpose) {
        double[] out = new double[g.voxels()];
        int s = transpose ? 1 : -1;
        for (int z = 0; z < g.nz(); z++) for (int y = 0; y < g.ny(); y++) for (int xx = 0; xx < g.nx(); xx++) {
            double acc = 0;
            for (int kz = 0; kz < p.nz(); kz++) for (int ky = 0; ky < p.ny(); ky++) for (int kx = 0; kx < p.nx(); kx++) {
                int u = Math.floorMod(xx + s * (kx - c[0]), g.nx());
                int v = Math.floorMod(y + s * (ky - c[1]), g.ny());
                int w = Math.floorMod(z + s * (kz - c[2]), g.nz());
                acc += kernel[p.index(kx, ky, kz)] * x[g.index(u, v, w)];
            }
            out[g.index(xx, y, z)] = acc;
        }
        return out;
    }

    /** {@code iterations} of rl-wb on {@code image} with background {@code b}; the result on the image's shape. */
    public static double[] run(Volume image, Psf psf, Boundary boundary, BackProjectorSettings settings, double b,
                               int iterations) {
        Shape s = image.shape();
        Shape g = PaddedSizes.grid(s, psf.shape(), boundary);
        Shape p = psf.shape();
        int[] c = {psf.centreX(), psf.centreY(), psf.centreZ()};
        double[] h = new double[p.voxels()];
        for (int i = 0; i < h.length; i++) h[i] = psf.volume().data()[i];
        double[] bp = kernel(psf, settings);
        int n = g.voxels();
        double[] y = new double[n], mask = new double[n];
        double target = 0;
        for (int z = 0; z < s.nz(); z++) for (int yy = 0; yy < s.ny(); yy++) for (int x = 0; x < s.nx(); x++) {
            int i = g.index(x, yy, z);
            y[i] = image.get(x, yy, z);
            mask[i] = 1;
            target += y[i] - b;
        }
        double mean = target / s.voxels();
        boolean padded = !g.equals(s);
        double[] norm = new double[n];
        if (padded) {
            double[] abs = new double[bp.length];
            double absSum = 0;
            for (int i = 0; i < bp.length; i++) {
                abs[i] = Math.abs(bp[i]);
                absSum += abs[i];
            }
            double[] nh = circular(mask, g, h, p, c, true), nb = circular(mask, g, bp, p, c, true);
            double[] na = circular(mask, g, abs, p, c, true);
            for (int i = 0; i < n; i++) {
                norm[i] = (float) nh[i] < RichardsonLucy.MIN_NORMALISER ? 0 : Math.max(nb[i], na[i] / absSum);
            }
        } else {
            java.util.Arrays.fill(norm, 1);
        }
        double[] x = new double[n];
        java.util.Arrays.fill(x, mean);
        for (int z = 0; z < s.nz(); z++) for (int yy = 0; yy < s.ny(); yy++) for (int xx = 0; xx < s.nx(); xx++) {
            double sum = 0;
            int cnt = 0;
            for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                int u = xx + dx, v = yy + dy, w = z + dz;
                if (u < 0 || v < 0 || w < 0 || u >= s.nx() || v >= s.ny() || w >= s.nz()) continue;
                sum += image.get(u, v, w) - b;
                cnt++;
            }
            x[g.index(xx, yy, z)] = Math.max(sum / cnt, 0.01 * mean);
        }
        for (int k = 1; k <= iterations; k++) {
            double[] hx = circular(x, g, h, p, c, false);
            double predicted = 0;
            for (int i = 0; i < n; i++) predicted += mask[i] * hx[i];
            for (int i = 0; i < n; i++) {
                x[i] *= target / predicted;
                hx[i] *= target / predicted;
            }
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = mask[i] * y[i] / (Math.max(hx[i], 0) + b);
            double[] corr = circular(r, g, bp, p, c, true);
            double w = settings.relaxation();
            for (int i = 0; i < n; i++) {
                double step = norm[i] >= RichardsonLucy.MIN_NORMALISER ? Math.max(0, x[i] * corr[i] / norm[i]) : 0;
                x[i] = (1 - w) * x[i] + w * step;
            }
        }
        double[] hx = circular(x, g, h, p, c, false);
        double flux = 0;
        for (int i = 0; i < n; i++) flux += mask[i] * hx[i];
        double[] out = new double[s.voxels()];
        for (int z = 0; z < s.nz(); z++) for (int yy = 0; yy < s.ny(); yy++) for (int xx = 0; xx < s.nx(); xx++) {
            out[s.index(xx, yy, z)] = x[g.index(xx, yy, z)] * target / flux;
        }
        return out;
    }
}
