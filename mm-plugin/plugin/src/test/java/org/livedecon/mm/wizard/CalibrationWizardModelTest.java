package org.livedecon.mm.wizard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.CalibrationCancelledException;
import org.livedecon.core.calibration.CalibrationException;
import org.livedecon.core.calibration.CalibrationListener;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.Preview;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.core.psf.PsfFile;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.PsfMetadata;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.settings.PsfAssignments;
import org.livedecon.sim.BeadSample;
import org.livedecon.sim.CameraModel;
import org.livedecon.sim.SimOptics;
import org.livedecon.sim.SimulatedMicroscope;


/** The wizard's steps end to end on the simulated microscope, without a display. */
public class CalibrationWizardModelTest {
    public static final double FOCUS_UM = 10.5;

    /** A 128x128 slide of 100 nm beads, NA 1.4 oil at 0.52 µm (Born-Wolf), 0.1 µm pixels, focus at the bead layer. */
    static SimulatedMicroscope slide(int beads) {
        return SimulatedMicroscope.builder()
                .sample(BeadSample.builder().diameterUm(0.1).count(beads).photonsPerSecond(200000).doubletFraction(0.05)
                        .clusterFraction(0.02).seed(3).build())
                .optics(SimOptics.builder().maxPsfSize(63, 81).build())
                .camera(CameraModel.builder().sensor(128, 128).build())
                .pixelSizeUm(0.1).zStepUm(0.1).sampleThicknessUm(1.0).focusOffsetUm(10)
                .focusLimitsUm(0, 100).focusStartUm(FOCUS_UM).seed(7).realTime(false).build();
    }

    /** A live mode that records its switches. */
    public static final class FakeLive implements CalibrationWizardModel.LiveMode {
        public volatile boolean on;
        public final List<Boolean> switches = new ArrayList<Boolean>();

        public FakeLive(boolean on) { this.on = on; }

        @Override
        public boolean isOn() { return on; }

        @Override
        public void setOn(boolean v) {
            on = v;
            switches.add(v);
        }
    }

    /** The optics a user would enter for the simulator, a z step on its grid. */
    public static CalibrationWizardModel model(SimulatedMicroscope m, Path library, FakeLive live) throws Exception {
        CalibrationWizardModel w = new CalibrationWizardModel(m, new PsfLibrary(library), live);
        w.readHardware();
        w.applyPreset("100x-1.40-oil");
        w.setInputs(w.inputs().toBuilder()
                .immersionIndex(1.518)
                .wavelengthUm(0.52)
                .theoryModel(PsfModel.BORN_WOLF)
                .zStepUm(0.1)
                .beadDiameterUm(0.1)
                .build());
        return w;
    }

    @Test
    void completesEndToEndAndSavesAnAssignedPsf(@TempDir Path dir) throws Exception {
        SimulatedMicroscope m = slide(40);
        m.camera().setExposureMs(10);
        FakeLive live = new FakeLive(true);
        CalibrationWizardModel w = model(m, dir.resolve("psfs"), live);

        // optics page: hardware read, presets, Nyquist facts
        assertEquals(0.1, w.pixelSizeUm(), 1e-12);
        assertEquals(10, w.exposureMs(), 1e-12);
        assertEquals(FOCUS_UM, w.focusAtStartUm(), 1e-12);
        assertEquals(0, w.focusLowerUm(), 1e-12, "focus - 100 µm, cut at the drive's lower limit 0");
        assertEquals(100, w.focusUpperUm(), 1e-12, "focus + 100 µm, cut at the drive's upper limit 100");
        assertTrue(CalibrationWizardModel.objectivePresets().containsKey("60x-1.20-water"));
        assertEquals(1.4, w.na(), 1e-12);
        assertTrue(w.opticsFacts().get(0).startsWith("Nyquist sampling"), w.opticsFacts().toString());

        // preview page: a dim preview, then the suggested exposures (at most 10x per step) bring the
        // brightest pixel near 60 % of full scale
        Preview p = w.preview();
        assertEquals(128 * 128, w.previewImage().length);
        assertEquals(128, w.previewWidth());
        assertEquals(10, m.camera().exposureMs(), 1e-12, "the preview leaves the camera's exposure as found");
        w.useSuggestedExposure();
        assertEquals(p.suggestedExposureMs(), w.exposureMs(), 1e-12);
        assertTrue(w.exposureMs() <= Preview.MAX_STEP * 10 + 1e-9, "at most 10x per suggestion: " + w.exposureMs());
        Preview q = w.preview();
        for (int i = 0; i < 3 && Math.abs(q.suggestedExposureMs() / q.exposureMs() - 1) > 0.2; i++) {
            w.useSuggestedExposure();
            q = w.preview();
        }
        assertFalse(w.exposureIneffective(), "the simulated camera's brightness follows its exposure");
        assertFalse(q.saturated(), q.toString());
        assertTrue(q.max() > 0.35 * q.fullScale() && q.max() < 0.9 * q.fullScale(), q.toString());

        // z-scan page: ± max(5, 3 + 1/FWHM) axial FWHM about the focus, in the entered step
        ScanPlan plan = w.plan();
        int k = (int) Math.ceil(w.effectiveZHalfRangeUm() / 0.1 - 1e-9);
        assertEquals(2 * k + 1, plan.planes(), plan.toString());
        assertEquals(FOCUS_UM - k * 0.1, plan.startUm(), 1e-9);

        for (int i = 0; i < live.switches.size(); i++) assertEquals(i % 2 == 1, live.switches.get(i), "paused for each preview snap");
        live.switches.clear();

        // acquisition: live mode off while the scan runs, back on afterwards; focus and exposure restored
        final List<String> steps = new ArrayList<String>();
        final int[] planes = {0};
        final boolean[] liveDuringScan = {true};
        ExtractionResult r = w.acquire("sim-wizard", new CalibrationListener() {
            @Override
            public void step(String name) { steps.add(name); }

            @Override
            public void plane(int done, int total) {
                planes[0] = done;
                liveDuringScan[0] &= !live.on;
            }
        });
        assertTrue(liveDuringScan[0], "live mode off during the scan");
        assertTrue(live.on, "live mode back on");
        assertEquals(2, live.switches.size(), live.switches.toString());
        assertEquals(plan.planes(), planes[0]);
        assertEquals(java.util.Arrays.asList("preview", "acquisition", "extraction"), steps);
        assertEquals(FOCUS_UM, m.focus().positionUm(), 1e-9, "focus restored");
        assertEquals(10, m.camera().exposureMs(), 1e-9, "exposure restored");

        // beads page
        Map<String, Integer> counts = w.beadCounts();
        int total = 0;
        for (int c : counts.values()) total += c;
        assertEquals(r.beads().size(), total, counts.toString());
        assertTrue(counts.get("used") >= 5, counts.toString());
        assertEquals(r.report().beadsUsed(), (int) counts.get("used"));
        float[] mip = w.scanProjection();
        assertEquals(128 * 128, mip.length);
        assertEquals(128, w.projectionWidth());

        // result page: FWHM near the Born-Wolf theory the simulator uses
        String s = r.report().summary();
        for (int a = 0; a < 3; a++) {
            double ratio = r.report().fwhmRatio(a);
            assertTrue(ratio > 0.85 && ratio < 1.25, "axis " + a + " ratio " + ratio + ": " + s);
        }
        List<String[]> table = w.fwhmTable();
        assertEquals(4, table.size());
        assertTrue(table.get(0)[2].startsWith("Born-Wolf"), table.get(0)[2]);
        BufferedImage report = w.reportImage();
        assertTrue(report.getWidth() > 400 && report.getHeight() > 300, report.getWidth() + "x" + report.getHeight());

        // save page: in the library, assigned to channel 1
        Path tif = w.save("sim-wizard", 1);
        PsfLibrary library = new PsfLibrary(dir.resolve("psfs"));
        assertEquals(library.file("sim-wizard"), tif);
        assertTrue(Files.size(tif) > 1000);
        PsfMetadata meta = PsfFile.readMetadata(tif);
        assertEquals(r.report().beadsUsed(), meta.beadsUsed());
        assertEquals(0.1, meta.pixelSizeUm(), 1e-9);
        PsfAssignments assigned = PsfAssignments.read(library);
        assertEquals("sim-wizard", assigned.nameFor(1));
        assertEquals(ChannelPsf.library("sim-wizard"), assigned.toSettings(PluginSettings.defaults()).psfFor(1));
        assertEquals(PluginSettings.defaults().defaultPsf(), assigned.toSettings(PluginSettings.defaults()).psfFor(0));

        // the same name again: refused, naming the entry, which stays as it was; replaced only when asked
        byte[] first = Files.readAllBytes(tif);
        java.nio.file.attribute.FileTime firstTime = Files.getLastModifiedTime(tif);
        assertTrue(w.existing("sim-wizard").startsWith("sim-wizard.tif"), w.existing("sim-wizard"));
        assertTrue(w.existing("sim-wizard").length() < 80, "fits the status lines: " + w.existing("sim-wizard"));
        CalibrationException refused = assertThrows(CalibrationException.class, () -> w.save("sim-wizard", 1));
        assertTrue(refused.getMessage().contains("already holds 'sim-wizard'"), refused.getMessage());
        assertArrayEquals(first, Files.readAllBytes(tif));
        assertEquals(firstTime, Files.getLastModifiedTime(tif));
        assertEquals(tif, w.save("sim-wizard", 1, true));
        assertTrue(Files.size(tif) > 1000);
        assertEquals(null, w.existing("not-saved"));
    }

    @Test
    void cancelMidScanRestoresFocusAndLiveMode(@TempDir Path dir) throws Exception {
        SimulatedMicroscope m = slide(8);
        m.camera().setExposureMs(10);
        FakeLive live = new FakeLive(true);
        final CalibrationWizardModel w = model(m, dir, live);
        w.setInputs(w.inputs().toBuilder().exposureMs(100).build());
        long before = m.camera().snapCount();
        final int[] planes = {0};
        CalibrationCancelledException e = assertThrows(CalibrationCancelledException.class,
                () -> w.acquire("cancelled", new CalibrationListener() {
                    @Override
                    public void step(String name) {}

                    @Override
                    public void plane(int done, int total) {
                        planes[0] = done;
                        if (done == 5) w.cancel();
                    }
                }));
        assertTrue(e.getMessage().contains("cancelled after 5"), e.getMessage());
        assertEquals(5, planes[0]);
        assertEquals(1 + 5, m.camera().snapCount() - before, "preview plus 5 planes");
        assertEquals(FOCUS_UM, m.focus().positionUm(), 1e-9, "focus restored");
        assertEquals(10, m.camera().exposureMs(), 1e-9, "exposure restored");
        assertTrue(live.on, "live mode restored");
        assertNotNull(w.scanProjection(), "what was scanned is kept for display");
        assertEquals(0, w.beadCounts().get("used").intValue());
        assertFalse(Files.exists(dir.resolve(PsfAssignments.FILE_NAME)));
    }

    @Test
    void scanBeyondTheWizardLimitsIsRefusedBeforeMoving(@TempDir Path dir) throws Exception {
        SimulatedMicroscope m = slide(8);
        CalibrationWizardModel w = model(m, dir, new FakeLive(false));
        w.setFocusLimitsUm(FOCUS_UM - 1, FOCUS_UM + 50);
        CalibrationException e = assertThrows(CalibrationException.class, w::plan);
        assertTrue(e.getMessage().contains("limits [9.500, 60.500]"), e.getMessage());
        long snaps = m.camera().snapCount();
        assertThrows(CalibrationException.class, () -> w.acquire("limits", null));
        assertEquals(snaps + 1, m.camera().snapCount(), "only the session's preview snap, no scan");
        assertEquals(FOCUS_UM, m.focus().positionUm(), 1e-12);

        w.setFocusLimitsUm(20, 30);
        CalibrationException outside = assertThrows(CalibrationException.class, w::plan);
        assertTrue(outside.getMessage().contains("the focus at 10.500 µm lies outside the limits [20.000, 30.000]"),
                outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.setFocusLimitsUm(5, 5));
    }

    @Test
    void badOpticsAreNamed(@TempDir Path dir) throws Exception {
        CalibrationWizardModel w = model(slide(0), dir, new FakeLive(false));
        w.setInputs(w.inputs().toBuilder().na(1.6).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, w::settings);
        assertTrue(e.getMessage().contains("NA 1.6"), e.getMessage());
        assertTrue(w.opticsFacts().get(0).startsWith("invalid optics"), w.opticsFacts().toString());
        assertThrows(IllegalArgumentException.class, () -> w.applyPreset("200x-2.0-magic"));
        w.applyPreset("60x-1.20-water");
        assertEquals(1.2, w.na(), 1e-12);
        assertEquals(1.333, w.immersionIndex(), 1e-12);
        assertEquals("60x-1.20-water", w.preset());
    }
}
