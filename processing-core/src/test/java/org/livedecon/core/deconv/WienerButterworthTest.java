package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.testing.VolumeAssert;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Bar 1 of the Wiener–Butterworth issue on the CPU: rl-wb against {@link WienerButterworthReference}. */
class WienerButterworthTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.25);

    static Volume image(Shape s, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (12 + 300 * Math.pow(rnd.nextDouble(), 4));
        return new Volume(s, VOXEL, d);
    }

    @Test
    void kernelMatchesDirectDft() {
        // odd, even and prime box sizes: Bluestein and radix-2 paths of the host FFT
        for (int[] d : new int[][] {{5, 3, 7}, {8, 4, 5}, {7, 11, 1}}) {
            Psf psf = TestPsfs.gaussian(Shape.of(d[0], d[1], d[2]), VOXEL, 0.9, 1.1, 1.4);
            BackProjectorSettings settings = BackProjectorSettings.builder().alpha(0.01).cutoff(0.8).order(6).build();
            double[] expected = WienerButterworthReference.kernel(psf, settings);
            float[] actual = BackProjector.compute(psf, settings).kernel();
            double max = 0, err = 0, sum = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i]));
                err = Math.max(err, Math.abs(expected[i] - actual[i]));
                sum += actual[i];
            }
            assertTrue(err < 1e-6 * max, "kernel " + java.util.Arrays.toString(d) + " differs by " + err + " of " + max);
            assertEquals(1, sum, 1e-5);
        }
    }

    @ParameterizedTest(name = "{0} image {1}x{2}x{3}, PSF {4}x{5}x{6}, {7} iterations, relaxation {8}")
    @CsvSource({"PERIODIC,9,7,5,5,3,5,1,0.5", "NON_CIRCULANT,9,7,5,5,3,5,1,0.5", "NON_CIRCULANT,11,9,7,3,5,7,1,1",
        "PERIODIC,11,13,7,5,5,3,3,1", "NON_CIRCULANT,9,8,5,5,3,5,3,0.5", "NON_CIRCULANT,9,8,5,5,3,5,3,1"})
    void matchesFloat64Reference(Boundary boundary, int nx, int ny, int nz, int px, int py, int pz, int iterations,
                                 double relaxation) {
        Shape s = Shape.of(nx, ny, nz);
        Volume img = image(s, 11 * nx + ny);
        Psf psf = TestPsfs.gaussian(Shape.of(px, py, pz), VOXEL, 0.9, 1.1, 1.4);
        BackProjectorSettings wb = BackProjectorSettings.builder().alpha(0.01).cutoff(0.8).order(6)
                .relaxation(relaxation).build();
        DeconvolutionSettings settings = settings(boundary, wb, iterations);
        Volume result;
        try (CpuBackend backend = new CpuBackend(2)) {
            result = Deconvolvers.create(settings, backend).deconvolve(img, psf, ProgressListener.NONE).volume();
        }
        VolumeAssert.assertClose(WienerButterworthReference.run(img, psf, boundary, wb, 10, iterations), result, 1e-4);
    }

    /** Tiles in lockstep follow the untiled rl-wb, with a fixed count and with the default stop. */
    @ParameterizedTest(name = "tolerance {0}")
    @CsvSource({"0", "-1"})
    void lockstepTilesMatchUntiled(double tolerance) {
        VoxelSize voxel = VoxelSize.of(0.1, 0.2);
        Psf psf = TestPsfs.gaussian(Shape.of(13, 13, 11), voxel, 1.4, 1.4, 2.0);
        try (CpuBackend backend = new CpuBackend(2)) {
            Volume img = org.livedecon.core.synthetic.SyntheticStack.builder(Shape.of(120, 100, 24), voxel).seed(11)
                    .pointsPerMegavoxel(800).pointPhotons(20000).filamentsPerMegavoxel(60).build(psf, backend).image();
            DeconvolutionSettings.Builder b = DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB).iterations(4);
            if (tolerance >= 0) b.tolerance(tolerance);
            DeconvolutionSettings s = b.build();
            DeconvolutionResult whole = Deconvolvers.create(s, backend).deconvolve(img, psf, ProgressListener.NONE);
            DeconvolutionResult tiled = new TiledDeconvolver(s, backend, new int[] {3, 2, 1})
                    .deconvolve(img, psf, ProgressListener.NONE);
            assertTrue(tiled.plan().tiled());
            assertEquals(whole.iterations(), tiled.iterations());
            assertEquals(whole.stopReason(), tiled.stopReason());
            float lo = whole.volume().min(), hi = whole.volume().max();
            double worst = 0;
            for (int i = 0; i < img.data().length; i++) {
                worst = Math.max(worst, Math.abs(whole.volume().data()[i] - tiled.volume().data()[i]));
            }
            System.out.printf(java.util.Locale.ROOT, "[rl-wb tiles] %d iterations (%s): worst %.3f %% of the range%n",
                    whole.iterations(), whole.stopReason(), 100 * worst / (hi - lo));
            assertTrue(worst <= 0.01 * (hi - lo), "tiled rl-wb differs by " + worst + " of range " + (hi - lo));
        }
    }

    static DeconvolutionSettings settings(Boundary boundary, BackProjectorSettings wb, int iterations) {
        return DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB).iterations(iterations).boundary(boundary)
                .background(Background.fixed(10)).backProjector(wb).tolerance(0).build();
    }
}
