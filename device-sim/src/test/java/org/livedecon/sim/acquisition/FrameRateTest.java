package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.livedecon.core.acquisition.AcquiredPlane;

/** Bar 4a: frame pacing on a fixed schedule, slow hardware, no catch-up bursts. */
class FrameRateTest {

    /** Runs {@code frames} single-slice planes at {@code fps} and returns the sink. */
    private static RecordingSink acquire(FakeMicroscope scope, double fps, int frames) throws InterruptedException {
        RecordingSink sink = new RecordingSink(null);
        AcquisitionSettings s = AcquisitionSettings.builder().zStack(0, 0.1, frames).framesPerSecond(fps).build();
        Acquisition acq = new AcquisitionRunner().start(scope, s, sink);
        assertTrue(acq.awaitCompletion(20, TimeUnit.SECONDS), "acquisition did not end within 20 s");
        assertEquals(AcquisitionOutcome.COMPLETED, acq.outcome());
        assertEquals(frames, sink.planes.size());
        return sink;
    }

    private static double meanPeriodMs(List<AcquiredPlane> planes) {
        long span = planes.get(planes.size() - 1).timestampNanos() - planes.get(0).timestampNanos();
        return span / 1e6 / (planes.size() - 1);
    }

    /**
     * 100 fps, 200 frames, a camera much faster than that: the mean frame period from the first to
     * the last plane's timestamp is 10 ms within 5 %. A fixed schedule makes the mean depend only on
     * the first and last frame's lateness, so one measurement is normally enough; it is repeated
     * once because a loaded CI machine may deschedule the acquisition thread for longer than 0.1 s
     * exactly at the last frame, which is the machine's fault, not the pacing's.
     */
    @Test
    void honoursFrameRateWithinFivePercentOver200Frames() throws InterruptedException {
        double expectedMs = 10.0;
        double periodMs = meanPeriodMs(acquire(new FakeMicroscope(), 100, 200).planes);
        if (Math.abs(periodMs - expectedMs) > 0.05 * expectedMs) {
            periodMs = meanPeriodMs(acquire(new FakeMicroscope(), 100, 200).planes);
        }
        assertEquals(expectedMs, periodMs, 0.05 * expectedMs, "mean frame period over 200 frames at 100 fps, ms");
    }

    @Test
    void statisticsReportTheAchievedRate() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(0, 0.1, 21).framesPerSecond(200).build(), sink);
        assertTrue(acq.awaitCompletion(5, TimeUnit.SECONDS));
        AcquisitionStatistics stats = acq.statistics();
        assertEquals(21, stats.planes());
        assertEquals(1000.0 / meanPeriodMs(sink.planes), stats.achievedFramesPerSecond(), 1e-6);
        assertEquals(200, stats.achievedFramesPerSecond(), 20);
    }

    @Test
    void hardwareSlowerThanTheFrameRateRunsFlatOutAndCountsLateFrames() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        scope.camera.snapNanos = 3000000L; // 3 ms per snap against a 1 ms frame period
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(0, 0.1, 20).framesPerSecond(1000).build(), sink);
        assertTrue(acq.awaitCompletion(5, TimeUnit.SECONDS));
        assertEquals(20, sink.planes.size());
        assertEquals(19, acq.statistics().lateFrames(), "every frame after the first misses its slot");
        assertTrue(acq.statistics().achievedFramesPerSecond() < 1000.0 / 3, acq.statistics().toString());
    }

    @Test
    void aStallIsFollowedByAtMostOneCatchUpFrame() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        scope.camera.stallOnSnap = 10;
        scope.camera.stallNanos = 60000000L; // one 60 ms hiccup at 100 fps
        RecordingSink sink = acquire(scope, 100, 30);
        double halfPeriodNanos = 5e6;
        int shortGaps = 0;
        boolean previousShort = false;
        for (int i = 1; i < sink.planes.size(); i++) {
            long gap = sink.planes.get(i).timestampNanos() - sink.planes.get(i - 1).timestampNanos();
            boolean isShort = gap < halfPeriodNanos;
            if (isShort) shortGaps++;
            assertTrue(!(isShort && previousShort), "two catch-up frames in a row before plane " + i);
            previousShort = isShort;
        }
        assertTrue(shortGaps >= 1, "the frame after the stall goes at once");
        assertTrue(shortGaps <= 2, "catch-up frames: " + shortGaps);
    }

    @Test
    void noFrameRateMeansAsFastAsPossible() throws InterruptedException {
        long start = System.nanoTime();
        RecordingSink sink = acquire(new FakeMicroscope(), 0, 500);
        assertTrue(System.nanoTime() - start < 2000000000L, "500 instant frames took more than 2 s");
        assertEquals(500, sink.planes.size());
    }
}
