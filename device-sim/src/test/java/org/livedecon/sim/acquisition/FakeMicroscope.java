package org.livedecon.sim.acquisition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.FocusDrive;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Roi;

/**
 * A minimal scripted microscope for runner tests: a 4x3 16-bit camera whose first pixel is the
 * snap counter (1, 2, …), and a focus drive that records its moves. All calls land in one shared
 * event log ("move 1.5", "settle", "snap 3", plus whatever the test's selectors and sink add).
 */
final class FakeMicroscope implements Microscope {
    static final int WIDTH = 4;
    static final int HEIGHT = 3;

    final List<String> events = Collections.synchronizedList(new ArrayList<String>());
    final FakeCamera camera = new FakeCamera();
    final FakeFocus focus = new FakeFocus();

    @Override
    public Camera camera() { return camera; }

    @Override
    public FocusDrive focus() { return focus; }

    @Override
    public double pixelSizeUm() { return 0.1; }

    final class FakeCamera implements Camera {
        volatile int snaps;
        /** Time one snap blocks, in ns. */
        volatile long snapNanos;
        /** Snap number (1-based) that throws; 0 = none. */
        volatile int failOnSnap;
        /** Snap number (1-based) that takes stallNanos instead of snapNanos; 0 = none. */
        volatile int stallOnSnap;
        volatile long stallNanos;

        @Override
        public int sensorWidth() { return WIDTH; }

        @Override
        public int sensorHeight() { return HEIGHT; }

        @Override
        public int bitDepth() { return 16; }

        @Override
        public double exposureMs() { return 1; }

        @Override
        public void setExposureMs(double ms) {
        }

        @Override
        public Roi roi() { return Roi.full(WIDTH, HEIGHT); }

        @Override
        public void setRoi(Roi roi) {
        }

        @Override
        public Object snap() throws HardwareException {
            int n = ++snaps;
            if (n == failOnSnap) throw new HardwareException("fake camera: read-out failed on snap " + n);
            busyFor(n == stallOnSnap ? stallNanos : snapNanos);
            events.add("snap " + n);
            short[] pixels = new short[WIDTH * HEIGHT];
            pixels[0] = (short) n;
            return pixels;
        }
    }

    final class FakeFocus implements FocusDrive {
        volatile double positionUm = 7.25;
        final List<Double> moves = Collections.synchronizedList(new ArrayList<Double>());
        /** moveTo call (1-based, failed calls included) that throws; 0 = none. */
        volatile int failOnMove;
        private int moveCalls;

        @Override
        public double positionUm() { return positionUm; }

        @Override
        public void moveTo(double um) throws HardwareException {
            if (++moveCalls == failOnMove) throw new HardwareException("fake focus: move to " + um + " µm failed");
            moves.add(um);
            positionUm = um;
            events.add("move " + um);
        }

        @Override
        public void waitUntilSettled() { events.add("settle"); }

        @Override
        public double lowerLimitUm() { return -100; }

        @Override
        public double upperLimitUm() { return 100; }
    }

    private static void busyFor(long nanos) {
        if (nanos <= 0) return;
        long end = System.nanoTime() + nanos;
        long left;
        while ((left = end - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }
}
