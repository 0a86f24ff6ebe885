package org.livedecon.core.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.DeconvolutionPlan;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.deconv.TiledDeconvolver;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Tiling on the OpenCL backend, budgeted by what its device memory allows; the iterative methods
 * run their tiles in lockstep, their state in host memory, one tile's buffers on the device.
 */
class OpenClTilingTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"WIENER", "RICHARDSON_LUCY", "ACCELERATED_RL", "RL_TV"})
    void jobLargerThanTheDeviceRunsTiledAndMatchesTheUntiledCpuResult(Algorithm a) {
        OpenClDevice device = OpenClTestDevices.device();
        Psf psf = GaussianPsf.of(Shape.of(13, 13, 11), VOXEL, 1.4, 1.4, 2.0);
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(10).build();
        Volume image;
        Volume expected;
        try (CpuBackend cpu = new CpuBackend(2)) {
            image = SyntheticStack.builder(Shape.of(120, 100, 24), VOXEL).seed(11).pointsPerMegavoxel(800)
                    .pointPhotons(20000).filamentsPerMegavoxel(60).build(psf, cpu).image();
            expected = Deconvolvers.create(s, cpu).deconvolve(image, psf, ProgressListener.NONE).volume();
        }
        // 8 MiB of device memory: the untiled job (about 15 MiB here) does not fit
        try (OpenClBackend gpu = new OpenClBackend(device, 8L << 20, "")) {
            TiledDeconvolver tiled = new TiledDeconvolver(s, gpu, gpu.memoryBudgetBytes());
            DeconvolutionPlan plan = tiled.plan(image.shape(), psf);
            assertTrue(plan.tiled(), "should tile: " + plan);
            assertEquals(a.iterative(), plan.lockstep(), "iterative tiles run in lockstep: " + plan);
            Volume got = tiled.deconvolve(image, psf, ProgressListener.NONE).volume();
            double worst = 0;
            for (int i = 0; i < got.data().length; i++) worst = Math.max(worst, Math.abs(got.data()[i] - expected.data()[i]));
            double range = expected.max() - expected.min();
            System.out.println("[tiling] opencl " + a + ": worst difference " + worst + " = " + (100 * worst / range)
                    + " % of the range in " + plan);
            assertTrue(worst <= 0.01 * range, a + ": worst difference " + worst + " of range " + range + " in " + plan);
            assertTrue(gpu.allocatedBytes() <= 8L << 20, "stayed within the device memory");
        }
    }
}
