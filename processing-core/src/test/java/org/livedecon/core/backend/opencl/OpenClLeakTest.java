package org.livedecon.core.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.live.StreamedWiener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Device memory is released after every job: no growth over 1000 jobs, nothing left after close. */
class OpenClLeakTest {
    @Test
    void thousandJobsLeaveNoBuffersBehind() {
        VoxelSize voxel = VoxelSize.of(0.1, 0.25);
        Shape s = Shape.of(8, 8, 4);
        Random rnd = new Random(5);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (10 + 50 * rnd.nextDouble());
        Volume image = new Volume(s, voxel, d);
        Psf psf = TestPsfs.gaussian(Shape.of(3, 3, 3), voxel, 1.0, 1.0, 1.0);
        OpenClBackend b = new OpenClBackend(OpenClTestDevices.device());
        try {
            Deconvolver wiener = Deconvolvers.create(settings(Algorithm.WIENER), b);
            Deconvolver rl = Deconvolvers.create(settings(Algorithm.ACCELERATED_RL), b);
            wiener.deconvolve(image, psf, ProgressListener.NONE);
            rl.deconvolve(image, psf, ProgressListener.NONE);
            int steady = b.liveMemObjects();
            long steadyBytes = b.allocatedBytes();
            for (int i = 0; i < 1000; i++) {
                (i % 2 == 0 ? wiener : rl).deconvolve(image, psf, ProgressListener.NONE);
            }
            assertEquals(steady, b.liveMemObjects(), "memory objects after 1000 jobs");
            assertEquals(steadyBytes, b.allocatedBytes(), "device bytes after 1000 jobs");
        } finally {
            b.close();
        }
        assertEquals(0, b.liveMemObjects(), "memory objects after close");
        assertEquals(0, b.allocatedBytes());
    }

    @Test
    void streamedWienerReleasesItsStacks() {
        VoxelSize voxel = VoxelSize.of(0.1, 0.25);
        Psf psf = TestPsfs.gaussian(Shape.of(3, 3, 3), voxel, 1.0, 1.0, 1.0);
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER)
                .boundary(Boundary.NON_CIRCULANT).background(Background.auto()).build();
        int nx = 10, ny = 9, nz = 6;
        float[] plane = new float[nx * ny];
        for (int i = 0; i < plane.length; i++) plane[i] = 10 + (i % 7);
        OpenClBackend b = new OpenClBackend(OpenClTestDevices.device());
        try {
            int steady = -1;
            long steadyBytes = -1;
            for (int round = 0; round < 3; round++) {
                try (StreamedWiener w = new StreamedWiener(psf, s, nx, ny, nz, b, 1)) {
                    for (int stack = 0; stack < 3; stack++) {
                        for (int z = 0; z < nz; z++) w.add(z, plane.clone());
                        w.finish(voxel);
                    }
                }
                if (round == 0) {
                    steady = b.liveMemObjects(); // what the backend keeps: scratch spectra and twiddles
                    steadyBytes = b.allocatedBytes();
                }
            }
            assertEquals(steady, b.liveMemObjects(), "memory objects after three kernels");
            assertEquals(steadyBytes, b.allocatedBytes(), "device bytes after three kernels");
        } finally {
            b.close();
        }
        assertEquals(0, b.liveMemObjects(), "memory objects after close");
        assertEquals(0, b.allocatedBytes());
    }

    private static DeconvolutionSettings settings(Algorithm a) {
        return DeconvolutionSettings.builder().algorithm(a).iterations(2).boundary(Boundary.PERIODIC)
                .background(Background.fixed(5)).build();
    }
}
