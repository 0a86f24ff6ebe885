package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Bar 2: on a synthetic widefield stack (points and filaments, known PSF, Poisson noise, camera
 * offset 100) the methods recover the truth as they should, at the borders too.
 */
class SyntheticRecoveryTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);
    private static final Shape IMAGE = Shape.of(64, 64, 40);
    private static CpuBackend backend;
    private static Psf psf;
    private static SyntheticStack stack;
    /** Border band width: the PSF half-size per axis. */
    private static int bx, by, bz;

    @BeforeAll
    static void makeStack() {
        backend = new CpuBackend();
        psf = TestPsfs.gaussian(Shape.of(13, 13, 17), VOXEL, 1.4, 1.4, 2.6);
        bx = psf.centreX();
        by = psf.centreY();
        bz = psf.centreZ();
        stack = SyntheticStack.builder(IMAGE, VOXEL).seed(42).pointsPerMegavoxel(Double.parseDouble(System.getProperty("pts","600"))).pointPhotons(Double.parseDouble(System.getProperty("pph","1500"))).filamentsPerMegavoxel(Double.parseDouble(System.getProperty("fil","40"))).build(psf, backend);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static DeconvolutionResult run(Algorithm a, int iterations, Boundary boundary, Background bg) {
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(iterations)
                .boundary(boundary).background(bg).build();
        return Deconvolvers.create(s, backend).deconvolve(stack.image(), psf, ProgressListener.NONE);
    }

    /** Root-mean-square error against the truth over the band (border) or the interior. */
    private static double error(Volume x, boolean band) {
        Volume t = stack.truth();
        double se = 0;
        long n = 0;
        for (int z = 0; z < IMAGE.nz(); z++) {
            for (int y = 0; y < IMAGE.ny(); y++) {
                for (int xx = 0; xx < IMAGE.nx(); xx++) {
                    boolean inBand = xx < bx || xx >= IMAGE.nx() - bx || y < by || y >= IMAGE.ny() - by
                            || z < bz || z >= IMAGE.nz() - bz;
                    if (inBand != band) continue;
                    double d = x.get(xx, y, z) - t.get(xx, y, z);
                    se += d * d;
                    n++;
                }
            }
        }
        return Math.sqrt(se / n);
    }

    private static double totalError(Volume x) {
        float[] a = x.data(), t = stack.truth().data();
        double se = 0;
        for (int i = 0; i < a.length; i++) se += (double) (a[i] - t[i]) * (a[i] - t[i]);
        return Math.sqrt(se / a.length);
    }

    @Test
    void explore() {
        for (Object[] c : new Object[][] {
                {Algorithm.RICHARDSON_LUCY, 20, Boundary.NON_CIRCULANT},
                {Algorithm.RICHARDSON_LUCY, 60, Boundary.NON_CIRCULANT},
                {Algorithm.RICHARDSON_LUCY, 200, Boundary.NON_CIRCULANT},
                {Algorithm.ACCELERATED_RL, 10, Boundary.NON_CIRCULANT},
                {Algorithm.ACCELERATED_RL, 20, Boundary.NON_CIRCULANT},
                {Algorithm.ACCELERATED_RL, 40, Boundary.NON_CIRCULANT},
                {Algorithm.ACCELERATED_RL, 20, Boundary.PERIODIC},
                {Algorithm.RICHARDSON_LUCY, 60, Boundary.PERIODIC}}) {
            DeconvolutionResult r = run((Algorithm) c[0], (Integer) c[1], (Boundary) c[2], Background.fixed(stack.background()));
            double flux = r.volume().sum();
            double expected = stack.image().sum() - stack.background() * IMAGE.voxels();
            System.out.printf("%s %d %s: total %.3f band %.3f interior %.3f  flux ratio %.4f (truth %.4f) t=%.2fs%n",
                    c[0], c[1], c[2], totalError(r.volume()), error(r.volume(), true), error(r.volume(), false),
                    flux / expected, stack.truth().sum() / expected, r.elapsedNanos() / 1e9);
        }
        System.out.printf("auto bg %.3f true %.3f%n", BackgroundEstimator.estimate(stack.image()), stack.background());
    }
}
