package org.livedecon.mm.mmcore;

import java.awt.Rectangle;
import java.util.Locale;

import mmcorej.CMMCore;
import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.FocusDrive;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Roi;

/**
 * The hardware contract over Micro-Manager's core: the Core-Camera and the Core-Focus device of
 * {@code CMMCore}, and the pixel size of the active pixel-size configuration. Devices are looked up
 * by their current label at every call, so a change of Core-Camera or Core-Focus in Micro-Manager
 * takes effect.
 *
 * <p><b>Focus limits.</b> MMCore has no call that reports a stage's travel, so the limits are
 * given here (µm, e.g. from the wizard's settings); ±∞ means "not known" and leaves the check to the
 * device, which refuses positions it cannot reach.
 *
 * <p><b>Pixels.</b> {@link Camera#snap()} returns what {@code getImage()} delivers for a one-component
 * camera: {@code byte[]} (8-bit), {@code short[]} (9 to 16 bits, unsigned) or {@code float[]}
 * (32-bit float cameras, whose bit depth is reported as at most {@value #FLOAT_BIT_DEPTH}, so the
 * full scale stays finite). Colour (RGB) cameras are refused with a message.
 *
 * <p>Not thread-safe (MMCore serialises device calls itself, but snap and move sequences must not
 * interleave): one caller at a time, off the EDT.
 */
public final class MmCoreMicroscope implements Microscope {
    /** Bit depth reported for float cameras (saturation then is 2^30 − 1: in effect never). */
    static final int FLOAT_BIT_DEPTH = 30;

    private final CMMCore core;
    private final CoreCamera camera = new CoreCamera();
    private final CoreFocus focus;

    /**
     * @param lowerLimitUm lowest focus position a scan may use, µm ({@code Double.NEGATIVE_INFINITY} if unknown)
     * @param upperLimitUm highest, µm ({@code Double.POSITIVE_INFINITY} if unknown)
     */
    public MmCoreMicroscope(CMMCore core, double lowerLimitUm, double upperLimitUm) {
        if (core == null) throw new IllegalArgumentException("an MMCore instance is required");
        if (Double.isNaN(lowerLimitUm) || Double.isNaN(upperLimitUm) || !(lowerLimitUm < upperLimitUm)) {
            throw new IllegalArgumentException("focus limits must satisfy lower < upper, got [" + lowerLimitUm + ", "
                    + upperLimitUm + "] µm");
        }
        this.core = core;
        this.focus = new CoreFocus(lowerLimitUm, upperLimitUm);
    }

    /** Focus limits not known: the device alone refuses what it cannot reach. */
    public MmCoreMicroscope(CMMCore core) {
        this(core, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Override
    public Camera camera() { return camera; }

    @Override
    public FocusDrive focus() { return focus; }

    /** {@code getPixelSizeUm()} of the active pixel-size configuration. */
    @Override
    public double pixelSizeUm() throws HardwareException {
        double p = core.getPixelSizeUm();
        if (!(p > 0) || Double.isInfinite(p)) {
            throw new HardwareException("no pixel size: MMCore reports " + p + " µm; define a pixel size configuration "
                    + "(Devices > Pixel Size Calibration) that matches the current objective");
        }
        return p;
    }

    @Override
    public String toString() {
        return "MMCore microscope (camera '" + core.getCameraDevice() + "', focus '" + core.getFocusDevice() + "')";
    }

    // ----- static helpers, testable without native code -----

    /**
     * Checks one image as MMCore delivered it and returns it unchanged.
     *
     * @param components {@code getNumberOfComponents()}: 1 for grey, 4 for RGB32
     * @throws HardwareException naming the camera, the array type and the size when it is not a grey image of w x h
     */
    static Object checkPixels(Object raw, int width, int height, int components, String camera) throws HardwareException {
        if (components != 1) {
            throw new HardwareException("camera '" + camera + "' delivers " + components + "-component (colour) images; "
                    + "PSF calibration needs a monochrome camera (set its PixelType to 8bit or 16bit)");
        }
        int n = width * height;
        int length;
        if (raw instanceof byte[]) length = ((byte[]) raw).length;
        else if (raw instanceof short[]) length = ((short[]) raw).length;
        else if (raw instanceof float[]) length = ((float[]) raw).length;
        else {
            throw new HardwareException("camera '" + camera + "' delivered " + (raw == null ? "no image" : "pixels of type "
                    + raw.getClass().getSimpleName()) + "; expected byte[], short[] or float[]");
        }
        if (length != n) {
            throw new HardwareException("camera '" + camera + "' delivered " + length + " pixels, expected " + width + "x"
                    + height + " = " + n);
        }
        return raw;
    }

    /**
     * Pixel values as floats: {@code byte[]} and {@code short[]} unsigned (a 16-bit 65535 is 65535,
     * not −1), {@code float[]} copied.
     */
    public static float[] toFloat(Object raw) {
        if (raw instanceof byte[]) {
            byte[] p = (byte[]) raw;
            float[] out = new float[p.length];
            for (int i = 0; i < p.length; i++) out[i] = p[i] & 0xff;
            return out;
        }
        if (raw instanceof short[]) {
            short[] p = (short[]) raw;
            float[] out = new float[p.length];
            for (int i = 0; i < p.length; i++) out[i] = p[i] & 0xffff;
            return out;
        }
        if (raw instanceof float[]) return ((float[]) raw).clone();
        throw new IllegalArgumentException("pixels must be byte[], short[] or float[], got "
                + (raw == null ? "null" : raw.getClass().getSimpleName()));
    }

    /** The bit depth to report: MMCore's, or 8 per byte when the camera reports 0, at most {@link #FLOAT_BIT_DEPTH}. */
    static int bitDepth(long reported, long bytesPerPixel) {
        long b = reported > 0 ? reported : 8 * bytesPerPixel;
        return (int) Math.max(1, Math.min(b, FLOAT_BIT_DEPTH));
    }

    private String cameraLabel() throws HardwareException {
        String c = core.getCameraDevice();
        if (c == null || c.isEmpty()) {
            throw new HardwareException("no camera: set Core-Camera in Micro-Manager's configuration "
                    + "(Devices > Device Property Browser, Core > Camera)");
        }
        return c;
    }

    private String focusLabel() throws HardwareException {
        String f = core.getFocusDevice();
        if (f == null || f.isEmpty()) {
            throw new HardwareException("no focus drive: set Core-Focus in Micro-Manager's configuration "
                    + "(Devices > Device Property Browser, Core > Focus)");
        }
        return f;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m.trim();
    }

    /** The Core-Camera. */
    private final class CoreCamera implements Camera {
        private int sensorWidth;
        private int sensorHeight;
        /** Camera label and binning the sensor size was read at. */
        private String sensorReadAt;

        /**
         * The full chip: MMCore reports only the image (ROI) size, so the ROI is cleared to read it
         * and put back (binned pixels, as MMCore counts them). Read again whenever the camera or
         * its binning changed since: a size read once goes stale (512x512 after Binning=2 lets a
         * 256-wide image accept an ROI at x=300).
         */
        private void readSensor() {
            String at = sensorState();
            if (sensorWidth > 0 && at.equals(sensorReadAt)) return;
            try {
                Rectangle r = core.getROI();
                core.clearROI();
                sensorWidth = (int) core.getImageWidth();
                sensorHeight = (int) core.getImageHeight();
                if (r != null && (r.x != 0 || r.y != 0 || r.width != sensorWidth || r.height != sensorHeight)) {
                    core.setROI(r.x, r.y, r.width, r.height);
                }
            } catch (Exception e) {
                sensorWidth = (int) core.getImageWidth();
                sensorHeight = (int) core.getImageHeight();
            }
            sensorReadAt = at;
        }

        /** What the sensor size depends on: the camera and its binning (when it has that property). */
        private String sensorState() {
            String c = core.getCameraDevice();
            String binning;
            try {
                binning = core.getProperty(c, "Binning");
            } catch (Exception e) {
                binning = "";
            }
            return c + "\n" + binning;
        }

        @Override
        public int sensorWidth() {
            readSensor();
            return sensorWidth;
        }

        @Override
        public int sensorHeight() {
            readSensor();
            return sensorHeight;
        }

        @Override
        public int bitDepth() {
            return MmCoreMicroscope.bitDepth(core.getImageBitDepth(), core.getBytesPerPixel());
        }

        @Override
        public double exposureMs() throws HardwareException {
            String c = cameraLabel();
            try {
                return core.getExposure();
            } catch (Exception e) {
                throw new HardwareException("camera '" + c + "': cannot read the exposure: " + reason(e), e);
            }
        }

        @Override
        public void setExposureMs(double ms) throws HardwareException {
            String c = cameraLabel();
            if (!(ms > 0) || Double.isInfinite(ms)) {
                throw new HardwareException("camera '" + c + "': exposure must be a positive number of ms, got " + ms);
            }
            try {
                core.setExposure(ms);
            } catch (Exception e) {
                throw new HardwareException(String.format(Locale.ROOT, "camera '%s' refused an exposure of %.4g ms: %s", c,
                        ms, reason(e)), e);
            }
        }

        @Override
        public Roi roi() throws HardwareException {
            String c = cameraLabel();
            try {
                Rectangle r = core.getROI();
                return new Roi(r.x, r.y, r.width, r.height);
            } catch (Exception e) {
                throw new HardwareException("camera '" + c + "': cannot read the ROI: " + reason(e), e);
            }
        }

        @Override
        public void setRoi(Roi roi) throws HardwareException {
            String c = cameraLabel();
            if (!roi.fitsIn(sensorWidth(), sensorHeight())) {
                throw new HardwareException("camera '" + c + "': " + roi + " does not fit the " + sensorWidth() + "x"
                        + sensorHeight() + " sensor");
            }
            try {
                if (roi.equals(Roi.full(sensorWidth(), sensorHeight()))) core.clearROI();
                else core.setROI(roi.x(), roi.y(), roi.width(), roi.height());
            } catch (Exception e) {
                throw new HardwareException("camera '" + c + "' refused " + roi + ": " + reason(e), e);
            }
        }

        @Override
        public Object snap() throws HardwareException {
            String c = cameraLabel();
            Object raw;
            try {
                core.snapImage();
                raw = core.getImage();
            } catch (Exception e) {
                throw new HardwareException("camera '" + c + "' did not deliver an image: " + reason(e), e);
            }
            return checkPixels(raw, (int) core.getImageWidth(), (int) core.getImageHeight(),
                    (int) core.getNumberOfComponents(), c);
        }

        @Override
        public String toString() { return "MMCore camera '" + core.getCameraDevice() + "'"; }
    }

    /** The Core-Focus drive, with the given limits. */
    private final class CoreFocus implements FocusDrive {
        private final double lower;
        private final double upper;
        private String moving;

        CoreFocus(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public double positionUm() throws HardwareException {
            String f = focusLabel();
            try {
                return core.getPosition(f);
            } catch (Exception e) {
                throw new HardwareException("focus drive '" + f + "': cannot read its position: " + reason(e), e);
            }
        }

        @Override
        public void moveTo(double um) throws HardwareException {
            String f = focusLabel();
            if (Double.isNaN(um) || um < lower || um > upper) {
                throw new HardwareException(String.format(Locale.ROOT, "focus drive '%s': %.3f µm lies outside the limits "
                        + "[%.3f, %.3f] µm set for the calibration", f, um, lower, upper));
            }
            try {
                core.setPosition(f, um);
                moving = f;
            } catch (Exception e) {
                throw new HardwareException(String.format(Locale.ROOT, "focus drive '%s' refused to move to %.3f µm: %s", f,
                        um, reason(e)), e);
            }
        }

        @Override
        public void waitUntilSettled() throws HardwareException {
            String f = moving != null ? moving : focusLabel();
            try {
                core.waitForDevice(f);
            } catch (Exception e) {
                throw new HardwareException("focus drive '" + f + "' did not settle: " + reason(e), e);
            }
        }

        @Override
        public double lowerLimitUm() { return lower; }

        @Override
        public double upperLimitUm() { return upper; }

        @Override
        public String toString() { return "MMCore focus '" + core.getFocusDevice() + "'"; }
    }
}
