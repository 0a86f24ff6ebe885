package org.livedecon.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.livedecon.core.hardware.HardwareException;

class ChannelTest {

    @Test
    void channelsHaveTheirOwnWavelengthAndSample() throws Exception {
        CameraModel camera = CameraModel.builder().sensor(48, 48).noise(false).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(BeadSample.centred(1e5)).camera(camera)
                .sampleThicknessUm(3).channel("GFP", 0.51).channel("mCherry", 0.61)
                .channel("dark", 0.51, UniformSample.of(0)).realTime(false).build();
        assertEquals(Arrays.asList("GFP", "mCherry", "dark"), m.channels());
        assertEquals(0.61, m.emissionUm(1), 0);
        m.focus().moveTo(m.focusForPlane(15));
        double green = m.photonsPerSecond(m.camera().roi())[24 + 48 * 24];
        m.selectChannel(1);
        assertEquals(1, m.selectedChannel());
        double red = m.photonsPerSecond(m.camera().roi())[24 + 48 * 24];
        assertTrue(red < green, "the longer wavelength spreads the peak: red " + red + ", green " + green);
        assertTrue(m.psf().source().contains("0.61"), m.psf().source());
        m.selectChannel(2);
        assertEquals(0, m.truth().sum(), 0);
        HardwareException e = assertThrows(HardwareException.class, () -> m.selectChannel(3));
        assertEquals("simulated microscope: channel 3 does not exist; channels are 0 to 2 [GFP, mCherry, dark]",
                e.getMessage());
    }

    @Test
    void truthIsTheFieldOfViewOfTheRenderedSample() {
        CameraModel camera = CameraModel.builder().sensor(40, 30).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(BeadSample.centred(7)).camera(camera)
                .pixelSizeUm(0.1).zStepUm(0.2).sampleThicknessUm(2).realTime(false).build();
        assertEquals(40, m.truth().nx());
        assertEquals(30, m.truth().ny());
        assertEquals(10, m.truth().nz());
        assertEquals(7, m.truth().get(20, 15, 5), 0);
        assertEquals(7, m.truth().sum(), 1e-6);
    }

    @Test
    void builderNamesMissingAndBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatedMicroscope.builder().build());
        assertEquals("simulated microscope: a sample is required", e.getMessage());
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> SimulatedMicroscope.builder().sample(UniformSample.of(1)).zStepUm(0).build());
        assertEquals("simulated microscope: z step (µm) must be a positive number, got 0.0", z.getMessage());
    }
}
