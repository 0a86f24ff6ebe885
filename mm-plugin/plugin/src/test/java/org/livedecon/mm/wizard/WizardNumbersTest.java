package org.livedecon.mm.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.QualityReport;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.mm.settings.ChannelPsf;
import org.livedecon.mm.settings.PluginSettings;
import org.livedecon.mm.ui.SettingsPanelTest;
import org.livedecon.sim.DemoBeadMicroscope;


/** One default optics, one theory and one number per quantity across the wizard's pages and the processor. */
class WizardNumbersTest {

    @Test
    void theWizardStartsWithTheProcessorsDefaultOpticsAndTheory(@TempDir Path dir) {
        CalibrationWizardModel w = new CalibrationWizardModel(DemoBeadMicroscope.builder().sensor(32, 32).build(),
                new PsfLibrary(dir), CalibrationWizardModel.LiveMode.NONE);
        ChannelPsf p = PluginSettings.defaults().defaultPsf();
        assertEquals(p.model(), w.theoryModel());
        assertEquals(p.na(), w.na(), 0);
        assertEquals(p.immersionIndex(), w.immersionIndex(), 0);
        assertEquals(p.wavelengthUm(), w.wavelengthUm(), 0);
    }

    @Test
    void theOpticsPageShowsTheResultsTheoryAndTheScanPageThePlannedRange(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().sensor(256, 256).bitDepth(16).seed(4).build();
        CalibrationWizardModel w = DemoCameraWizardTest.wizard(m, dir);
        w.setInputs(w.inputs().toBuilder().zHalfRangeUm(11.6).build()); // not a whole number of 1 µm steps
        String facts = String.join("\n", w.opticsFacts());
        double[] before = w.theoryFwhmUm();
        String axial = String.format(java.util.Locale.ROOT, "axial %.3f µm", before[2]);
        assertTrue(facts.contains(w.theoryModel().label()) && facts.contains(axial), facts);
        assertFalse(facts.contains("closed form"), "one number per quantity: " + facts);

        ScanPlan plan = w.plan();
        assertEquals((plan.endUm() - plan.startUm()) / 2, w.plannedZHalfRangeUm(), 1e-9, "± shown = ± scanned");
        assertEquals(12, w.plannedZHalfRangeUm(), 1e-9);

        w.acquire("numbers", null);
        QualityReport q = w.result().report();
        for (int a = 0; a < 3; a += 2) assertEquals(before[a], q.theoryFwhmUm(a), 5e-4, "axis " + a + ": page 1 = page 6 to the digits shown");
        List<String[]> table = w.fwhmTable();
        assertEquals(4, table.size(), "header and x, y, z only");
        assertEquals(q.theoryModel().label() + " theory (µm)", table.get(0)[2]);
    }

    @Test
    void duringTheScanStartIsOffAndCancelOn(@TempDir Path dir) throws Exception {
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        CalibrationWizardModel.LiveMode live = new CalibrationWizardModel.LiveMode() {
            volatile boolean on = true;

            @Override
            public boolean isOn() { return on; }

            @Override
            public void setOn(boolean v) {
                on = v;
                if (!v) {
                    paused.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS); // the scan is held here, running
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().sensor(256, 256).bitDepth(16).build();
        final CalibrationWizardModel model = new CalibrationWizardModel(m, new PsfLibrary(dir), live);
        model.readHardware();
        model.setInputs(model.inputs().toBuilder()
                .na(0.3)
                .immersionIndex(1.0)
                .zHalfRangeUm(12)
                .zStepUm(1)
                .build());
        final CalibrationWizard wizard = SettingsPanelTest.onEdt(() -> new CalibrationWizard(model));
        final ResultPages.Acquire acquire = (ResultPages.Acquire) wizard.pages().get(3);
        SettingsPanelTest.onEdt(() -> {
            wizard.show(3);
            acquire.name.setText("held");
            acquire.start.doClick();
            return null;
        });
        assertTrue(paused.await(60, TimeUnit.SECONDS), "the scan started");
        SettingsPanelTest.onEdt(() -> {
            assertTrue(acquire.busy());
            assertFalse(acquire.start.isEnabled(), "Start the scan is off while it runs");
            assertTrue(acquire.cancel.isEnabled(), "Cancel is on while it runs");
            return null;
        });
        release.countDown();
        long deadline = System.currentTimeMillis() + 120_000;
        while (SettingsPanelTest.onEdt(acquire::busy) && System.currentTimeMillis() < deadline) Thread.sleep(50);
        SettingsPanelTest.onEdt(() -> {
            assertTrue(acquire.start.isEnabled() && !acquire.cancel.isEnabled(), "after the scan");
            int savePage = 0;
            while (!(wizard.pages().get(savePage) instanceof ResultPages.Save)) savePage++;
            for (int i = 4; i <= savePage; i++) wizard.show(i);
            ResultPages.Save save = (ResultPages.Save) wizard.pages().get(savePage);
            assertEquals("held", save.name.getText(), "the save page shows the name the PSF was acquired under");
            return null;
        });
    }
}
