package org.livedecon.mm.wizard;

import java.util.Locale;
import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.FocusDrive;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Roi;
import org.livedecon.mm.mmcore.MmCoreMicroscope;


/**
 * The wizard's view of a microscope: the real one with the user's focus limits (intersected with
 * the drive's own), an optional pixel-size override, and a record of the frames it snapped (the
 * last frame and the running maximum projection since {@link #resetRecording()}) so the wizard can
 * show the preview and the scan's projection without extra snaps. Thread safety: the recording is
 * read from the EDT while the worker snaps, so its accessors are synchronized; everything else is
 * called by one thread at a time.
 */
final class WizardMicroscope implements Microscope {
    private final Microscope base;
    private final double lower;
    private final double upper;
    private final double pixelOverrideUm;
    private final Camera camera;
    private final FocusDrive focus;

    private float[] last;
    private float[] max;
    private int width;
    private int height;

    /**
     * @param pixelOverrideUm pixel size at the sample in µm, or NaN for the hardware's
     */
    WizardMicroscope(Microscope base, double lowerLimitUm, double upperLimitUm, double pixelOverrideUm) {
        if (!(lowerLimitUm < upperLimitUm)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the focus limits must have lower < upper, got [%.3f, %.3f] µm", lowerLimitUm, upperLimitUm));
        }
        this.base = base;
        this.lower = Math.max(lowerLimitUm, base.focus().lowerLimitUm());
        this.upper = Math.min(upperLimitUm, base.focus().upperLimitUm());
        this.pixelOverrideUm = pixelOverrideUm;
        this.camera = new RecordingCamera(base.camera());
        this.focus = new LimitedFocus(base.focus());
    }

    @Override
    public Camera camera() { return camera; }

    @Override
    public FocusDrive focus() { return focus; }

    @Override
    public double pixelSizeUm() throws HardwareException {
        return Double.isNaN(pixelOverrideUm) ? base.pixelSizeUm() : pixelOverrideUm;
    }

    /** Forgets the recorded frames. */
    synchronized void resetRecording() {
        last = null;
        max = null;
    }

    /** The last frame snapped (ADU), or null; {@link #recordedWidth()} x {@link #recordedHeight()}. */
    synchronized float[] lastFrame() { return last == null ? null : last.clone(); }

    /** Maximum projection of the frames since {@link #resetRecording()}, or null. */
    synchronized float[] maxProjection() { return max == null ? null : max.clone(); }

    synchronized int recordedWidth() { return width; }

    synchronized int recordedHeight() { return height; }

    private synchronized void record(float[] frame, int w, int h) {
        if (max == null || max.length != frame.length || w != width) {
            max = frame.clone();
        } else {
            for (int i = 0; i < frame.length; i++) max[i] = Math.max(max[i], frame[i]);
        }
        last = frame;
        width = w;
        height = h;
    }

    private final class RecordingCamera implements Camera {
        private final Camera c;

        RecordingCamera(Camera c) { this.c = c; }

        @Override
        public int sensorWidth() { return c.sensorWidth(); }

        @Override
        public int sensorHeight() { return c.sensorHeight(); }

        @Override
        public int bitDepth() { return c.bitDepth(); }

        @Override
        public double exposureMs() throws HardwareException { return c.exposureMs(); }

        @Override
        public void setExposureMs(double ms) throws HardwareException { c.setExposureMs(ms); }

        @Override
        public Roi roi() throws HardwareException { return c.roi(); }

        @Override
        public void setRoi(Roi roi) throws HardwareException { c.setRoi(roi); }

        @Override
        public Object snap() throws HardwareException {
            Object raw = c.snap();
            Roi r = c.roi();
            float[] f = MmCoreMicroscope.toFloat(raw);
            if (f.length == r.width() * r.height()) record(f, r.width(), r.height());
            return raw;
        }
    }

    private final class LimitedFocus implements FocusDrive {
        private final FocusDrive f;

        LimitedFocus(FocusDrive f) { this.f = f; }

        @Override
        public double positionUm() throws HardwareException { return f.positionUm(); }

        @Override
        public void moveTo(double um) throws HardwareException {
            if (Double.isNaN(um) || um < lower - 1e-9 || um > upper + 1e-9) {
                throw new HardwareException(String.format(Locale.ROOT,
                        "focus: %.3f µm lies outside the calibration's limits [%.3f, %.3f] µm", um, lower, upper));
            }
            f.moveTo(um);
        }

        @Override
        public void waitUntilSettled() throws HardwareException { f.waitUntilSettled(); }

        @Override
        public double lowerLimitUm() { return lower; }

        @Override
        public double upperLimitUm() { return upper; }
    }
}
