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
 * The non-circulant (Bertero–Boccacci) RL and its Biggs–Andrews acceleration against a float64
 * reference written from the formulas with direct summation: x on the extended grid, the
 * measured window M at the origin, normaliser Hᵀ M, flux matching, and the Biggs prediction.
 */
class NonCirculantReferenceTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.25);

    @ParameterizedTest(name = "image {0}x{1}x{2}, PSF {3}x{4}x{5}, accelerated {6}")
    @CsvSource({"9,8,6,5,3,5,false", "9,8,6,5,3,5,true", "10,7,5,3,5,7,true", "8,8,1,3,3,5,false"})
    void matchesDirectSummation(int nx, int ny, int nz, int px, int py, int pz, boolean accelerated) {
        Shape s = Shape.of(nx, ny, nz);
        Random rnd = new Random(3);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (12 + 300 * Math.pow(rnd.nextDouble(), 4));
        Volume image = new Volume(s, VOXEL, d);
        Psf psf = TestPsfs.gaussian(Shape.of(px, py, pz), VOXEL, 0.9, 1.1, 1.4);
        double b = 10;
        int iterations = 6;
        Algorithm a = accelerated ? Algorithm.ACCELERATED_RL : Algorithm.RICHARDSON_LUCY;
        DeconvolutionSettings settings = DeconvolutionSettings.builder().algorithm(a).iterations(iterations)
                .boundary(Boundary.NON_CIRCULANT).background(Background.fixed(b)).build();
        Volume result;
        try (CpuBackend backend = new CpuBackend(2)) {
            result = Deconvolvers.create(settings, backend).deconvolve(image, psf, ProgressListener.NONE).volume();
        }
        Shape grid = PaddedSizes.grid(s, psf.shape(), Boundary.NON_CIRCULANT);
        VolumeAssert.assertClose(reference(image, psf, grid, b, iterations, accelerated), result, 1e-4);
    }

    static double[] reference(Volume image, Psf psf, Shape g, double b, int iterations, boolean accelerated) {
        Shape s = image.shape();
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
        double[] norm = ReferenceAgreementTest.circular(mask, g, psf, true);
        // start: 3x3x3 mean of y - b inside the window (at least 1 % of the mean), the mean outside
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
        double[] xPrev = x.clone(), gPrev = new double[n];
        for (int k = 1; k <= iterations; k++) {
            double[] hx = ReferenceAgreementTest.circular(x, g, psf, false);
            double predicted = 0;
            for (int i = 0; i < n; i++) predicted += mask[i] * hx[i];
            for (int i = 0; i < n; i++) {
                x[i] *= target / predicted;
                hx[i] *= target / predicted;
            }
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = mask[i] * y[i] / (Math.max(hx[i], 0) + b);
            double[] c = ReferenceAgreementTest.circular(r, g, psf, true);
            double[] xNew = new double[n];
            for (int i = 0; i < n; i++) {
                xNew[i] = norm[i] >= RichardsonLucy.MIN_NORMALISER ? Math.max(0, x[i] * c[i] / norm[i]) : 0;
            }
            if (!accelerated) {
                x = xNew;
                continue;
            }
            // Biggs & Andrews: g = xNew - prediction, alpha = <g, gPrev> / <gPrev, gPrev> in [0, 1]
            double ab = 0, bb = 0;
            for (int i = 0; i < n; i++) {
                double gi = xNew[i] - x[i];
                ab += gi * gPrev[i];
                bb += gPrev[i] * gPrev[i];
                gPrev[i] = gi;
            }
            double alpha = k >= 2 && bb > 0 ? Math.max(0, Math.min(1, ab / bb)) : 0;
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(0, xNew[i] + alpha * (xNew[i] - xPrev[i]));
                xPrev[i] = xNew[i];
            }
        }
        double[] result = accelerated ? xPrev : x;
        double flux = 0;
        for (int i = 0; i < n; i++) flux += norm[i] * result[i];
        double[] out = new double[s.voxels()];
        for (int z = 0; z < s.nz(); z++) for (int yy = 0; yy < s.ny(); yy++) for (int xx = 0; xx < s.nx(); xx++) {
            out[s.index(xx, yy, z)] = result[g.index(xx, yy, z)] * target / flux;
        }
        return out;
    }
}
