package org.livedecon.sim.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.livedecon.core.acquisition.AcquisitionOrder;

class AcquisitionSettingsTest {

    private static void assertRejected(String expectedInMessage, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expectedInMessage), "message '" + e.getMessage() + "' lacks '"
                + expectedInMessage + "'");
    }

    @Test
    void defaultsDescribeOneSnap() {
        AcquisitionSettings s = AcquisitionSettings.builder().build();
        assertEquals(1, s.timePoints());
        assertEquals(1, s.positions());
        assertEquals(Arrays.asList("Default"), s.channels());
        assertEquals(1, s.zSlices());
        assertEquals(AcquisitionOrder.SLICES_FIRST, s.order());
        assertEquals(0, s.framesPerSecond(), 0);
        assertFalse(s.timeLimitMs().isPresent());
        assertEquals(1, s.totalPlanes());
    }

    @Test
    void keepsItsValuesAndCopiesThroughToBuilder() {
        AcquisitionSettings s = AcquisitionSettings.builder().timePoints(3).intervalMs(250).positions(2)
                .channels("GFP", "RFP").zStack(-2, 0.25, 17).order(AcquisitionOrder.CHANNELS_FIRST).framesPerSecond(40)
                .timeLimitMs(60000).build();
        assertEquals(3 * 2 * 2 * 17, s.totalPlanes());
        assertEquals(-2 + 16 * 0.25, s.zUm(16), 0);
        assertEquals(60000, s.timeLimitMs().getAsLong());
        assertEquals(s.toString(), s.toBuilder().build().toString());
        assertThrows(UnsupportedOperationException.class, () -> s.channels().add("x"));
    }

    @Test
    void rejectsInvalidValuesNamingThem() {
        assertRejected("time points must be >= 1, got 0", () -> AcquisitionSettings.builder().timePoints(0).build());
        assertRejected("interval must be a finite number of ms >= 0, got -5.0",
                () -> AcquisitionSettings.builder().intervalMs(-5).build());
        assertRejected("positions must be >= 1, got -1", () -> AcquisitionSettings.builder().positions(-1).build());
        assertRejected("at least one channel", () -> AcquisitionSettings.builder().channels().build());
        assertRejected("'GFP' appears twice", () -> AcquisitionSettings.builder().channels("GFP", "GFP").build());
        assertRejected("channel 1 needs a name", () -> AcquisitionSettings.builder().channels("GFP", " ").build());
        assertRejected("z slices must be >= 1, got 0", () -> AcquisitionSettings.builder().zStack(0, 1, 0).build());
        assertRejected("z step must be a finite number of µm, got NaN",
                () -> AcquisitionSettings.builder().zStack(0, Double.NaN, 3).build());
        assertRejected("frame rate must be a finite number of frames per second >= 0 (0 = as fast as possible), got -1.0",
                () -> AcquisitionSettings.builder().framesPerSecond(-1).build());
        assertRejected("time limit must be >= 1 ms", () -> AcquisitionSettings.builder().timeLimitMs(0));
        assertRejected("acquisition order must be given", () -> AcquisitionSettings.builder().order(null).build());
    }

    @Test
    void startRejectsAStackOutsideTheFocusRange() {
        final AcquisitionSettings s = AcquisitionSettings.builder().zStack(90, 5, 4).build(); // 90 … 105 µm
        assertRejected("z-stack from 90.0 to 105.0 µm (4 slices, step 5.0 µm) leaves the focus drive's range [-100.0, 100.0] µm",
                () -> new AcquisitionRunner().start(new FakeMicroscope(), s, new RecordingSink(null)));
    }
}
