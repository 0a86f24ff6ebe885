package org.livedecon.mm.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.sim.DemoBeadMicroscope;

/** The wizard's inputs as one value: defaults, copies, the preset rule, and the model taking a page's inputs whole. */
class WizardInputsTest {
    @Test
    void startsFromTheProcessorsDefaultOpticsWithNothingEntered() {
        WizardInputs d = WizardInputs.defaults();
        ChannelPsf optics = PluginSettings.defaults().defaultPsf();
        assertEquals(optics.na(), d.na(), 0);
        assertEquals(optics.immersionIndex(), d.immersionIndex(), 0);
        assertEquals(optics.wavelengthUm(), d.wavelengthUm(), 0);
        assertEquals(optics.model(), d.theoryModel());
        assertEquals("", d.preset());
        assertTrue(Double.isNaN(d.pixelSizeUm()) && Double.isNaN(d.zStepUm()) && Double.isNaN(d.zHalfRangeUm())
                && Double.isNaN(d.exposureMs()), d.toString());
        assertEquals(0.1, d.beadDiameterUm(), 0);
        assertEquals(1, d.framesPerPlane());
    }

    @Test
    void aBuilderCopiesAndABuiltValueNeverChanges() {
        WizardInputs a = WizardInputs.defaults().toBuilder().preset("60x-1.20-water", 1.2, 1.333).wavelengthUm(0.52)
                .pixelSizeUm(0.1).zStepUm(0.2).zHalfRangeUm(3).beadDiameterUm(0.175).exposureMs(20).framesPerPlane(2)
                .theoryModel(PsfModel.BORN_WOLF).build();
        assertEquals(a, a.toBuilder().build());
        assertEquals(a.hashCode(), a.toBuilder().build().hashCode());
        assertEquals(WizardInputs.defaults(), WizardInputs.defaults().toBuilder().build(), "NaN (not entered) equals NaN");
        WizardInputs.Builder b = a.toBuilder();
        WizardInputs first = b.build();
        b.zStepUm(0.5);
        assertEquals(0.2, first.zStepUm(), 0, "built before the change");
        assertEquals(0.2, a.zStepUm(), 0);
        assertNotEquals(a, b.build());
        assertThrows(IllegalArgumentException.class, () -> WizardInputs.defaults().toBuilder().theoryModel(null));
    }

    @Test
    void anNaOrIndexEnteredByHandIsNoLongerThePresets() {
        WizardInputs p = WizardInputs.defaults().toBuilder().preset("60x-1.20-water", 1.2, 1.333).build();
        assertEquals("60x-1.20-water", p.preset());
        assertEquals("", p.toBuilder().na(1.1).build().preset());
        assertEquals("", p.toBuilder().immersionIndex(1.34).build().preset());
        assertEquals("60x-1.20-water", p.toBuilder().wavelengthUm(0.6).zStepUm(0.1).build().preset());
    }

    @Test
    void theModelUsesThePagesInputsAndKeepsTheHardwaresWhereNoneWasEntered(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().sensor(64, 64).build();
        m.camera().setExposureMs(25);
        CalibrationWizardModel w = new CalibrationWizardModel(m, new PsfLibrary(dir), CalibrationWizardModel.LiveMode.NONE);
        w.readHardware();
        assertEquals(m.pixelSizeUm(), w.inputs().pixelSizeUm(), 0);
        assertEquals(25, w.inputs().exposureMs(), 0);
        w.applyPreset("60x-1.20-water");
        WizardInputs entered = w.inputs().toBuilder().zStepUm(0.25).zHalfRangeUm(4).framesPerPlane(3).build();
        w.setInputs(entered);
        assertEquals(entered, w.inputs());
        assertEquals("60x-1.20-water", w.preset());
        assertEquals(0.25, w.settings().zStepUm(), 0);
        assertEquals(3, w.settings().framesPerPlane());
        assertThrows(IllegalArgumentException.class, () -> w.setInputs(null));
    }
}
