package org.livedecon.core.deconv;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.testing.VolumeAssert;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Bar 1: the FFT implementations agree with straightforward float64 references written here
 * from the formulas: circular convolution by direct summation for RL, a direct DFT for Wiener.
 */
class ReferenceAgreementTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.25);

    private static Volume randomImage(Shape s, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (20 + 200 * rnd.nextDouble() * rnd.nextDouble());
        return new Volume(s, VOXEL, d);
    }

    @ParameterizedTest(name = "image {0}x{1}x{2}, PSF {3}x{4}x{5}, {6} threads")
    @CsvSource({"11,10,7,5,4,3,2", "8,8,8,5,5,5,1", "9,6,5,7,3,9,2"})
    void periodicRichardsonLucyMatchesDirectSummation(int nx, int ny, int nz, int px, int py, int pz, int threads) {
        Shape s = Shape.of(nx, ny, nz);
        Volume image = randomImage(s, 7);
        Psf psf = TestPsfs.gaussian(Shape.of(px, py, pz), VOXEL, 1.0, 0.8, 1.3);
        double b = 15;
        int iterations = 8;
        DeconvolutionSettings settings = DeconvolutionSettings.builder().algorithm(Algorithm.RICHARDSON_LUCY)
                .iterations(iterations).boundary(Boundary.PERIODIC).background(Background.fixed(b)).build();
        Volume result;
        try (CpuBackend backend = new CpuBackend(threads)) {
            result = Deconvolvers.create(settings, backend).deconvolve(image, psf, ProgressListener.NONE).volume();
        }
        VolumeAssert.assertClose(referenceRl(image, psf, b, iterations), result, 1e-4);
    }

    @ParameterizedTest(name = "image {0}x{1}x{2}, PSF {3}x{4}x{5}")
    @CsvSource({"10,9,6,5,4,3", "7,7,5,3,3,7"})
    void periodicWienerMatchesDirectDft(int nx, int ny, int nz, int px, int py, int pz) {
        Shape s = Shape.of(nx, ny, nz);
        Volume image = randomImage(s, 11);
        Psf psf = TestPsfs.gaussian(Shape.of(px, py, pz), VOXEL, 0.9, 1.1, 1.2);
        double b = 10, lambda = 0.01;
        DeconvolutionSettings settings = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).lambda(lambda)
                .boundary(Boundary.PERIODIC).background(Background.fixed(b)).build();
        Volume result;
        try (CpuBackend backend = new CpuBackend(2)) {
            result = Deconvolvers.create(settings, backend).deconvolve(image, psf, ProgressListener.NONE).volume();
        }
        VolumeAssert.assertClose(referenceWiener(image, psf, b, lambda), result, 1e-4);
    }

    /**
     * x ← x · Hᵀ(y / (Hx + b)), Hᵀ1 = 1, by direct circular summation in double. As specified
     * for our RL: start from the 3x3x3 mean of y − b (at least 1 % of its global mean), and before
     * each ratio, and once at the end, scale x so that Σ Hx = Σ (y − b).
     */
    static double[] referenceRl(Volume image, Psf psf, double b, int iterations) {
        Shape s = image.shape();
        int n = s.voxels();
        double[] y = new double[n];
        double target = 0;
        for (int i = 0; i < n; i++) {
            y[i] = image.data()[i];
            target += y[i] - b;
        }
        double mean = target / n;
        double[] x = new double[n];
        for (int z = 0; z < s.nz(); z++) for (int yy = 0; yy < s.ny(); yy++) for (int xx = 0; xx < s.nx(); xx++) {
            double sum = 0;
            int cnt = 0;
            for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                int u = xx + dx, v = yy + dy, w = z + dz;
                if (u < 0 || v < 0 || w < 0 || u >= s.nx() || v >= s.ny() || w >= s.nz()) continue;
                sum += y[s.index(u, v, w)] - b;
                cnt++;
            }
            x[s.index(xx, yy, z)] = Math.max(sum / cnt, 0.01 * mean);
        }
        for (int k = 0; k <= iterations; k++) {
            double[] hx = circular(x, s, psf, false);
            double predicted = 0;
            for (double v : hx) predicted += v;
            for (int i = 0; i < n; i++) {
                x[i] *= target / predicted;
                hx[i] *= target / predicted;
            }
            if (k == iterations) break;
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = y[i] / (Math.max(hx[i], 0) + b);
            double[] c = circular(r, s, psf, true);
            for (int i = 0; i < n; i++) x[i] = Math.max(0, x[i] * c[i]);
        }
        return x;
    }

    /** Convolution (or correlation) with the PSF centred at n/2, periodic on the image grid. */
    static double[] circular(double[] in, Shape s, Psf psf, boolean correlate) {
        Volume p = psf.volume();
        double[] out = new double[in.length];
        int cx = psf.centreX(), cy = psf.centreY(), cz = psf.centreZ();
        for (int z = 0; z < s.nz(); z++) {
            for (int y = 0; y < s.ny(); y++) {
                for (int x = 0; x < s.nx(); x++) {
                    double acc = 0;
                    for (int w = 0; w < p.nz(); w++) {
                        for (int v = 0; v < p.ny(); v++) {
                            for (int u = 0; u < p.nx(); u++) {
                                int sign = correlate ? 1 : -1;
                                int sx = Math.floorMod(x + sign * (u - cx), s.nx());
                                int sy = Math.floorMod(y + sign * (v - cy), s.ny());
                                int sz = Math.floorMod(z + sign * (w - cz), s.nz());
                                acc += p.get(u, v, w) * in[s.index(sx, sy, sz)];
                            }
                        }
                    }
                    out[s.index(x, y, z)] = acc;
                }
            }
        }
        return out;
    }

    /** X = (Y-b) conj(H) / (|H|² + λ) with a direct 3D DFT. */
    static double[] referenceWiener(Volume image, Psf psf, double b, double lambda) {
        Shape s = image.shape();
        int n = s.voxels();
        double[] yr = new double[n], yi = new double[n], hr = new double[n], hi = new double[n];
        for (int i = 0; i < n; i++) yr[i] = image.data()[i] - b;
        double[] h = new double[n];
        Volume p = psf.volume();
        for (int w = 0; w < p.nz(); w++) {
            for (int v = 0; v < p.ny(); v++) {
                for (int u = 0; u < p.nx(); u++) {
                    h[s.index(Math.floorMod(u - psf.centreX(), s.nx()), Math.floorMod(v - psf.centreY(), s.ny()),
                            Math.floorMod(w - psf.centreZ(), s.nz()))] += p.get(u, v, w);
                }
            }
        }
        double[][] yf = dft(yr, yi, s, -1);
        double[][] hf = dft(h, new double[n], s, -1);
        double[] xr = new double[n], xi = new double[n];
        for (int i = 0; i < n; i++) {
            double a = yf[0][i], c = yf[1][i], e = hf[0][i], f = hf[1][i];
            double den = e * e + f * f + lambda;
            xr[i] = (a * e + c * f) / den;
            xi[i] = (c * e - a * f) / den;
        }
        double[][] x = dft(xr, xi, s, +1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = x[0][i] / n;
        return out;
    }

    private static double[][] dft(double[] re, double[] im, Shape s, int sign) {
        int n = s.voxels();
        double[] or = new double[n], oi = new double[n];
        for (int kz = 0; kz < s.nz(); kz++) for (int ky = 0; ky < s.ny(); ky++) for (int kx = 0; kx < s.nx(); kx++) {
            double ar = 0, ai = 0;
            for (int z = 0; z < s.nz(); z++) for (int y = 0; y < s.ny(); y++) for (int x = 0; x < s.nx(); x++) {
                double ph = sign * 2 * Math.PI * ((double) kx * x / s.nx() + (double) ky * y / s.ny() + (double) kz * z / s.nz());
                int i = s.index(x, y, z);
                double c = Math.cos(ph), si = Math.sin(ph);
                ar += re[i] * c - im[i] * si;
                ai += re[i] * si + im[i] * c;
            }
            int k = s.index(kx, ky, kz);
            or[k] = ar;
            oi[k] = ai;
        }
        return new double[][] {or, oi};
    }
}
