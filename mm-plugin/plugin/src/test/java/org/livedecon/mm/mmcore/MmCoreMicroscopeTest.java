package org.livedecon.mm.mmcore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import mmcorej.CMMCore;
import org.junit.jupiter.api.Test;
import org.livedecon.core.calibration.CalibrationSession;
import org.livedecon.core.calibration.CalibrationSettings;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Roi;
import org.livedecon.core.volume.Volume;

/**
 * {@link MmCoreMicroscope} against a CMMCore subclass that needs no native library (SWIG's
 * {@code CMMCore(long, boolean)} constructor with a null pointer): device labels, conversions,
 * limits, ROI and the error messages.
 */
public class MmCoreMicroscopeTest {
    /** A 32x24 camera labelled "Camera" and a stage "Z" with DStage's ±300 µm travel; pixels = 100 + focus µm. */
    public static final class FakeCore extends CMMCore {
        String camera = "Camera";
        String focus = "Z";
        public double position = 5;
        public double exposure = 10;
        double pixelUm = 0.1;
        long bytesPerPixel = 2;
        long bitDepth = 12;
        long components = 1;
        int sensorW = 32;
        int sensorH = 24;
        int binning = 1;
        Rectangle roi = new Rectangle(0, 0, 32, 24);
        Object image;
        final List<String> calls = new ArrayList<String>();

        public FakeCore() { super(0, false); }

        @Override public String getCameraDevice() { return camera; }
        @Override public String getFocusDevice() { return focus; }
        @Override public double getPixelSizeUm() { return pixelUm; }
        @Override public long getImageWidth() { return roi.width; }
        @Override public long getImageHeight() { return roi.height; }
        @Override public long getBytesPerPixel() { return bytesPerPixel; }
        @Override public long getImageBitDepth() { return bitDepth; }
        @Override public long getNumberOfComponents() { return components; }
        @Override public double getExposure() { return exposure; }

        @Override
        public void setExposure(double ms) throws Exception {
            if (ms > 10000) throw new Exception("Exposure out of range (max 10000 ms)");
            exposure = ms;
        }

        @Override public Rectangle getROI() { return new Rectangle(roi); }

        @Override
        public void setROI(int x, int y, int w, int h) throws Exception {
            calls.add("setROI " + x + "," + y + "," + w + "," + h);
            roi = new Rectangle(x, y, w, h);
        }

        @Override
        public void clearROI() {
            calls.add("clearROI");
            roi = new Rectangle(0, 0, sensorW / binning, sensorH / binning);
        }

        @Override
        public String getProperty(String label, String name) throws Exception {
            if (label.equals(camera) && name.equals("Binning")) return Integer.toString(binning);
            throw new Exception("No property \"" + name + "\" in device \"" + label + "\"");
        }

        /** As MMCore: a binning change resets the ROI to the binned full frame. */
        void setBinning(int b) {
            binning = b;
            roi = new Rectangle(0, 0, sensorW / b, sensorH / b);
        }

        @Override
        public double getPosition(String label) throws Exception {
            if (!label.equals(focus)) throw new Exception("No device with label \"" + label + "\"");
            return position;
        }

        @Override
        public void setPosition(String label, double um) throws Exception {
            calls.add("setPosition " + label + " " + um);
            if (Math.abs(um) > 300) throw new Exception("Error in device \"" + label + "\": Unknown position (10)");
            position = um;
        }

        @Override public void waitForDevice(String label) { calls.add("wait " + label); }

        @Override public void snapImage() { calls.add("snap"); }

        @Override
        public Object getImage() {
            if (image != null) return image;
            short[] p = new short[roi.width * roi.height];
            for (int i = 0; i < p.length; i++) p[i] = (short) Math.round(100 + position);
            return p;
        }
    }

    @Test
    void convertsUnsignedPixelsAndChecksTheirShape() throws Exception {
        assertArrayEquals(new float[] {0, 255, 128}, MmCoreMicroscope.toFloat(new byte[] {0, (byte) 255, (byte) 128}), 0);
        assertArrayEquals(new float[] {65535, 32768, 1}, MmCoreMicroscope.toFloat(new short[] {(short) 65535,
                (short) 32768, 1}), 0);
        float[] f = {1.5f, -2f};
        float[] copy = MmCoreMicroscope.toFloat(f);
        assertArrayEquals(f, copy, 0);
        assertTrue(copy != f, "a copy");
        short[] ok = new short[6];
        assertSame(ok, MmCoreMicroscope.checkPixels(ok, 3, 2, 1, "Camera"));
        HardwareException size = assertThrows(HardwareException.class,
                () -> MmCoreMicroscope.checkPixels(new short[5], 3, 2, 1, "Camera"));
        assertEquals("camera 'Camera' delivered 5 pixels, expected 3x2 = 6", size.getMessage());
        HardwareException rgb = assertThrows(HardwareException.class,
                () -> MmCoreMicroscope.checkPixels(new byte[24], 3, 2, 4, "Camera"));
        assertTrue(rgb.getMessage().contains("4-component (colour)"), rgb.getMessage());
        HardwareException type = assertThrows(HardwareException.class,
                () -> MmCoreMicroscope.checkPixels(new int[6], 3, 2, 1, "Camera"));
        assertTrue(type.getMessage().contains("int[]"), type.getMessage());
        assertEquals(12, MmCoreMicroscope.bitDepth(12, 2));
        assertEquals(16, MmCoreMicroscope.bitDepth(0, 2), "unknown: 8 per byte");
        assertEquals(MmCoreMicroscope.FLOAT_BIT_DEPTH, MmCoreMicroscope.bitDepth(32, 4));
    }

    @Test
    void camera16BitSnapsUnsignedImagesOfTheRoi() throws Exception {
        FakeCore core = new FakeCore();
        core.roi = new Rectangle(4, 2, 10, 8);
        MmCoreMicroscope m = new MmCoreMicroscope(core);
        assertEquals(32, m.camera().sensorWidth(), "the full chip, read with the ROI cleared");
        assertEquals(24, m.camera().sensorHeight());
        assertEquals(new Rectangle(4, 2, 10, 8), core.roi, "ROI put back");
        assertEquals(new Roi(4, 2, 10, 8), m.camera().roi());
        assertEquals(12, m.camera().bitDepth());
        short[] px = new short[80];
        px[0] = (short) 40000;
        core.image = px;
        Object snapped = m.camera().snap();
        assertSame(px, snapped);
        float[] f = new float[80];
        org.livedecon.core.volume.Planes.toFloat(snapped, 80, f, 0, "test");
        assertEquals(40000, f[0], 0, "unsigned");
        m.camera().setRoi(Roi.full(32, 24));
        assertEquals("clearROI", core.calls.get(core.calls.size() - 1), "the full sensor clears the ROI");
        HardwareException big = assertThrows(HardwareException.class, () -> m.camera().setRoi(new Roi(30, 0, 8, 8)));
        assertEquals("camera 'Camera': ROI x=30 y=0 8x8 does not fit the 32x24 sensor", big.getMessage());
        HardwareException exp = assertThrows(HardwareException.class, () -> m.camera().setExposureMs(20000));
        assertEquals("camera 'Camera' refused an exposure of 2.000e+04 ms: Exposure out of range (max 10000 ms)",
                exp.getMessage());
        assertEquals(0.1, m.pixelSizeUm(), 0);
    }

    @Test
    void missingDevicesAndPixelSizeAreNamed() {
        FakeCore core = new FakeCore();
        core.focus = "";
        core.camera = "";
        core.pixelUm = 0;
        MmCoreMicroscope m = new MmCoreMicroscope(core);
        HardwareException f = assertThrows(HardwareException.class, () -> m.focus().positionUm());
        assertTrue(f.getMessage().startsWith("no focus drive: set Core-Focus in Micro-Manager's configuration"),
                f.getMessage());
        HardwareException c = assertThrows(HardwareException.class, () -> m.camera().snap());
        assertTrue(c.getMessage().startsWith("no camera: set Core-Camera in Micro-Manager's configuration"), c.getMessage());
        HardwareException p = assertThrows(HardwareException.class, m::pixelSizeUm);
        assertTrue(p.getMessage().startsWith("no pixel size: MMCore reports 0.0 µm"), p.getMessage());
    }

    @Test
    void focusMovesByLabelWithinTheGivenLimits() throws Exception {
        FakeCore core = new FakeCore();
        MmCoreMicroscope m = new MmCoreMicroscope(core, -50, 50);
        assertEquals(5, m.focus().positionUm(), 0);
        m.focus().moveTo(7.25);
        m.focus().waitUntilSettled();
        assertEquals(7.25, core.position, 0);
        assertEquals("wait Z", core.calls.get(core.calls.size() - 1));
        int before = core.calls.size();
        HardwareException out = assertThrows(HardwareException.class, () -> m.focus().moveTo(60));
        assertEquals("focus drive 'Z': 60.000 µm lies outside the limits [-50.000, 50.000] µm set for the calibration",
                out.getMessage());
        assertEquals(before, core.calls.size(), "refused before any MMCore call");
        MmCoreMicroscope open = new MmCoreMicroscope(core);
        HardwareException refused = assertThrows(HardwareException.class, () -> open.focus().moveTo(400));
        assertEquals("focus drive 'Z' refused to move to 400.000 µm: Error in device \"Z\": Unknown position (10)",
                refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MmCoreMicroscope(core, 5, 5));
    }

    @Test
    void sessionScansThroughMmCoreAndRestoresFocus() throws Exception {
        FakeCore core = new FakeCore();
        MmCoreMicroscope m = new MmCoreMicroscope(core, -100, 100);
        CalibrationSession s = new CalibrationSession(m, CalibrationSettings.builder().zStepUm(0.5).zHalfRangeUm(2).build());
        ScanPlan plan = s.plan();
        assertEquals(9, plan.planes());
        Volume stack = s.acquire(plan, null);
        assertEquals(9, stack.nz());
        assertEquals(32, stack.nx());
        for (int k = 0; k < 9; k++) {
            assertEquals(Math.round(100 + plan.positionUm(k)), stack.get(3, 4, k), 0, "plane " + k + " snapped at its z");
        }
        assertEquals(0.1, stack.voxelSize().x(), 1e-12);
        assertEquals(5, core.position, 0, "focus restored");
        assertEquals("setPosition Z 5.0", lastMove(core));
    }

    private static String lastMove(FakeCore core) {
        String last = null;
        for (String c : core.calls) if (c.startsWith("setPosition")) last = c;
        return last;
    }

    @Test
    void sensorSizeFollowsABinningChange() throws Exception {
        FakeCore core = new FakeCore();
        MmCoreMicroscope m = new MmCoreMicroscope(core);
        assertEquals(32, m.camera().sensorWidth());
        m.camera().setRoi(new Roi(20, 0, 8, 8));
        core.setBinning(2);
        assertEquals(16, m.camera().sensorWidth(), "binned full chip, read again");
        assertEquals(12, m.camera().sensorHeight());
        HardwareException e = assertThrows(HardwareException.class, () -> m.camera().setRoi(new Roi(20, 0, 8, 8)));
        assertEquals("camera 'Camera': ROI x=20 y=0 8x8 does not fit the 16x12 sensor", e.getMessage());
        m.camera().setRoi(new Roi(8, 0, 8, 8));
        assertEquals(new Roi(8, 0, 8, 8), m.camera().roi());
        int clears = 0;
        for (String c : core.calls) if (c.equals("clearROI")) clears++;
        assertEquals(2, clears, "the chip is measured once per binning, not on every call: " + core.calls);
    }
}
