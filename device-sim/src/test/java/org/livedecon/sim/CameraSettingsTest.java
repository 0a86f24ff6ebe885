package org.livedecon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Roi;

class CameraSettingsTest {

    private static SimCamera camera() {
        CameraModel model = CameraModel.builder().sensor(512, 256).build();
        return new SimCamera(model, roi -> new float[roi.width() * roi.height()], 1, 0);
    }

    @Test
    void roiOutsideTheSensorIsRefusedWithItsValues() throws Exception {
        SimCamera c = camera();
        HardwareException e = assertThrows(HardwareException.class, () -> c.setRoi(new Roi(400, 0, 200, 100)));
        assertEquals("camera SimCamera: ROI x=400 y=0 200x100 does not fit the 512x256 sensor (x + width = 600, "
                + "y + height = 100)", e.getMessage());
        assertEquals(Roi.full(512, 256), c.roi());
        HardwareException n = assertThrows(HardwareException.class, () -> c.setRoi(null));
        assertEquals("camera SimCamera: ROI is required, got null", n.getMessage());
        c.setRoi(new Roi(312, 56, 200, 200));
        assertEquals(new Roi(312, 56, 200, 200), c.roi());
        assertEquals(40000, ((short[]) c.snap()).length);
    }

    @Test
    void exposureOutsideItsRangeIsRefused() throws Exception {
        SimCamera c = camera();
        HardwareException e = assertThrows(HardwareException.class, () -> c.setExposureMs(-1));
        assertEquals("camera SimCamera: exposure -1.0 ms is outside its range [0.01, 100000.0] ms", e.getMessage());
        assertEquals(10, c.exposureMs(), 0);
        c.setExposureMs(123.5);
        assertEquals(123.5, c.exposureMs(), 0);
    }

    @Test
    void modelRejectsUnsupportedBitDepth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CameraModel.builder().bitDepth(10).build());
        assertEquals("camera SimCamera: bit depth must be 8, 12, 14 or 16, got 10", e.getMessage());
    }
}
