package org.livedecon.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.opencl.DeviceChoice;

/** The live engine's user options. */
class LiveSettingsTest {
    @Test
    void theDeviceIsReadByDeviceChoiceBlankMeaningAutoAsEverywhere() {
        assertEquals("cpu", LiveSettings.builder().build().device(), "the engine's default when none is given");
        assertEquals("auto", LiveSettings.builder().device("  ").build().device());
        assertEquals("auto", LiveSettings.builder().device((String) null).build().device());
        assertEquals("gpu", LiveSettings.builder().device(" GPU ").build().device());
        assertEquals(DeviceChoice.Kind.NAMED, LiveSettings.builder().device("Tesla V100").build().deviceChoice().kind());
    }

    @Test
    void missingGeometryOrChannelsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiveResources.builder().build());
        assertEquals("planes per stack must be at least 1, got 0", e.getMessage());
    }
}
