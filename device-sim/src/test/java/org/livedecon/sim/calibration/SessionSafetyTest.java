package org.livedecon.sim.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.livedecon.core.calibration.CalibrationCancelledException;
import org.livedecon.core.calibration.CalibrationException;
import org.livedecon.core.calibration.CalibrationListener;
import org.livedecon.core.calibration.CalibrationSession;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.ExtractionSettings;
import org.livedecon.core.hardware.Roi;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.sim.BeadSample;
import org.livedecon.sim.SimOptics;
import org.livedecon.sim.SimulatedMicroscope;

/** Bars 2 to 4: aberration shows in the report; failures and cancel leave the hardware as found. */
class SessionSafetyTest {
    private static final ExtractionSettings EXTRACTION = ExtractionSettings.builder().theoryModel(PsfModel.BORN_WOLF).build();

    private static SimulatedMicroscope slide(BeadSample beads) {
        return CalibrationFixtures.slide(beads, SimOptics.builder().maxPsfSize(63, 81).build(), 128).build();
    }

    /** Focus, exposure and ROI as they were before the session. */
    private static void assertRestored(SimulatedMicroscope m, double focus, double exposure, Roi roi) {
        assertEquals(focus, m.focus().positionUm(), 1e-9, "focus restored");
        assertEquals(exposure, m.camera().exposureMs(), 1e-9, "exposure restored");
        assertEquals(roi, m.camera().roi(), "ROI restored");
    }

    @Test
    void aberratedSimulatorShowsAxialBroadeningAgainstTheory() throws Exception {
        SimOptics aberrated = SimOptics.builder().indexMismatch(1.33, 20).maxPsfSize(63, 129).build();
        SimulatedMicroscope m = CalibrationFixtures.slide(CalibrationFixtures.beads(40, 200000), aberrated, 192).build();
        // the user's optics: the matched NA 1.4 oil objective, as a user would enter it
        ExtractionSettings es = ExtractionSettings.builder().optics(Optics.builder().build())
                .theoryModel(PsfModel.GIBSON_LANNI).cropHalfWidthZUm(2.5).build();
        ExtractionResult r = new CalibrationSession(m, CalibrationFixtures.settings(es).zHalfRangeUm(3.5).build())
                .run("aberrated", null);
        String s = r.report().summary();
        System.out.println("bar 2: " + s);
        assertTrue(r.report().fwhmRatio(2) > 1.3, "axial FWHM ratio to theory shows the broadening: " + s);
        assertTrue(r.report().toJson().contains("\"fwhmRatio\""), r.report().toJson());
    }

    @Test
    void emptySlideFailsClearlyAndRestores() throws Exception {
        SimulatedMicroscope m = slide(BeadSample.builder().count(0).build());
        Roi roi = new Roi(0, 0, 128, 128);
        CalibrationException e = assertThrows(CalibrationException.class, () -> new CalibrationSession(m,
                CalibrationFixtures.settings(EXTRACTION).roi(new Roi(8, 8, 100, 100)).build()).run("empty", null));
        System.out.println("no beads: " + e.getMessage());
        assertTrue(e.getMessage().contains("no beads found"), e.getMessage());
        assertRestored(m, CalibrationFixtures.OFFSET_UM + CalibrationFixtures.LAYER_UM / 2, 10, roi);
    }

    @Test
    void saturatedBeadsFailClearlyAndRestore() throws Exception {
        SimulatedMicroscope m = slide(CalibrationFixtures.beads(8, 5e8));
        m.camera().setExposureMs(10);
        double focus = m.focus().positionUm();
        CalibrationException e = assertThrows(CalibrationException.class, () -> new CalibrationSession(m,
                CalibrationFixtures.settings(EXTRACTION).build()).run("saturated", null));
        System.out.println("saturated: " + e.getMessage());
        assertTrue(e.getMessage().contains("saturated"), e.getMessage());
        assertRestored(m, focus, 10, m.camera().roi());
    }

    @Test
    void singleBeadIsNotEnoughAndRestores() throws Exception {
        SimulatedMicroscope m = slide(BeadSample.builder().count(1).doubletFraction(0).clusterFraction(0)
                .photonsPerSecond(200000).seed(11).build());
        double focus = m.focus().positionUm();
        CalibrationException e = assertThrows(CalibrationException.class, () -> new CalibrationSession(m,
                CalibrationFixtures.settings(EXTRACTION).zHalfRangeUm(2).build()).run("single", null));
        System.out.println("single bead: " + e.getMessage());
        assertTrue(e.getMessage().contains("at least 3 are needed") || e.getMessage().contains("no beads found"),
                e.getMessage());
        assertRestored(m, focus, 10, m.camera().roi());
    }

    @Test
    void scanOutsideTheLimitsIsRefusedBeforeMoving() throws Exception {
        SimulatedMicroscope m = CalibrationFixtures.slide(CalibrationFixtures.beads(5, 200000),
                SimOptics.builder().maxPsfSize(63, 81).build(), 64).focusStartUm(1).build();
        long snaps = m.camera().snapCount();
        CalibrationException e = assertThrows(CalibrationException.class, () -> new CalibrationSession(m,
                CalibrationFixtures.settings(EXTRACTION).zHalfRangeUm(3).build()).run("limits", null));
        System.out.println("limits: " + e.getMessage());
        assertTrue(e.getMessage().contains("limits [0.000, 100.000]"), e.getMessage());
        assertEquals(1, m.focus().positionUm(), 1e-12);
        assertEquals(snaps + 1, m.camera().snapCount(), "only the preview snap, no scan");
    }

    @Test
    void cancelStopsWithinOnePlaneAndRestoresFocus() throws Exception {
        SimulatedMicroscope m = slide(CalibrationFixtures.beads(8, 200000));
        double focus = m.focus().positionUm();
        final CalibrationSession[] session = new CalibrationSession[1];
        final int[] planes = {0};
        session[0] = new CalibrationSession(m, CalibrationFixtures.settings(EXTRACTION).framesPerPlane(2).build());
        long before = m.camera().snapCount();
        CalibrationListener cancelAtFive = new CalibrationListener() {
            @Override
            public void step(String name) {}

            @Override
            public void plane(int done, int total) {
                planes[0] = done;
                if (done == 5) session[0].cancel();
            }
        };
        CalibrationCancelledException e = assertThrows(CalibrationCancelledException.class,
                () -> session[0].run("cancel", cancelAtFive));
        System.out.println(String.format(Locale.ROOT, "cancel: %s (%d snaps)", e.getMessage(),
                m.camera().snapCount() - before));
        assertEquals(5, planes[0], "no plane after the cancel");
        assertEquals(1 + 5 * 2, m.camera().snapCount() - before, "preview plus 5 planes of 2 frames");
        assertRestored(m, focus, 10, m.camera().roi());
    }
}
