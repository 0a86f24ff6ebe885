package org.livedecon.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.CalibrationException;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.core.calibration.TooFewBeadsException;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.mm.mmcore.MmCoreMicroscopeTest;
import org.livedecon.mm.testing.Fakes;
import org.livedecon.mm.ui.SettingsPanelTest;
import org.livedecon.mm.wizard.CalibrationWizardModel;
import org.livedecon.mm.wizard.DemoCameraWizardTest;
import org.livedecon.sim.DemoBeadMicroscope;


/** The wizard reads the hardware when it opens and when a step needs it, not once. */
class HardwareRereadTest {

    @Test
    void focusMovedBetweenTwoOpeningsOfTheWizard(@TempDir Path dir) throws Exception {
        String before = System.getProperty("livedecon.psfLibrary");
        System.setProperty("livedecon.psfLibrary", dir.toString());
        try {
            MmCoreMicroscopeTest.FakeCore core = new MmCoreMicroscopeTest.FakeCore();
            Fakes.Studio studio = new Fakes.Studio();
            studio.core = core;
            final CalibrationWizardPlugin plugin = new CalibrationWizardPlugin();
            plugin.setContext(studio);
            CalibrationWizardModel first = SettingsPanelTest.onEdt(plugin::prepare);
            assertEquals(5, first.focusAtStartUm(), 1e-12);
            assertEquals(-95, first.focusLowerUm(), 1e-12);
            assertEquals(105, first.focusUpperUm(), 1e-12);

            core.position = 150; // the user focuses elsewhere in Micro-Manager, then opens the wizard again
            core.exposure = 42;
            CalibrationWizardModel second = SettingsPanelTest.onEdt(plugin::prepare);
            assertSame(first, second, "one wizard per plugin");
            assertEquals(150, second.focusAtStartUm(), 1e-12);
            assertEquals(50, second.focusLowerUm(), 1e-12);
            assertEquals(250, second.focusUpperUm(), 1e-12);
            assertEquals(42, second.exposureMs(), 1e-12);
            second.setInputs(second.inputs().toBuilder().zHalfRangeUm(2).zStepUm(0.5).build());
            ScanPlan plan = second.plan();
            assertEquals(148, plan.startUm(), 1e-9, plan.toString());
            assertTrue(studio.logs.errors.isEmpty(), studio.logs.all());
        } finally {
            if (before == null) System.clearProperty("livedecon.psfLibrary");
            else System.setProperty("livedecon.psfLibrary", before);
        }
    }

    @Test
    void limitsFollowTheFocusUnlessEntered(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().sensor(64, 64).build();
        CalibrationWizardModel w = new CalibrationWizardModel(m, new PsfLibrary(dir), CalibrationWizardModel.LiveMode.NONE);
        w.readHardware();
        w.setInputs(w.inputs().toBuilder().zHalfRangeUm(2).zStepUm(1).build());
        m.focus().moveTo(150); // moved while the wizard stayed open
        assertEquals(148, w.plan().startUm(), 1e-9, "default limits follow the focus a step finds");
        assertEquals(250, w.focusUpperUm(), 1e-9);

        w.setFocusLimitsUm(100, 160);
        m.focus().moveTo(170);
        CalibrationException e = assertThrows(CalibrationException.class, w::plan);
        assertTrue(e.getMessage().contains("outside the limits [100.000, 160.000]"), e.getMessage());
    }

    @Test
    void beadCountsAfterARefusalAreTheOnesItNames(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().sensor(256, 256).bitDepth(16).build();
        CalibrationWizardModel w = DemoCameraWizardTest.wizard(m, dir);
        w.setInputs(w.inputs().toBuilder().zHalfRangeUm(2).build()); // far too short a scan for any crop
        TooFewBeadsException e = assertThrows(TooFewBeadsException.class, () -> w.acquire("short", null));
        Map<String, Integer> counts = w.beadCounts();
        int detected = w.beads().size();
        assertTrue(detected > 5, counts.toString());
        assertEquals(e.beads().size(), detected);
        assertTrue(e.getMessage().contains(" of " + detected + " detected"), e.getMessage());
        assertTrue(e.getMessage().contains(counts.get("edge") + " edge"), e.getMessage() + " vs " + counts);
        assertEquals(0, (int) counts.get("used"));
        assertTrue(w.scanProjection() != null, "the bead map can be shown");
    }
}
