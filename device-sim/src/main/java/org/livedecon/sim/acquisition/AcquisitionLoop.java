package org.livedecon.sim.acquisition;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

import org.livedecon.core.acquisition.AcquiredPlane;
import org.livedecon.core.acquisition.AcquisitionOrder;
import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.acquisition.PlaneSink;
import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.FocusDrive;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Roi;

/**
 * The body of the acquisition thread: Micro-Manager's loop order (t, p, then c/z or z/c), frame
 * pacing, abort and time-limit checks before every plane, and the clean-up (focus back, sink told
 * once). Runs on exactly one thread; not reusable.
 */
final class AcquisitionLoop implements Runnable {
    private final Camera camera;
    private final FocusDrive focus;
    private final AcquisitionSettings settings;
    private final PlaneSink sink;
    private final Acquisition acquisition;
    private final PositionSelector positionSelector;
    private final ChannelSelector channelSelector;
    private final FramePacer pacer;

    private final BooleanSupplier stop = new BooleanSupplier() {
        @Override
        public boolean getAsBoolean() { return stopRequested(); }
    };
    private final LongUnaryOperator hardStop = new LongUnaryOperator() {
        @Override
        public long applyAsLong(long wakeNanos) { return hasLimit && limitNanos - wakeNanos < 0 ? limitNanos : wakeNanos; }
    };

    private long startNanos;
    private boolean hasLimit;
    private long limitNanos;
    /** The plane being worked on and what is being done, for the failure message. */
    private PlaneCoords current;
    private String step = "starting";

    AcquisitionLoop(Microscope scope, AcquisitionSettings settings, PlaneSink sink, Acquisition acquisition,
                    PositionSelector positionSelector, ChannelSelector channelSelector) {
        this.camera = scope.camera();
        this.focus = scope.focus();
        this.settings = settings;
        this.sink = sink;
        this.acquisition = acquisition;
        this.positionSelector = positionSelector;
        this.channelSelector = channelSelector;
        this.pacer = new FramePacer(settings.framesPerSecond());
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        hasLimit = settings.timeLimitMs().isPresent();
        limitNanos = hasLimit ? startNanos + settings.timeLimitMs().getAsLong() * 1000000L : 0L;

        AcquisitionOutcome outcome;
        AcquisitionException failure = null;
        Error fatal = null;
        boolean haveHome = false;
        double homeUm = 0;
        try {
            step = "reading the focus position";
            homeUm = focus.positionUm();
            haveHome = true;
            step = "reading the camera ROI";
            Roi roi = camera.roi();
            outcome = acquire(roi);
        } catch (HardwareException | RuntimeException e) {
            outcome = AcquisitionOutcome.FAILED;
            failure = failureAt(e);
        } catch (Error e) {
            outcome = AcquisitionOutcome.FAILED;
            failure = failureAt(e);
            fatal = e;
        }
        current = null;
        if (haveHome) {
            try {
                step = "restoring the focus to " + homeUm + " µm";
                focus.moveTo(homeUm);
                focus.waitUntilSettled();
            } catch (HardwareException | RuntimeException e) {
                failure = addFailure(failure, e);
            }
        }
        try {
            step = "telling the sink that the acquisition finished";
            sink.finished(outcome != AcquisitionOutcome.COMPLETED, acquisition.planesDelivered());
        } catch (RuntimeException e) {
            failure = addFailure(failure, e);
        }
        acquisition.complete(outcome, failure, pacer.lateFrames());
        if (fatal != null) throw fatal;
    }

    private AcquisitionOutcome acquire(Roi roi) throws HardwareException {
        int timePoints = settings.timePoints();
        int positions = settings.positions();
        List<String> channels = settings.channels();
        int slices = settings.zSlices();
        long intervalNanos = Math.round(settings.intervalMs() * 1e6);
        boolean slicesFirst = settings.order() == AcquisitionOrder.SLICES_FIRST;

        for (int t = 0; t < timePoints; t++) {
            if (t > 0 && intervalNanos > 0) {
                current = new PlaneCoords(t, 0, 0, 0);
                step = "waiting for time point " + t;
                if (!FramePacer.sleepUntil(hardStop.applyAsLong(startNanos + t * intervalNanos), stop) || stopRequested()) {
                    return stopReason();
                }
                pacer.restart();
            }
            for (int p = 0; p < positions; p++) {
                if (stopRequested()) return stopReason();
                current = new PlaneCoords(t, p, 0, 0);
                step = "selecting position " + p;
                positionSelector.selectPosition(p);
                if (slicesFirst) {
                    for (int c = 0; c < channels.size(); c++) {
                        if (stopRequested()) return stopReason();
                        current = new PlaneCoords(t, p, c, 0);
                        selectChannel(c, channels.get(c));
                        for (int z = 0; z < slices; z++) {
                            if (stopRequested()) return stopReason();
                            current = new PlaneCoords(t, p, c, z);
                            moveFocus(settings.zUm(z));
                            if (!plane(current, roi, settings.zUm(z))) return stopReason();
                        }
                    }
                } else {
                    for (int z = 0; z < slices; z++) {
                        if (stopRequested()) return stopReason();
                        current = new PlaneCoords(t, p, 0, z);
                        moveFocus(settings.zUm(z));
                        for (int c = 0; c < channels.size(); c++) {
                            if (stopRequested()) return stopReason();
                            current = new PlaneCoords(t, p, c, z);
                            selectChannel(c, channels.get(c));
                            if (!plane(current, roi, settings.zUm(z))) return stopReason();
                        }
                    }
                }
            }
        }
        return AcquisitionOutcome.COMPLETED;
    }

    private void selectChannel(int c, String name) throws HardwareException {
        step = "selecting channel " + c + " '" + name + "'";
        channelSelector.selectChannel(c, name);
    }

    private void moveFocus(double zUm) throws HardwareException {
        step = "moving the focus to " + zUm + " µm";
        focus.moveTo(zUm);
        focus.waitUntilSettled();
    }

    /** Waits for the frame slot, snaps, delivers. False when stopped before delivery. */
    private boolean plane(PlaneCoords coords, Roi roi, double zUm) throws HardwareException {
        step = "waiting for the frame slot";
        if (!pacer.awaitNextSlot(stop, hardStop)) return false;
        if (stopRequested()) return false;
        step = "snapping";
        Object pixels = camera.snap();
        long timestamp = System.nanoTime();
        checkPixels(pixels, roi);
        step = "delivering the plane to the sink";
        return acquisition.deliver(new AcquiredPlane(coords, pixels, roi.width(), roi.height(), zUm, timestamp),
                pacer.lateFrames());
    }

    private static void checkPixels(Object pixels, Roi roi) throws HardwareException {
        int length;
        if (pixels instanceof short[]) {
            length = ((short[]) pixels).length;
        } else if (pixels instanceof byte[]) {
            length = ((byte[]) pixels).length;
        } else {
            throw new HardwareException("camera delivered " + (pixels == null ? "null" : pixels.getClass().getSimpleName())
                    + ", expected byte[] or short[] for " + roi);
        }
        long expected = (long) roi.width() * roi.height();
        if (length != expected) {
            throw new HardwareException("camera delivered " + length + " pixels, expected " + roi.width() + "x"
                    + roi.height() + " = " + expected + " for " + roi);
        }
    }

    private boolean stopRequested() {
        return acquisition.abortRequested() || (hasLimit && System.nanoTime() - limitNanos >= 0);
    }

    private AcquisitionOutcome stopReason() {
        return acquisition.abortRequested() ? AcquisitionOutcome.ABORTED : AcquisitionOutcome.TIME_LIMIT;
    }

    private AcquisitionException failureAt(Throwable e) {
        String where = current == null ? "" : " at plane " + current;
        return new AcquisitionException("acquisition failed" + where + " while " + step + ": " + e, current, e);
    }

    private AcquisitionException addFailure(AcquisitionException first, Throwable e) {
        if (first == null) return new AcquisitionException("acquisition clean-up failed while " + step + ": " + e, null, e);
        first.addSuppressed(e);
        return first;
    }
}
