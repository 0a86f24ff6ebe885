package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.livedecon.core.acquisition.AcquiredPlane;

/** Bar 4a: frame pacing on a fixed schedule, slow hardware, no catch-up bursts. */
class FrameRateTest {
    /** How long a test waits before it calls the acquisition hung: generous, a loaded CI machine is slow. */
    static final long PATIENCE_S = 120;

    private static double meanPeriodMs(List<AcquiredPlane> planes) {
        long span = planes.get(planes.size() - 1).timestampNanos() - planes.get(0).timestampNanos();
        return span / 1e6 / (planes.size() - 1);
    }

    /**
     * 100 fps, 200 frames through the real runner. The schedule's exactness is tested on a virtual
     * clock ({@link FramePacerTest}); here only what a loaded machine cannot break: the pacer never
     * lets a frame go early, so the last plane comes at least 199 periods after the first frame's
     * slot, and the achieved rate is never above the asked one.
     */
    @Test
    void honoursFrameRateOver200Frames() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        long before = System.nanoTime();
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(0, 0.1, 200).framesPerSecond(100).build(), sink);
        assertTrue(acq.awaitCompletion(PATIENCE_S, TimeUnit.SECONDS), "acquisition did not end");
        assertEquals(200, sink.planes.size());
        long span = sink.planes.get(199).timestampNanos() - before;
        assertTrue(span >= 199 * 10_000_000L, "200 frames at 100 fps took only " + span / 1e6 + " ms");
        AcquisitionStatistics stats = acq.statistics();
        assertEquals(1000.0 / meanPeriodMs(sink.planes), stats.achievedFramesPerSecond(), 1e-6);
    }

    @Test
    void statisticsReportTheAchievedRate() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(0, 0.1, 21).framesPerSecond(200).build(), sink);
        assertTrue(acq.awaitCompletion(PATIENCE_S, TimeUnit.SECONDS));
        AcquisitionStatistics stats = acq.statistics();
        assertEquals(21, stats.planes());
        // the rate is computed from the planes' timestamps; its exactness: FramePacerTest
        assertEquals(1000.0 / meanPeriodMs(sink.planes), stats.achievedFramesPerSecond(), 1e-6);
    }

    @Test
    void hardwareSlowerThanTheFrameRateRunsFlatOutAndCountsLateFrames() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        scope.camera.snapNanos = 3000000L; // 3 ms per snap against a 1 ms frame period
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(0, 0.1, 20).framesPerSecond(1000).build(), sink);
        assertTrue(acq.awaitCompletion(PATIENCE_S, TimeUnit.SECONDS));
        assertEquals(20, sink.planes.size());
        assertEquals(19, acq.statistics().lateFrames(), "every frame after the first misses its slot");
        assertTrue(acq.statistics().achievedFramesPerSecond() < 1000.0 / 3, acq.statistics().toString());
        assertEquals(1000.0 / meanPeriodMs(sink.planes), acq.statistics().achievedFramesPerSecond(), 1e-6);
    }

    @Test
    void noFrameRateMeansAsFastAsPossible() throws InterruptedException {
        // that no frame waits is tested on a virtual clock (FramePacerTest); here: all arrive, none late
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(0, 0.1, 500).build(), sink);
        assertTrue(acq.awaitCompletion(PATIENCE_S, TimeUnit.SECONDS));
        assertEquals(500, sink.planes.size());
        assertEquals(0, acq.statistics().lateFrames());
    }
}
