package org.livedecon.core.backend.opencl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.BackProjectorSettings;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.deconv.WienerButterworthReference;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.testing.VolumeAssert;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Bar 1 of the Wiener–Butterworth issue on OpenCL: rl-wb against the float64 direct-summation reference. */
class OpenClWienerButterworthTest extends OpenClAndCpu {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.25);

    @ParameterizedTest(name = "{0} image {1}x{2}x{3}, {4} iterations")
    @CsvSource({"PERIODIC,9,7,5,1", "NON_CIRCULANT,9,7,5,1", "NON_CIRCULANT,11,13,7,1", "PERIODIC,16,12,8,3",
        "NON_CIRCULANT,9,8,5,3"})
    void matchesFloat64Reference(Boundary boundary, int nx, int ny, int nz, int iterations) {
        Shape s = Shape.of(nx, ny, nz);
        java.util.Random rnd = new java.util.Random(13L * nx + nz);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (12 + 300 * Math.pow(rnd.nextDouble(), 4));
        Volume img = new Volume(s, VOXEL, d);
        Psf psf = TestPsfs.gaussian(Shape.of(5, 3, 5), VOXEL, 0.9, 1.1, 1.4);
        BackProjectorSettings wb = BackProjectorSettings.builder().alpha(0.01).cutoff(0.8).order(6).build();
        DeconvolutionSettings settings = DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB).iterations(iterations)
                .boundary(boundary).background(Background.fixed(10)).backProjector(wb).tolerance(0).build();
        Volume result = Deconvolvers.create(settings, ocl).deconvolve(img, psf, ProgressListener.NONE).volume();
        VolumeAssert.assertClose(WienerButterworthReference.run(img, psf, boundary, wb, 10, iterations), result, 1e-4);
    }
}
