package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.hardware.HardwareException;

/** Failures of hardware, selectors or sink stop the acquisition, are recorded, and clean up. */
class FailureTest {
    private static final AcquisitionSettings TWO_CHANNELS_FOUR_SLICES =
            AcquisitionSettings.builder().channels("a", "b").zStack(0, 1, 4).build();

    private static Acquisition runToEnd(FakeMicroscope scope, RecordingSink sink, AcquisitionRunner runner)
            throws InterruptedException {
        Acquisition acq = runner.start(scope, TWO_CHANNELS_FOUR_SLICES, sink);
        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS));
        return acq;
    }

    @Test
    void cameraFailureMidAcquisitionIsRecordedWithItsPlane() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        scope.camera.failOnSnap = 7;
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = runToEnd(scope, sink, new AcquisitionRunner());

        assertEquals(AcquisitionOutcome.FAILED, acq.outcome());
        AcquisitionException failure = acq.failure();
        assertNotNull(failure);
        assertEquals(new PlaneCoords(0, 0, 1, 2), failure.coords());
        assertTrue(failure.getCause() instanceof HardwareException, String.valueOf(failure.getCause()));
        assertTrue(failure.getMessage().contains("t=0 p=0 c=1 z=2") && failure.getMessage().contains("snapping")
                && failure.getMessage().contains("read-out failed on snap 7"), failure.getMessage());
        assertEquals(6, sink.planes.size());
        assertEquals(Collections.singletonList("finished(true, 6)"), sink.finishedCalls);
        assertEquals(7.25, scope.focus.positionUm, 0.0, "focus restored after the failure");
    }

    @Test
    void sinkFailureStopsTheAcquisition() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        final IllegalStateException boom = new IllegalStateException("sink full");
        sink.hook = new RecordingSink.Hook() {
            @Override
            public void onPlane(AcquiredPlane plane, int count) {
                if (count == 3) throw boom;
            }
        };
        Acquisition acq = runToEnd(scope, sink, new AcquisitionRunner());

        assertEquals(AcquisitionOutcome.FAILED, acq.outcome());
        assertSame(boom, acq.failure().getCause());
        assertEquals(new PlaneCoords(0, 0, 0, 2), acq.failure().coords());
        assertEquals(2, acq.planesDelivered(), "the plane whose accept threw is not counted");
        assertEquals(Collections.singletonList("finished(true, 2)"), sink.finishedCalls);
        assertEquals(3, scope.camera.snaps, "no snap after the failure");
        assertEquals(7.25, scope.focus.positionUm, 0.0);
    }

    @Test
    void focusFailureIsRecordedAndTheFocusStillRestored() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        scope.focus.failOnMove = 3;
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = runToEnd(scope, sink, new AcquisitionRunner());

        assertEquals(AcquisitionOutcome.FAILED, acq.outcome());
        assertEquals(new PlaneCoords(0, 0, 0, 2), acq.failure().coords());
        assertTrue(acq.failure().getMessage().contains("moving the focus to 2.0 µm"), acq.failure().getMessage());
        assertEquals(Collections.singletonList("finished(true, 2)"), sink.finishedCalls);
        assertEquals(7.25, scope.focus.positionUm, 0.0);
    }

    @Test
    void channelSelectorFailureIsRecorded() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = runToEnd(scope, sink, new AcquisitionRunner(null, new ChannelSelector() {
            @Override
            public void selectChannel(int channel, String name) throws HardwareException {
                if (channel == 1) throw new HardwareException("filter wheel stuck before '" + name + "'");
            }
        }));
        assertEquals(AcquisitionOutcome.FAILED, acq.outcome());
        assertEquals(new PlaneCoords(0, 0, 1, 0), acq.failure().coords());
        assertEquals(Collections.singletonList("finished(true, 4)"), sink.finishedCalls);
    }

    @Test
    void focusRestoreFailureAfterACompleteRunIsReportedWithoutCoords() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        scope.focus.failOnMove = 9; // the 8 slices pass; moving back home fails
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = runToEnd(scope, sink, new AcquisitionRunner());
        assertEquals(AcquisitionOutcome.COMPLETED, acq.outcome());
        assertEquals(Collections.singletonList("finished(false, 8)"), sink.finishedCalls);
        assertNotNull(acq.failure());
        assertNull(acq.failure().coords());
        assertTrue(acq.failure().getMessage().contains("restoring the focus to 7.25 µm"), acq.failure().getMessage());
    }
}
