package org.livedecon.mm;

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
class DemoCameraWizardTest {

    static CalibrationWizardModel wizard(DemoBeadMicroscope m, Path dir) throws Exception {
        CalibrationWizardModel w = new CalibrationWizardModel(m, new PsfLibrary(dir), CalibrationWizardModel.LiveMode.NONE);
        w.readHardware();
        w.setNa(0.3);
        w.setImmersionIndex(1.0);
        w.setWavelengthUm(0.52);
        w.setZHalfRangeUm(12);
        w.setZStepUm(1);
        return w;
    }

    @Test
    void completesOnTheDemoBeadsWithTheModelsLateralWidth(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().bitDepth(16).build();
        CalibrationWizardModel w = wizard(m, dir);
        Preview p = w.preview();
        w.useSuggestedExposure();
        ExtractionResult r = w.acquire("demo-beads", null);
        QualityReport q = r.report();
        System.out.println(q.summary());
        System.out.println(w.beadCounts());
        double expected = 2.355 * m.beadSize() * m.meanWidthFactor(0);
        double lateral = 0.5 * (q.fwhmUm(0) + q.fwhmUm(1));
        assertEquals(expected, lateral, 0.1 * expected, q.summary());
    }
}
