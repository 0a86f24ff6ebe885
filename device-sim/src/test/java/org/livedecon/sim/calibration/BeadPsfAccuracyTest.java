package org.livedecon.sim.calibration;

import org.livedecon.core.io.TiffReader;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.PsfMetadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.livedecon.core.calibration.CalibrationSession;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.ExtractionSettings;
import org.livedecon.core.calibration.PsfMeasures;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.volume.Volume;
import org.livedecon.sim.SimOptics;
import org.livedecon.sim.SimulatedMicroscope;

/** Bar 1: 100 nm beads with camera noise give back the simulator's PSF. */
class BeadPsfAccuracyTest {

    @Test
    void recoversTheTruePsfFromNoisyHundredNanometreBeads() throws Exception {
        long t0 = System.nanoTime();
        SimulatedMicroscope m = CalibrationFixtures.slide(CalibrationFixtures.beads(80, 400000),
                SimOptics.builder().build(), 320, 0.065).build();
        double focus = m.focus().positionUm();
        ExtractionSettings es = ExtractionSettings.builder().theoryModel(PsfModel.BORN_WOLF).build();
        ExtractionResult r = new CalibrationSession(m, CalibrationFixtures.settings(es).build()).run("sim", null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(focus, m.focus().positionUm(), 1e-9, "focus restored");

        Volume ours = r.psf().volume();
        Volume truth = PsfMeasures.centredCrop(m.psf().volume(), ours.shape());
        double nrmse = PsfMeasures.nrmse(ours, truth);
        double[] err = new double[3];
        for (int a = 0; a < 3; a++) {
            err[a] = PsfMeasures.fwhmUm(ours, a) / PsfMeasures.fwhmUm(truth, a) - 1;
        }
        int[] rad = {3, 3, 5};
        double[] co = PsfMeasures.centroid(ours, rad);
        double[] ct = PsfMeasures.centroid(truth, rad);
        double centre = 0;
        for (int a = 0; a < 3; a++) centre = Math.max(centre, Math.abs(co[a] - ct[a]));
        String line = String.format(Locale.ROOT, "bar 1: %s; NRMSE %.4f; FWHM errors x %+.2f%% y %+.2f%% z %+.2f%%; "
                        + "centre error %.3f voxel; truth FWHM %.3f %.3f %.3f µm; %.1f s",
                r.report().summary(), nrmse, 100 * err[0], 100 * err[1], 100 * err[2], centre,
                PsfMeasures.fwhmUm(truth, 0), PsfMeasures.fwhmUm(truth, 1), PsfMeasures.fwhmUm(truth, 2), seconds);
        System.out.println(line);
        int used = r.report().beadsUsed();
        assertTrue(used >= 10 && used <= 30, "10 to 30 usable beads: " + line);
        assertTrue(nrmse <= 0.10, line);
        for (int a = 0; a < 3; a++) assertTrue(Math.abs(err[a]) <= 0.05, line);
        assertTrue(centre <= 0.1, line);

        // last step of the session: into the PSF library, with its sidecar, and back by name
        PsfLibrary library = new PsfLibrary(java.nio.file.Files.createTempDirectory("psf-library"));
        java.nio.file.Path saved = new CalibrationSession(m, CalibrationFixtures.settings(es).build()).save(r, "sim-100x", library);
        assertEquals(saved, library.file("sim-100x"));
        PsfMetadata meta = library.list().get(0).metadata();
        assertEquals(used, meta.beadsUsed());
        assertEquals(0.1, meta.beadDiameterUm(), 1e-12);
        assertEquals(0.065, meta.pixelSizeUm(), 1e-9);
        assertEquals(r.report().fwhmUm(2), meta.fwhmUm()[2], 1e-5); // the sidecar keeps 6 digits
        assertTrue(java.util.Arrays.equals(ours.data(), TiffReader.read(saved, 0, 0).volume().data()), "PSF round trip");
    }
}
