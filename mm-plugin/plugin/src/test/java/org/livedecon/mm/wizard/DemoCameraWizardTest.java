package org.livedecon.mm.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.Preview;
import org.livedecon.core.calibration.QualityReport;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.sim.DemoBeadMicroscope;

/**
 * The wizard model on Micro-Manager's own demo (DemoCamera "Fluorescent Beads" with its Z stage),
 * as a user tries it first: NA 0.3 in air, the pixel size the demo configuration reports (1 µm),
 * a ±12 µm scan in 1 µm steps.
 */
public class DemoCameraWizardTest {

    public static CalibrationWizardModel wizard(DemoBeadMicroscope m, Path dir) throws Exception {
        CalibrationWizardModel w = new CalibrationWizardModel(m, new PsfLibrary(dir), CalibrationWizardModel.LiveMode.NONE);
        w.readHardware();
        w.setInputs(w.inputs().toBuilder()
                .na(0.3)
                .immersionIndex(1.0)
                .wavelengthUm(0.52)
                .zHalfRangeUm(12)
                .zStepUm(1)
                .build());
        return w;
    }

    @Test
    void completesOnTheDemoBeadsWithTheModelsLateralWidth(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().bitDepth(16).build();
        CalibrationWizardModel w = wizard(m, dir);

        // preview: 255 ADU of 65535 asks for more light, but by at most 10x, and a second preview at
        // the longer exposure shows that the exposure changes nothing
        Preview p = w.preview();
        assertEquals(10 * p.exposureMs(), w.suggestedExposureMs(), 1e-9, p.toString());
        w.useSuggestedExposure();
        w.preview();
        assertTrue(w.exposureIneffective(), "the demo's exposure has no effect");
        assertEquals(w.exposureMs(), w.suggestedExposureMs(), 1e-9, "the suggestion stops growing");

        ExtractionResult r = w.acquire("demo-beads", null);
        QualityReport q = r.report();
        System.out.println("DemoCamera-like beads: " + q.summary() + "; expected lateral FWHM "
                + 2.355 * m.beadSize() * m.meanWidthFactor(0) + " µm");
        Map<String, Integer> counts = w.beadCounts();
        assertTrue(q.beadsUsed() >= 20, q.summary());
        assertEquals(q.beadsUsed(), counts.get("used").intValue());

        // lateral FWHM: the model's 2.355 BeadSize mean(s), in pixels = µm (the demo ignores the pixel size)
        double expected = 2.355 * m.beadSize() * m.meanWidthFactor(0);
        for (int a = 0; a < 2; a++) assertEquals(expected, q.fwhmUm(a), 0.1 * expected, q.summary());

        // axial: reported as measured, with what it says about the sample
        String notes = String.join("\n", q.notes());
        assertTrue(q.axialLightRatio() > QualityReport.MAX_PHYSICAL_AXIAL_LIGHT_RATIO, q.summary());
        assertTrue(notes.contains("not a physical PSF"), notes);
        assertTrue(!Double.isNaN(q.fwhmUm(2)) || notes.contains("axial FWHM not reached"), notes);
        assertEquals(0, m.focus().positionUm(), 1e-9, "focus restored");
    }

    /** The theory (NA 0.3 in air: axial FWHM 9.9 µm) asks for a ±30 µm crop; a ±7 µm scan still gives beads. */
    @Test
    void theMeasuredCropFitsAShortScan(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().bitDepth(16).seed(5).build();
        CalibrationWizardModel w = wizard(m, dir);
        w.setInputs(w.inputs().toBuilder().zHalfRangeUm(7).build());
        ExtractionResult r = w.acquire("demo-short", null);
        assertTrue(r.report().beadsUsed() >= 20, r.report().summary());
        int[] half = r.cropHalfWidths();
        assertTrue(2 * (half[2] + 4) + 1 <= 15, "crop depth within the 15-plane scan: " + java.util.Arrays.toString(half));
        assertTrue(half[0] >= 4 * 2.355 * 2 * 0.8, "lateral crop from the measured beads, not the 7-pixel theory: "
                + java.util.Arrays.toString(half));
        assertEquals(0, (int) w.beadCounts().get("drift"), w.beadCounts().toString());
    }
}
