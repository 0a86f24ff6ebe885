package org.livedecon.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Roi;

/** The DemoCamera bead model as REAL-MM.md describes it. */
class DemoBeadMicroscopeTest {
    static double[] image(DemoBeadMicroscope m) throws Exception {
        Object raw = m.camera().snap();
        int n = m.camera().roi().width() * m.camera().roi().height();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = raw instanceof byte[] ? ((byte[]) raw)[i] & 0xff : ((short[]) raw)[i] & 0xffff;
        }
        return out;
    }

    static double max(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    @Test
    void beadsFollowTheDemosModel() throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().bitDepth(16).build();
        assertEquals(512, m.camera().sensorWidth());
        assertEquals(1.0, m.pixelSizeUm(), 0);
        int beads = m.beadsOnSensor();
        assertTrue(beads > 70 && beads < 130, "about BeadDensity 100 per 512x512 tile: " + beads);
        double mean = m.meanWidthFactor(0);
        assertTrue(mean > 0.95 && mean < 1.05, "s uniform in [0.8, 1.2]: mean " + mean);

        double[] focus = image(m);
        double peak = max(focus);
        assertTrue(peak > 230 && peak <= 2 * 255 * 1.2, "peaks 255 i, i in [0.8, 1.2] (overlaps may add): " + peak);
        double min = Double.MAX_VALUE;
        for (double v : focus) min = Math.min(min, v);
        assertEquals(0, min, 0, "no background, no noise");

        m.camera().setExposureMs(500);
        assertArrayEquals(focus, image(m), 0, "the exposure changes nothing");

        m.focus().moveTo(10);
        double[] defocus = image(m);
        DemoBeadMicroscope sparse = DemoBeadMicroscope.builder().bitDepth(16).density(10).build();
        double sparsePeak = max(image(sparse));
        sparse.focus().moveTo(10);
        double ratio = max(image(sparse)) / sparsePeak;
        assertTrue(ratio > 0.4 && ratio < 0.65, "peak x clamp(1 - 0.2 ln 10) = 0.54, on separate beads: " + ratio);
        assertTrue(sum(defocus) > 2 * sum(focus), "a bead's total light grows away from focus: " + sum(defocus) + " vs "
                + sum(focus));
        assertEquals(DemoBeadMicroscope.intensityFactor(-10), DemoBeadMicroscope.intensityFactor(10), 0, "symmetric");
        assertEquals(1, DemoBeadMicroscope.intensityFactor(0.5), 0);
        assertEquals(0.1, DemoBeadMicroscope.intensityFactor(200), 0);
        assertEquals(Math.sqrt(4 * 1.21 + 25), m.sigmaPx(1.1, 10), 1e-12);
    }

    @Test
    void eightBitClipsAndTheRoiCrops() throws Exception {
        DemoBeadMicroscope m8 = DemoBeadMicroscope.builder().sensor(128, 96).seed(3).build();
        assertEquals(8, m8.camera().bitDepth());
        assertTrue(max(image(m8)) <= 255);
        double[] full = image(m8);
        m8.camera().setRoi(new Roi(10, 20, 30, 40));
        double[] roi = image(m8);
        assertEquals(30 * 40, roi.length);
        assertEquals(full[10 + 128 * 20], roi[0], 0);
        assertEquals(full[39 + 128 * 59], roi[29 + 30 * 39], 0);
        assertThrows(HardwareException.class, () -> m8.camera().setRoi(new Roi(100, 0, 30, 10)));
        assertThrows(HardwareException.class, () -> m8.focus().moveTo(301), "DStage's ±300 µm travel");
        assertThrows(IllegalArgumentException.class, () -> DemoBeadMicroscope.builder().beadSize(0.5).build());
    }
}
