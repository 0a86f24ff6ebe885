package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.BackendFailure;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.opencl.OpenClDevice;
import org.livedecon.core.backend.opencl.OpenClDevices;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.Deconvolvers;

/** A device that fails in the middle of a live run: the engine moves to the CPU and still delivers every stack. */
class LiveBackendFallbackTest {
    private static final int NX = 24, NY = 20, NZ = 6;

    @Test
    void aDeviceFailureMidRunMovesTheEngineToTheCpuAndEveryStackIsDone() {
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevices.list();
        } catch (Throwable t) {
            devices = null;
            Assumptions.assumeTrue(false, "no OpenCL platform: " + t);
        }
        Assumptions.assumeTrue(!devices.isEmpty(), "no OpenCL device");

        final AtomicInteger openClJobs = new AtomicInteger();
        final AtomicInteger cpuJobs = new AtomicInteger();
        DeconvolverFactory failingOnTheSecondDeviceJob = new DeconvolverFactory() {
            @Override
            public Deconvolver create(DeconvolutionSettings settings, Backend backend) {
                if (backend instanceof CpuBackend) {
                    cpuJobs.incrementAndGet();
                } else if (openClJobs.incrementAndGet() == 2) {
                    throw new BackendFailure("simulated CL_OUT_OF_RESOURCES\nsecond line");
                }
                return Deconvolvers.create(settings, backend);
            }
        };
        final StringBuilder warnings = new StringBuilder();
        LiveTesting.Collector sink = new LiveTesting.Collector(0);
        LiveSettings s = LiveSettings.builder()
                .device("cpu-opencl").backendThreads(1).build();
        LiveResources res = LiveResources.builder().zPlanes(NZ).voxelSize(LiveTesting.VOXEL)
                .channel(0, LiveTesting.setup(Algorithm.RICHARDSON_LUCY, 2)).deconvolverFactory(failingOnTheSecondDeviceJob)
                .log(new LiveLog() {
                    @Override
                    public synchronized void warn(String message) { warnings.append(message).append('\n'); }
                }).build();
        LiveDeconvolver live = new LiveDeconvolver(s, res, sink);
        for (int t = 0; t < 4; t++) {
            for (int z = 0; z < NZ; z++) live.accept(LiveTesting.plane(t, 0, z, NX, NY, 10 * t + z));
        }
        live.close();

        LiveMetrics m = live.metrics();
        assertEquals(4, m.done(), m.toString());
        assertEquals(0, m.failed(), m.toString());
        assertEquals(0, m.lost());
        assertEquals(2, openClJobs.get(), "the first stack on OpenCL, the second failed there");
        assertEquals(3, cpuJobs.get(), "the failed stack again and the two after it on the CPU");
        String w = warnings.toString();
        assertTrue(w.contains("continuing on the CPU backend: simulated CL_OUT_OF_RESOURCES") && !w.contains("second line"), w);
        assertEquals(w.indexOf("continuing on the CPU"), w.lastIndexOf("continuing on the CPU"), "one reason, once: " + w);
    }
}
