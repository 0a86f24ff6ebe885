package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Time-point intervals and the time limit. */
class TimingTest {

    @Test
    void timePointsStartOneIntervalApart() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().timePoints(3).intervalMs(80).zStack(0, 1, 2).framesPerSecond(500).build(),
                sink);
        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS));
        assertEquals(6, sink.planes.size());
        long t0 = sink.planes.get(0).timestampNanos();
        for (int t = 1; t < 3; t++) {
            double ms = (sink.planes.get(2 * t).timestampNanos() - t0) / 1e6;
            assertTrue(ms >= 0.95 * 80 * t, "time point " + t + " started after " + ms + " ms");
        }
        assertEquals(0, acq.statistics().lateFrames(), "the interval restarts the frame schedule");
    }

    @Test
    void timeLimitStopsTheAcquisitionEarly() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        // 1000 frames at 100 fps would take 10 s; the limit allows 0.1 s
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(0, 0.01, 1000).framesPerSecond(100).timeLimitMs(100).build(), sink);
        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS), "time limit did not stop the acquisition");
        assertEquals(AcquisitionOutcome.TIME_LIMIT, acq.outcome());
        int n = sink.planes.size();
        assertTrue(n >= 1 && n < 1000, "planes: " + n);
        assertEquals("[finished(true, " + n + ")]", sink.finishedCalls.toString());
        assertEquals(7.25, scope.focus.positionUm, 0.0);
    }
}
