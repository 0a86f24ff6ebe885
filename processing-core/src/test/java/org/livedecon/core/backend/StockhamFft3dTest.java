package org.livedecon.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.livedecon.core.volume.Shape;

/**
 * livedecon's FFT against a naive float64 DFT and against the JTransforms reference: max error
 * relative to the largest magnitude at most 1e-5, forward and inverse, on the sizes the tiles of
 * non-circulant grids produce along each axis.
 */
class StockhamFft3dTest {
    private static final double TOLERANCE = 1e-5;
    /** Sizes along one axis: tiny, odd primes, and 2,3,5,7-smooth grid lengths. */
    private static final int[] SIZES = {1, 2, 3, 5, 7, 30, 49, 98, 320, 576};

    @ParameterizedTest(name = "n = {0}")
    @MethodSource("lineLengths")
    void lineTransformMatchesNaiveDftForEveryLaneCount(int n) {
        LineFft f = new LineFft(n);
        for (int lanes : new int[] {1, 3, 8, 32}) {
            Random rnd = new Random(n * 31L + lanes);
            float[] re = new float[n * lanes], im = new float[n * lanes];
            for (int i = 0; i < re.length; i++) {
                re[i] = (float) rnd.nextGaussian();
                im[i] = (float) rnd.nextGaussian();
            }
            float[] re0 = re.clone(), im0 = im.clone();
            // rows as the transform takes them (value j of lane b at [j][b]), a little wider than
            // the lanes so that a loop running past them would show
            float[][] rr = new float[n][lanes + 5], ri = new float[n][lanes + 5];
            for (int j = 0; j < n; j++) {
                System.arraycopy(re, j * lanes, rr[j], 0, lanes);
                System.arraycopy(im, j * lanes, ri[j], 0, lanes);
                rr[j][lanes] = 99f;
            }
            LineFft.Work work = new LineFft.Work();
            f.forward(rr, ri, lanes, work);
            for (int b = 0; b < lanes; b++) {
                double[][] want = naiveDft1d(re0, im0, n, lanes, b, -1);
                double err = 0, max = 0;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, Math.hypot(want[0][k], want[1][k]));
                    err = Math.max(err, Math.hypot(rr[k][b] - want[0][k], ri[k][b] - want[1][k]));
                }
                assertTrue(err / max <= TOLERANCE, "n=" + n + " lanes=" + lanes + " lane " + b + ": relative error " + err / max);
            }
            f.inverse(rr, ri, lanes, work);
            double err = 0, max = 0;
            for (int i = 0; i < re.length; i++) {
                float gr = rr[i / lanes][i % lanes], gi = ri[i / lanes][i % lanes];
                max = Math.max(max, Math.hypot(re0[i], im0[i]));
                err = Math.max(err, Math.hypot(gr / n - re0[i], gi / n - im0[i]));
            }
            for (int j = 0; j < n; j++) assertEquals(99f, rr[j][lanes], "row " + j + " written past its lanes");
            assertTrue(err / max <= TOLERANCE, "n=" + n + " lanes=" + lanes + ": inverse relative error " + err / max);
        }
    }

    static Stream<Integer> lineLengths() {
        List<Integer> all = new ArrayList<Integer>();
        for (int n = 1; n <= 40; n++) all.add(n);
        for (int n : new int[] {49, 64, 96, 98, 121, 128, 143, 169, 192, 320, 343, 576, 1152}) all.add(n);
        return all.stream();
    }

    private static double[][] naiveDft1d(float[] re, float[] im, int n, int lanes, int b, int sign) {
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double a = sign * 2 * Math.PI * (((long) j * k) % n) / n;
                double c = Math.cos(a), s = Math.sin(a);
                double xr = re[j * lanes + b], xi = im[j * lanes + b];
                sr += xr * c - xi * s;
                si += xr * s + xi * c;
            }
            out[0][k] = sr;
            out[1][k] = si;
        }
        return out;
    }

    /** Every size of {@link #SIZES} along each axis, the other two from 1, 5 and 7, against the float64 DFT. */
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("smallShapes")
    void forwardMatchesNaiveDftAndInverseRestoresInput(int nx, int ny, int nz) {
        Shape s = Shape.of(nx, ny, nz);
        float[] in = random(s, nx * 10007L + ny * 101 + nz);
        try (Parallel par = new Parallel(2)) {
            StockhamFft3d fft = new StockhamFft3d(s, par);
            int nxh = nx / 2 + 1;
            float[] spec = new float[2 * nxh * ny * nz];
            fft.forward(in, spec, s);
            double[] want = naiveDft3d(in, s);
            assertEquals(0, relativeError(spec, want), TOLERANCE, "forward transform differs from the naive DFT");
            float[] back = new float[in.length];
            fft.inverse(spec, back, s);
            assertEquals(0, relativeError(back, toDouble(in)), TOLERANCE, "inverse does not restore the input");
        }
    }

    static Stream<Arguments> smallShapes() {
        List<Arguments> all = new ArrayList<Arguments>();
        int[] others = {1, 5, 7};
        for (int n : SIZES) {
            for (int a : others) {
                for (int b : others) {
                    all.add(Arguments.of(n, a, b));
                    all.add(Arguments.of(a, n, b));
                    all.add(Arguments.of(a, b, n));
                }
            }
        }
        return all.stream().distinct();
    }

    /**
     * The 3D DFT in float64 straight from its definition, axis by axis (the sum over x, then y,
     * then z: the same triple sum, separated), with exact twiddles reduced mod n.
     */
    private static double[] naiveDft3d(float[] in, Shape s) {
        int nx = s.nx(), ny = s.ny(), nz = s.nz(), nxh = nx / 2 + 1;
        double[] re = new double[nx * ny * nz], im = new double[re.length];
        for (int i = 0; i < re.length; i++) re[i] = in[i];
        naiveAxis(re, im, nx, 1, ny * nz, nx);
        naiveAxis(re, im, ny, nx, nz, nx * ny);
        naiveAxis(re, im, nz, nx * ny, 1, 0);
        double[] out = new double[2 * nxh * ny * nz];
        for (int l = 0; l < ny * nz; l++) {
            for (int kx = 0; kx < nxh; kx++) {
                out[2 * (kx + nxh * l)] = re[kx + nx * l];
                out[2 * (kx + nxh * l) + 1] = im[kx + nx * l];
            }
        }
        return out;
    }

    /** Naive DFT of every line of n points {@code step} apart, starting at {@code c * outer + i}, c below count, i below step. */
    private static void naiveAxis(double[] re, double[] im, int n, int step, int count, int outer) {
        double[] tr = new double[n], ti = new double[n];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < step; i++) {
                int o = c * outer + i;
                for (int k = 0; k < n; k++) {
                    double sr = 0, si = 0;
                    for (int j = 0; j < n; j++) {
                        double a = -2 * Math.PI * (((long) j * k) % n) / n;
                        double c1 = Math.cos(a), s1 = Math.sin(a);
                        double xr = re[o + j * step], xi = im[o + j * step];
                        sr += xr * c1 - xi * s1;
                        si += xr * s1 + xi * c1;
                    }
                    tr[k] = sr;
                    ti[k] = si;
                }
                for (int k = 0; k < n; k++) {
                    re[o + k * step] = tr[k];
                    im[o + k * step] = ti[k];
                }
            }
        }
    }

    /**
     * Against JTransforms on grids combining the sizes along each axis (the combinations tiles of
     * a stack produce), with windows: forward with a zero region, inverse needing a sub-window,
     * and the fused convolution against forward, multiply, inverse.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("gridShapes")
    void matchesJTransformsWithWindowsAndFusedConvolution(int nx, int ny, int nz) {
        Shape s = Shape.of(nx, ny, nz);
        Shape window = Shape.of(Math.max(1, nx * 2 / 3), Math.max(1, ny * 2 / 3), Math.max(1, nz * 2 / 3));
        float[] in = random(s, nx * 7919L + ny * 13 + nz);
        zeroOutside(in, s, window);
        try (Parallel par = new Parallel(2)) {
            StockhamFft3d mine = new StockhamFft3d(s, par);
            JTransformsFft3d ref = new JTransformsFft3d(s, par);
            int len = 2 * (nx / 2 + 1) * ny * nz;
            float[] a = new float[len], b = new float[len];
            java.util.Arrays.fill(a, Float.NaN); // every spectrum value must be written
            mine.forward(in, a, window);
            ref.forward(in, b, window);
            assertEquals(0, relativeError(a, toDouble(b)), TOLERANCE, "forward with a window");

            float[] otf = new float[len];
            ref.forward(random(s, 5), otf, s);
            float[] c = b.clone();
            StockhamFft3d.multiply(par, c, otf, true);
            float[] want = new float[in.length];
            ref.inverse(c, want, window);

            float[] got = new float[in.length];
            mine.inverse(a.clone(), got, s);
            float[] wantFull = new float[in.length];
            ref.inverse(b.clone(), wantFull, s);
            assertEquals(0, relativeError(got, toDouble(wantFull)), TOLERANCE, "inverse");

            float[] conv = in.clone();
            mine.convolve(conv, window, otf, true, new float[len], conv, window);
            zeroOutside(conv, s, window);
            zeroOutside(want, s, window);
            assertEquals(0, relativeError(conv, toDouble(want)), TOLERANCE, "fused convolution with conj(OTF)");
        }
    }

    static Stream<Arguments> gridShapes() {
        List<Arguments> all = new ArrayList<Arguments>();
        int[] others = {1, 7, 30};
        for (int n : SIZES) {
            for (int a : others) {
                for (int b : others) {
                    all.add(Arguments.of(n, a, b));
                    all.add(Arguments.of(a, n, b));
                    all.add(Arguments.of(a, b, n));
                }
            }
        }
        // whole grids as non-circulant tiles make them: padded planes with fewer, padded planes
        all.add(Arguments.of(320, 320, 49));
        all.add(Arguments.of(576, 98, 30));
        all.add(Arguments.of(98, 576, 5));
        all.add(Arguments.of(320, 98, 98));
        all.add(Arguments.of(49, 320, 7));
        all.add(Arguments.of(36, 35, 16)); // the grid of a 30x28x12 image and a 7x7x5 PSF
        all.add(Arguments.of(22, 21, 15));
        return all.stream().distinct();
    }

    /** A real tile grid, transformed with the backend's default FFT and with JTransforms through the Backend. */
    @ParameterizedTest(name = "{0}x{1}x{2}, {3} threads")
    @CsvSource({"320,320,96,2", "96,96,49,1", "13,11,17,2", "1,1,1,1"})
    void backendsAgreeOnConvolution(int nx, int ny, int nz, int threads) {
        Shape s = Shape.of(nx, ny, nz);
        Shape window = Shape.of(Math.max(1, nx - 10), Math.max(1, ny - 20), Math.max(1, nz - 5));
        float[] img = random(s, 3);
        float[] psf = random(s, 4);
        float[][] results = new float[2][];
        CpuFft[] kinds = {CpuFft.LIVEDECON, CpuFft.JTRANSFORMS};
        for (int k = 0; k < 2; k++) {
            try (CpuBackend be = new CpuBackend(threads, kinds[k]);
                 RealBuffer r = be.real(s); RealBuffer h = be.real(s);
                 SpectrumBuffer otf = be.spectrum(s); SpectrumBuffer spec = be.spectrum(s)) {
                be.upload(psf, s, h);
                be.forward(h, otf, s);
                be.upload(img, s, r);
                be.convolve(r, s, otf, false, spec, r, window);
                results[k] = new float[window.voxels()];
                be.download(r, results[k], window);
            }
        }
        assertEquals(0, relativeError(results[0], toDouble(results[1])), TOLERANCE);
    }

    @Test
    void largePrimeSizesFallBackToTheReference() {
        assertTrue(StockhamFft3d.suits(Shape.of(576, 320, 98)));
        assertTrue(!StockhamFft3d.suits(Shape.of(17 * 2, 10, 10)));
        assertEquals(CpuFft.LIVEDECON, CpuFft.parse("LiveDecon"));
        assertEquals(CpuFft.JTRANSFORMS, CpuFft.parse("jtransforms"));
    }

    private static float[] random(Shape s, long seed) {
        Random rnd = new Random(seed);
        float[] a = new float[s.voxels()];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    private static void zeroOutside(float[] a, Shape s, Shape w) {
        for (int z = 0; z < s.nz(); z++) {
            for (int y = 0; y < s.ny(); y++) {
                for (int x = 0; x < s.nx(); x++) {
                    if (x >= w.nx() || y >= w.ny() || z >= w.nz()) a[x + s.nx() * (y + s.ny() * z)] = 0f;
                }
            }
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /** max |got − want| / max |want|; NaN (a value never written) fails. */
    private static double relativeError(float[] got, double[] want) {
        assertEquals(want.length, got.length);
        double err = 0, max = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, Math.abs(want[i]));
            double e = Math.abs(got[i] - want[i]);
            if (!(e <= Double.MAX_VALUE)) return Double.POSITIVE_INFINITY;
            err = Math.max(err, e);
        }
        return max == 0 ? err : err / max;
    }
}
