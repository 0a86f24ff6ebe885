package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.AcquisitionOrder;
import org.livedecon.core.acquisition.PlaneCoords;

/** Bar 4b: Micro-Manager loop order, focus positions and selector calls, event by event. */
class AcquisitionOrderTest {
    private static final String[] CHANNELS = {"DAPI", "GFP", "mCherry"};

    private static AcquisitionSettings settings(AcquisitionOrder order) {
        return AcquisitionSettings.builder().timePoints(2).positions(2).channels(CHANNELS).zStack(-1.5, 0.5, 4)
                .order(order).build();
    }

    private static List<String> run(final FakeMicroscope scope, AcquisitionSettings s, RecordingSink sink)
            throws InterruptedException {
        AcquisitionRunner runner = new AcquisitionRunner(new PositionSelector() {
            @Override
            public void selectPosition(int position) { scope.events.add("position " + position); }
        }, new ChannelSelector() {
            @Override
            public void selectChannel(int channel, String name) { scope.events.add("channel " + channel + " " + name); }
        });
        Acquisition acq = runner.start(scope, s, sink);
        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS), "acquisition did not end");
        assertEquals(AcquisitionOutcome.COMPLETED, acq.outcome());
        assertEquals(48, acq.planesDelivered());
        synchronized (scope.events) {
            return new ArrayList<String>(scope.events);
        }
    }

    @Test
    void slicesFirstRunsTimePositionChannelSlice() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(scope.events);
        AcquisitionSettings s = settings(AcquisitionOrder.SLICES_FIRST);
        List<String> events = run(scope, s, sink);

        List<String> expected = new ArrayList<String>();
        List<PlaneCoords> coords = new ArrayList<PlaneCoords>();
        int snap = 0;
        for (int t = 0; t < 2; t++) {
            for (int p = 0; p < 2; p++) {
                expected.add("position " + p);
                for (int c = 0; c < 3; c++) {
                    expected.add("channel " + c + " " + CHANNELS[c]);
                    for (int z = 0; z < 4; z++) {
                        expected.add("move " + s.zUm(z));
                        expected.add("settle");
                        expected.add("snap " + (++snap));
                        expected.add("plane " + t + "," + p + "," + c + "," + z);
                        coords.add(new PlaneCoords(t, p, c, z));
                    }
                }
            }
        }
        expected.add("move 7.25");
        expected.add("settle");
        expected.add("finished false 48");
        assertEquals(expected, events);
        assertEquals(coords, sink.coords());
        assertPlaneContents(sink, s);
    }

    @Test
    void channelsFirstRunsTimePositionSliceChannel() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(scope.events);
        AcquisitionSettings s = settings(AcquisitionOrder.CHANNELS_FIRST);
        List<String> events = run(scope, s, sink);

        List<String> expected = new ArrayList<String>();
        List<PlaneCoords> coords = new ArrayList<PlaneCoords>();
        int snap = 0;
        for (int t = 0; t < 2; t++) {
            for (int p = 0; p < 2; p++) {
                expected.add("position " + p);
                for (int z = 0; z < 4; z++) {
                    expected.add("move " + s.zUm(z));
                    expected.add("settle");
                    for (int c = 0; c < 3; c++) {
                        expected.add("channel " + c + " " + CHANNELS[c]);
                        expected.add("snap " + (++snap));
                        expected.add("plane " + t + "," + p + "," + c + "," + z);
                        coords.add(new PlaneCoords(t, p, c, z));
                    }
                }
            }
        }
        expected.add("move 7.25");
        expected.add("settle");
        expected.add("finished false 48");
        assertEquals(expected, events);
        assertEquals(coords, sink.coords());
        assertPlaneContents(sink, s);
    }

    @Test
    void planesArriveOnADaemonAcquisitionThread() throws InterruptedException {
        FakeMicroscope scope = new FakeMicroscope();
        RecordingSink sink = new RecordingSink(null);
        Acquisition acq = new AcquisitionRunner().start(scope, AcquisitionSettings.builder().zStack(0, 1, 3).build(), sink);
        assertTrue(acq.awaitCompletion(FrameRateTest.PATIENCE_S, TimeUnit.SECONDS));
        assertNotSame(Thread.currentThread(), sink.thread);
        assertTrue(sink.thread.isDaemon(), "acquisition thread must be a daemon");
        assertTrue(sink.thread.getName().startsWith("livedecon-acquisition-"), sink.thread.getName());
        assertEquals(1, sink.finishedCalls.size());
        assertEquals("finished(false, 3)", sink.finishedCalls.get(0));
    }

    private static void assertPlaneContents(RecordingSink sink, AcquisitionSettings s) {
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < sink.planes.size(); i++) {
            AcquiredPlane plane = sink.planes.get(i);
            assertEquals(s.zUm(plane.coords().slice()), plane.zUm(), 0.0, "z of " + plane);
            assertEquals(FakeMicroscope.WIDTH, plane.width());
            assertEquals(FakeMicroscope.HEIGHT, plane.height());
            assertEquals(i + 1, ((short[]) plane.pixels())[0], "snap counter of " + plane);
            assertTrue(plane.timestampNanos() - previous >= 0 || i == 0, "timestamps must not go back at " + plane);
            previous = plane.timestampNanos();
        }
    }
}
