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
 * Bar 2: on a synthetic widefield stack (points and filaments in a sample larger than the view,
 * known PSF, Poisson noise, camera offset 100) the methods recover the truth as they should,
 * at the borders too. Errors are root-mean-square differences to the true object, in photons.
 */
class SyntheticRecoveryTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);
    private static final Shape IMAGE = Shape.of(64, 64, 40);
    private static CpuBackend backend;
    private static Psf psf;
    private static SyntheticStack stack;

    @BeforeAll
    static void makeStack() {
        backend = new CpuBackend();
        psf = TestPsfs.gaussian(Shape.of(13, 13, 17), VOXEL, 1.4, 1.4, 2.6);
        stack = sample(false);
    }

    private static SyntheticStack sample(boolean objectsInView) {
        return SyntheticStack.builder(IMAGE, VOXEL).seed(42).pointsPerMegavoxel(600).pointPhotons(20000)
                .filamentsPerMegavoxel(40).objectsInView(objectsInView).build(psf, backend);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static Volume run(SyntheticStack s, Algorithm a, int iterations, Boundary boundary, Background bg) {
        DeconvolutionSettings settings = DeconvolutionSettings.builder().algorithm(a).iterations(iterations)
                .boundary(boundary).background(bg).build();
        return Deconvolvers.create(settings, backend).deconvolve(s.image(), psf, ProgressListener.NONE).volume();
    }

    private static Volume run(Algorithm a, int iterations, Boundary boundary) {
        return run(stack, a, iterations, boundary, Background.fixed(stack.background()));
    }

    /** RMS error over the border band one PSF half-width wide ({@code band}) or the interior. */
    private static double error(Volume x, boolean band) {
        Volume t = stack.truth();
        int bx = psf.centreX(), by = psf.centreY(), bz = psf.centreZ();
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

    private static double error(Volume x) {
        float[] a = x.data(), t = stack.truth().data();
        double se = 0;
        for (int i = 0; i < a.length; i++) se += (double) (a[i] - t[i]) * (a[i] - t[i]);
        return Math.sqrt(se / a.length);
    }

    @Test
    void acceleratedRlAt20IterationsBeatsPlainRlAt60() {
        double accelerated = error(run(Algorithm.ACCELERATED_RL, 20, Boundary.NON_CIRCULANT));
        double plain = error(run(Algorithm.RICHARDSON_LUCY, 60, Boundary.NON_CIRCULANT));
        double blurred = error(stack.image().copy()); // sanity: both must improve on doing nothing
        assertTrue(accelerated < plain, "accelerated RL x20 error " + accelerated + " should be below plain RL x60 " + plain);
        assertTrue(plain < blurred, "RL error " + plain + " should be below the raw image's " + blurred);
    }

    @Test
    void nonCirculantBoundaryKeepsTheBorderAsGoodAsTheInterior() {
        Volume nonCirculant = run(Algorithm.ACCELERATED_RL, 20, Boundary.NON_CIRCULANT);
        Volume periodic = run(Algorithm.ACCELERATED_RL, 20, Boundary.PERIODIC);
        double ncBand = error(nonCirculant, true), ncInterior = error(nonCirculant, false);
        double pBand = error(periodic, true), pInterior = error(periodic, false);
        String numbers = String.format("non-circulant band %.2f interior %.2f; periodic band %.2f interior %.2f",
                ncBand, ncInterior, pBand, pInterior);
        assertTrue(ncBand <= 1.5 * ncInterior, "non-circulant border band too bad: " + numbers);
        // wrap-around puts light from one face onto the opposite one: the periodic band is worse
        assertTrue(pBand > 1.02 * ncBand, "periodic band should be measurably worse: " + numbers);
        assertTrue(pBand / pInterior > ncBand / ncInterior, "periodic band/interior ratio should be worse: " + numbers);
    }

    @Test
    void totalVariationRegularisationSmoothsNoise() {
        Volume plain = run(Algorithm.ACCELERATED_RL, 20, Boundary.NON_CIRCULANT);
        Volume tv = run(Algorithm.RL_TV, 20, Boundary.NON_CIRCULANT);
        double tvPlain = totalVariation(plain), tvTv = totalVariation(tv);
        assertTrue(tvTv < 0.97 * tvPlain, "RL-TV total variation " + tvTv + " should be below RL's " + tvPlain);
        assertTrue(error(tv) < 1.05 * error(plain), "RL-TV error " + error(tv) + " vs RL " + error(plain));
    }

    /** Σ |forward difference| over the three axes (anisotropic total variation). */
    private static double totalVariation(Volume v) {
        double tv = 0;
        for (int z = 0; z < v.nz(); z++) for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) {
            float c = v.get(x, y, z);
            if (x + 1 < v.nx()) tv += Math.abs(v.get(x + 1, y, z) - c);
            if (y + 1 < v.ny()) tv += Math.abs(v.get(x, y + 1, z) - c);
            if (z + 1 < v.nz()) tv += Math.abs(v.get(x, y, z + 1) - c);
        }
        return tv;
    }

    @Test
    void fluxIsConservedWithinOnePercent() {
        SyntheticStack inView = sample(true);
        double truth = inView.truth().sum();
        Object[][] runs = {{Algorithm.ACCELERATED_RL, 20}, {Algorithm.RICHARDSON_LUCY, 60}, {Algorithm.RL_TV, 20},
                {Algorithm.WIENER, 1}};
        for (Object[] r : runs) {
            Algorithm a = (Algorithm) r[0];
            for (Boundary b : Boundary.values()) {
                double flux = run(inView, a, (Integer) r[1], b, Background.fixed(inView.background())).sum();
                assertEquals(1.0, flux / truth, 0.01, a + " " + b + ": flux " + flux + " vs truth " + truth);
            }
        }
    }

    @Test
    void autoBackgroundIsCloseToTheTrueOffsetAndGivesAlmostTheSameResult() {
        double estimated = BackgroundEstimator.estimate(stack.image());
        // 0.5 % of the offset+background of 110 counts; noise σ is about 3 counts
        assertEquals(stack.background(), estimated, 0.6, "auto background");
        double withAuto = error(run(stack, Algorithm.ACCELERATED_RL, 20, Boundary.NON_CIRCULANT, Background.auto()));
        double withTrue = error(run(Algorithm.ACCELERATED_RL, 20, Boundary.NON_CIRCULANT));
        assertEquals(withTrue, withAuto, 0.02 * withTrue, "error with auto background vs true background");
    }
}
