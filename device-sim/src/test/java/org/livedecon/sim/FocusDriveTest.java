package org.livedecon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.hardware.HardwareException;

class FocusDriveTest {

    private static SimFocusDrive drive(double backlash) {
        return new SimFocusDrive("Z", 0, 100, 50, 10, backlash, 0);
    }

    @Test
    void refusesMovesOutsideTheLimitsAndStaysPut() throws Exception {
        SimFocusDrive z = drive(0);
        z.moveTo(12.5);
        HardwareException e = assertThrows(HardwareException.class, () -> z.moveTo(1234.5));
        assertEquals("focus drive Z: 1234.5 µm is outside its limits [0.0, 100.0] µm", e.getMessage());
        assertEquals(12.5, z.positionUm());
        assertEquals(12.5, z.actualUm());
        HardwareException below = assertThrows(HardwareException.class, () -> z.moveTo(-0.001));
        assertEquals("focus drive Z: -0.001 µm is outside its limits [0.0, 100.0] µm", below.getMessage());
        assertThrows(HardwareException.class, () -> z.moveTo(Double.NaN));
        assertEquals(12.5, z.positionUm());
        z.moveTo(0);
        z.moveTo(100);
        assertEquals(100.0, z.positionUm());
    }

    @Test
    void reportsExactlyTheCommandedPosition() throws Exception {
        SimFocusDrive z = drive(0.3);
        double[] targets = {12.345, 0.1 + 0.2, 99.99999999, 33.333333333333336, 12.345};
        for (double t : targets) {
            z.moveTo(t);
            z.waitUntilSettled();
            assertEquals(t, z.positionUm(), 0.0);
        }
        z.moveTo(12.345);
        assertTrue(z.positionUm() == 12.345);
    }

    @Test
    void reversalLandsShortByTheBacklashUntilTheNextMoveTheSameWay() throws Exception {
        SimFocusDrive z = drive(0.5);
        z.moveTo(60); // first move: exact
        assertEquals(60, z.actualUm(), 0);
        z.moveTo(70); // same direction: exact
        assertEquals(70, z.actualUm(), 0);
        z.moveTo(65); // reversal downwards: stops 0.5 µm short, above the target
        assertEquals(65, z.positionUm(), 0);
        assertEquals(65.5, z.actualUm(), 1e-12);
        z.moveTo(64); // again downwards: play taken up, exact
        assertEquals(64, z.actualUm(), 0);
        z.moveTo(66); // reversal upwards: short, below the target
        assertEquals(65.5, z.actualUm(), 1e-12);
        z.moveTo(66); // no move: unchanged
        assertEquals(65.5, z.actualUm(), 1e-12);
        z.moveTo(67);
        assertEquals(67, z.actualUm(), 0);
    }

    @Test
    void backlashShiftsTheImagedPlane() throws Exception {
        CameraModel camera = CameraModel.builder().sensor(32, 32).noise(false).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(BeadSample.centred(1e5)).camera(camera)
                .sampleThicknessUm(3).focusBacklashUm(0.2).realTime(false).build();
        m.focus().moveTo(1.0);
        m.focus().moveTo(1.7);
        float[] exact = m.photonsPerSecond(m.camera().roi());
        m.focus().moveTo(2.5);
        m.focus().moveTo(1.5); // reversal: the optics image 1.7
        float[] shortMove = m.photonsPerSecond(m.camera().roi());
        assertEquals(1.5, m.focus().positionUm(), 0);
        for (int i = 0; i < exact.length; i++) assertEquals(exact[i], shortMove[i], 1e-4 * (exact[i] + 1));
    }

    @Test
    void realTimeSettlingWaits() throws Exception {
        SimFocusDrive z = new SimFocusDrive("Z", 0, 100, 0, 40, 0, 1);
        z.moveTo(1);
        long t0 = System.nanoTime();
        z.waitUntilSettled();
        assertTrue((System.nanoTime() - t0) / 1e6 >= 39);
        // already settled: no second wait. Shown without a clock: with the thread's interrupt flag set,
        // any sleep would throw at once, so returning normally means it did not wait.
        Thread.currentThread().interrupt();
        try {
            z.waitUntilSettled();
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is left alone");
        } finally {
            Thread.interrupted();
        }
        z.moveTo(2);
        Thread.currentThread().interrupt();
        try {
            assertThrows(HardwareException.class, z::waitUntilSettled, "a new move waits again");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsAStartOutsideTheLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimFocusDrive("Z", 0, 100, 150, 0, 0, 0));
        assertEquals("focus drive Z: start position 150.0 µm is outside its limits [0.0, 100.0] µm", e.getMessage());
    }
}
