package org.livedecon.core.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.JobRunner;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Bar 3: forced OpenCL failures fall back to the CPU backend and still produce its result. */
class OpenClFailureTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.25);
    private static final DeconvolutionSettings SETTINGS = DeconvolutionSettings.builder()
            .algorithm(Algorithm.ACCELERATED_RL).iterations(5).boundary(Boundary.NON_CIRCULANT)
            .background(Background.fixed(10)).build();
    private final Volume image = image();
    private final Psf psf = TestPsfs.gaussian(Shape.of(5, 5, 3), VOXEL, 1.0, 1.0, 1.0);

    private static Volume image() {
        Shape s = Shape.of(14, 12, 6);
        Random rnd = new Random(3);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (10 + 100 * rnd.nextDouble());
        return new Volume(s, VOXEL, d);
    }

    private float[] cpuResult() {
        try (CpuBackend cpu = new CpuBackend(2)) {
            return Deconvolvers.create(SETTINGS, cpu).deconvolve(image, psf, ProgressListener.NONE).volume().data();
        }
    }

    private float[] runWithFallback(Backend primary, List<String> log) {
        try (JobRunner runner = JobRunner.on(primary, 2, log::add)) {
            return runner.deconvolve(Deconvolvers::create, SETTINGS, image, psf, ProgressListener.NONE).volume().data();
        }
    }

    @Test
    void noMatchingDeviceFallsBackToCpu() {
        List<String> log = new ArrayList<String>();
        try (Backend b = Backends.create("no-such-device-zz9", 2, log::add)) {
            assertTrue(b instanceof CpuBackend, b.name());
            assertTrue(log.get(0).contains("using the CPU backend"), log.toString());
            assertArrayEquals(cpuResult(), runWithFallback(b, log));
        }
    }

    @Test
    void kernelBuildFailureFallsBackToCpu() {
        List<String> log = new ArrayList<String>();
        try (Backend b = Backends.create(OpenClTestDevices.device().name(), 2,
                log::add, -1, "__kernel void broken(__global float *a) { a[0] = undeclared_thing; }")) {
            assertTrue(b instanceof CpuBackend, b.name());
            assertTrue(log.get(0).contains("kernel build failed"), log.toString());
            assertArrayEquals(cpuResult(), runWithFallback(b, log));
        }
    }

    @Test
    void allocationFailureMidJobRerunsOnCpu() {
        // 64 KiB of device memory: the backend starts, the job's first volumes do not fit
        OpenClBackend small = new OpenClBackend(OpenClTestDevices.device(), 64 * 1024, "");
        try {
            List<String> log = new ArrayList<String>();
            float[] result = runWithFallback(small, log);
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains("out of device memory"), log.get(0));
            assertArrayEquals(cpuResult(), result);
        } finally {
            small.close();
        }
        assertEquals(0, small.liveMemObjects());
    }

    /**
     * A buffer over the device's largest allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE) is refused before
     * it reaches the driver. The device is given a 16 MiB largest buffer here, so the test means the
     * same on any machine and never allocates more than a few MiB.
     */
    @Test
    void aBufferOverTheLargestAllocationIsAnOpenClFailure() {
        OpenClDevice real = OpenClTestDevices.device();
        OpenClDevice small = new OpenClDevice(real.platformId, real.deviceId, real.platform(), real.name(), real.vendor(),
                real.version(), real.type(), real.globalMemBytes(), 16L << 20, real.computeUnits(), real.clockMHz(),
                real.fp64(), real.unifiedMemory());
        try (OpenClBackend b = new OpenClBackend(small, 64L << 20, "")) {
            int base = b.liveMemObjects(); // the backend's own scratch
            b.real(Shape.of(128, 128, 64)).close(); // 4 MiB: fits
            OpenClException e = assertThrows(OpenClException.class, () -> b.real(Shape.of(256, 256, 128)).close());
            assertTrue(e.getMessage().contains("out of device memory") && e.getMessage().contains("largest buffer 16 MiB"),
                    e.getMessage());
            assertEquals(base, b.liveMemObjects(), "nothing left allocated");
        }
    }

    /** The backend's memory limit holds over all its buffers, whatever the device has. */
    @Test
    void buffersOverTheMemoryLimitAreAnOpenClFailure() {
        try (OpenClBackend b = new OpenClBackend(OpenClTestDevices.device(), 20L << 20, "")) {
            int base = b.liveMemObjects(); // the backend's own scratch
            Shape eightMiB = Shape.of(256, 256, 32);
            org.livedecon.core.backend.RealBuffer first = null;
            try {
                first = b.real(eightMiB);
                org.livedecon.core.backend.RealBuffer second = b.real(eightMiB);
                second.close();
                org.livedecon.core.backend.RealBuffer keep = b.real(eightMiB);
                OpenClException e = assertThrows(OpenClException.class, () -> b.real(eightMiB).close());
                assertTrue(e.getMessage().contains("out of device memory") && e.getMessage().contains("of 20 MiB"),
                        e.getMessage());
                keep.close();
            } finally {
                if (first != null) first.close();
            }
            assertEquals(base, b.liveMemObjects(), "nothing left allocated");
        }
    }
}
