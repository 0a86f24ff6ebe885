package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Bar 3 of the Wiener–Butterworth issue on a small case: rl-wb with its default stop (no ground
 * truth) never ends worse than its own best iterate by more than 2 % of that iterate's NRMSE, at a
 * bright and a dim noise level and with both boundaries. Its iterates are those of runs with the
 * stop and a maximum of 1, 2, … iterations (up to 5 past where it stopped).
 */
class WienerButterworthStopTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);

    private static double nrmse(Volume x, Volume truth) {
        float[] a = x.data(), t = truth.data();
        double e = 0, n = 0;
        for (int i = 0; i < a.length; i++) {
            e += (double) (a[i] - t[i]) * (a[i] - t[i]);
            n += (double) t[i] * t[i];
        }
        return Math.sqrt(e / n);
    }

    /**
     * The default α, and smaller ones that diverge within a few iterations (the stop must catch it);
     * the default relaxation and the undamped step (relaxation 1).
     */
    @ParameterizedTest(name = "point photons {0}, {1}, alpha {2}, relaxation {3}")
    @CsvSource({"20000,NON_CIRCULANT,0.01,0.5", "2000,NON_CIRCULANT,0.01,0.5", "20000,PERIODIC,0.01,0.5",
        "2000,NON_CIRCULANT,0.001,0.5", "20000,NON_CIRCULANT,0.0003,0.5",
        "20000,NON_CIRCULANT,0.01,1", "2000,NON_CIRCULANT,0.01,1", "20000,PERIODIC,0.01,1", "2000,NON_CIRCULANT,0.001,1",
        "20000,NON_CIRCULANT,0.0003,1"})
    void defaultStopEndsWithinTwoPercentOfTheBestIterate(double photons, Boundary boundary, double alpha,
                                                         double relaxation) {
        Psf psf = TestPsfs.gaussian(Shape.of(11, 11, 9), VOXEL, 1.4, 1.4, 2.0);
        try (CpuBackend backend = new CpuBackend(2)) {
            SyntheticStack stack = SyntheticStack.builder(Shape.of(64, 56, 20), VOXEL).seed(5).pointsPerMegavoxel(800)
                    .pointPhotons(photons).filamentsPerMegavoxel(60).filamentPhotonsPerVoxel(photons / 100)
                    .build(psf, backend);
            Background bg = Background.fixed(stack.background());
            DeconvolutionSettings stop = DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB).iterations(30)
                    .boundary(boundary).background(bg)
                    .backProjector(BackProjectorSettings.builder().alpha(alpha).relaxation(relaxation).build()).build();
            final StringBuilder changes = new StringBuilder();
            DeconvolutionResult r = Deconvolvers.create(stop, backend).deconvolve(stack.image(), psf, new ProgressListener() {
                @Override
                public void iterationDone(int done, int planned, double change, long elapsed) {
                    changes.append(String.format(java.util.Locale.ROOT, " %.3g", change));
                }
            });
            double atStop = nrmse(r.volume(), stack.truth());
            double best = Double.MAX_VALUE;
            int bestK = 0;
            StringBuilder trace = new StringBuilder();
            for (int k = 1; k <= Math.min(30, r.iterations() + 5); k++) {
                // the iterates of the stopping run itself: a step that fitted worse is retried shorter,
                // so they differ from those of a fixed count without the stop
                DeconvolutionSettings fixed = stop.toBuilder().iterations(k).build();
                double e = nrmse(Deconvolvers.create(fixed, backend).deconvolve(stack.image(), psf, ProgressListener.NONE)
                        .volume(), stack.truth());
                trace.append(String.format(java.util.Locale.ROOT, " %d:%.4f", k, e));
                if (e < best) {
                    best = e;
                    bestK = k;
                }
            }
            String msg = String.format(java.util.Locale.ROOT, "stopped after %d (%s) at NRMSE %.4f; best %.4f after %d;%s;"
                    + " changes%s", r.iterations(), r.stopReason(), atStop, best, bestK, trace, changes);
            System.out.println("[rl-wb stop] photons " + photons + " " + boundary + ": " + msg);
            assertTrue(atStop <= 1.02 * best, msg);
        }
    }
}
