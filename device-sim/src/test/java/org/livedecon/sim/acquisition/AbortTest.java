package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.livedecon.core.acquisition.AcquiredPlane;

/** Bar 4c: abort stops cleanly, within one plane, and tells the sink exactly once. */
class AbortTest {

    @Test
    void abortFromAnotherThreadStopsBeforeTheNextPlane() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        final CountDownLatch tenPlanes = new CountDownLatch(10);
        sink.hook = new RecordingSink.Hook() {
            @Override
            public void onPlane(AcquiredPlane plane, int count) { tenPlanes.countDown(); }
        };
        // 1000 planes at 200 fps would take 5 s
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().zStack(-10, 0.02, 1000).framesPerSecond(200).build(), sink);
        assertTrue(tenPlanes.await(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS), "10 planes did not arrive");

        acq.abort();
        int received = sink.planes.size();

        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS), "acquisition did not end after the abort");
        assertTrue(received >= 10 && received < 1000, "planes at abort: " + received);
        assertEquals(received, sink.planes.size(), "planes arrived after abort() returned");
        assertEquals(Collections.singletonList("finished(true, " + received + ")"), sink.finishedCalls);
        assertEquals(received, acq.planesDelivered());
        assertEquals(AcquisitionOutcome.ABORTED, acq.outcome());
        assertEquals(null, acq.failure());
        sink.thread.join(2000);
        assertFalse(sink.thread.isAlive(), "acquisition thread still running");
        assertEquals(7.25, scope.focus.positionUm, 0.0, "focus restored to its start position");
    }

    @Test
    void abortFromInsideTheSinkDeliversNoFurtherPlane() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        final Acquisition[] handle = new Acquisition[1];
        final CountDownLatch started = new CountDownLatch(1);
        sink.hook = new RecordingSink.Hook() {
            @Override
            public void onPlane(AcquiredPlane plane, int count) {
                try {
                    started.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (count == 5) handle[0].abort();
            }
        };
        handle[0] = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().channels("a", "b").zStack(0, 1, 10).build(), sink);
        started.countDown();
        assertTrue(handle[0].awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS));
        assertEquals(5, sink.planes.size());
        assertEquals(Collections.singletonList("finished(true, 5)"), sink.finishedCalls);
        assertEquals(AcquisitionOutcome.ABORTED, handle[0].outcome());
        assertEquals(7.25, scope.focus.positionUm, 0.0);
    }

    @Test
    void abortCutsATimePointIntervalShort() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        final CountDownLatch firstTimePoint = new CountDownLatch(2);
        sink.hook = new RecordingSink.Hook() {
            @Override
            public void onPlane(AcquiredPlane plane, int count) { firstTimePoint.countDown(); }
        };
        Acquisition acq = new AcquisitionRunner().start(scope,
                AcquisitionSettings.builder().timePoints(3).intervalMs(60000).zStack(0, 1, 2).build(), sink);
        assertTrue(firstTimePoint.await(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS));
        Thread.sleep(20); // the runner is now parked in the 60 s interval
        long abortAt = System.nanoTime();
        acq.abort();
        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS), "abort did not cut the 60 s interval short");
        // the interval is 60 s: ending well before it means the abort cut it short (a generous bound:
        // a loaded machine may be slow to schedule the thread, never by tens of seconds)
        assertTrue(System.nanoTime() - abortAt < 30_000_000_000L);
        assertEquals(Collections.singletonList("finished(true, 2)"), sink.finishedCalls);
        assertEquals(AcquisitionOutcome.ABORTED, acq.outcome());
        assertEquals(7.25, scope.focus.positionUm, 0.0);
    }

    @Test
    void abortAfterTheEndChangesNothing() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope, AcquisitionSettings.builder().zStack(0, 1, 3).build(), sink);
        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS));
        acq.abort();
        assertTrue(acq.isDone());
        assertEquals(AcquisitionOutcome.COMPLETED, acq.outcome());
        assertEquals(Collections.singletonList("finished(false, 3)"), sink.finishedCalls);
    }
}
