package org.livedecon.mm.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.swing.JPanel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.mm.testing.ScreenCaptures;
import org.livedecon.mm.ui.SettingsPanelTest;
import org.livedecon.sim.SimulatedMicroscope;



/** The wizard's pages built and painted without a display, and its acquisition page driving a scan. */
class CalibrationWizardTest {
    static final String[] NAMES = {"optics", "preview", "scan", "acquire", "beads", "result", "dark", "save"};

    @Test
    void rendersEveryPageHeadlessToPngs(@TempDir Path dir) throws Exception {
        SimulatedMicroscope m = CalibrationWizardModelTest.slide(40);
        m.camera().setExposureMs(10);
        final CalibrationWizardModel model = CalibrationWizardModelTest.model(m, dir,
                new CalibrationWizardModelTest.FakeLive(false));
        model.preview();
        model.useSuggestedExposure();
        model.preview();
        final ScanPlan plan = model.plan();
        model.acquire("sim-wizard", null);
        final Path saved = model.save("sim-wizard", 2);

        final CalibrationWizard wizard = SettingsPanelTest.onEdt(() -> new CalibrationWizard(model));
        // the save page: a name already in the library asks for a second click, and a new name undoes that
        final long savedAt = java.nio.file.Files.getLastModifiedTime(saved).toMillis();
        final ResultPages.Save savePage = (ResultPages.Save) wizard.pages().get(NAMES.length - 1);
        String asked = SettingsPanelTest.onEdt(() -> {
            savePage.name.setText("sim-wizard");
            savePage.save.doClick();
            return savePage.save.getText() + " | " + savePage.status.getText();
        });
        assertTrue(asked.startsWith(ResultPages.Save.REPLACE + " | ") && asked.contains("already holds 'sim-wizard'"), asked);
        assertEquals(savedAt, java.nio.file.Files.getLastModifiedTime(saved).toMillis(), "nothing written yet");
        assertEquals(ResultPages.Save.SAVE, SettingsPanelTest.onEdt(() -> {
            savePage.name.setText("sim-wizard-2");
            return savePage.save.getText();
        }));
        List<WizardPage> pages = wizard.pages();
        assertEquals(NAMES.length, pages.size());
        for (int i = 0; i < pages.size(); i++) {
            final int page = i;
            BufferedImage img = SettingsPanelTest.onEdt(() -> {
                wizard.show(page);
                WizardPage p = wizard.pages().get(page);
                if (p instanceof SetupPages.ScanPage) ((SetupPages.ScanPage) p).show(plan);
                if (p instanceof ResultPages.Acquire) {
                    ((ResultPages.Acquire) p).showProgress("Step: acquisition", 21, plan.planes());
                }
                if (p instanceof ResultPages.Save) ((ResultPages.Save) p).saved(saved);
                return paint(wizard.content());
            });
            assertEquals(page, wizard.currentPage());
            File f = new File("target/screenshots/wizard-" + (page + 1) + "-" + NAMES[page] + ".png");
            assertTrue(f.getParentFile().isDirectory() || f.getParentFile().mkdirs());
            assertTrue(ImageIO.write(img, "png", f));
            assertNotBlank(img, f.getName());
        }
        // the pages show the model's numbers
        SetupPages.Optics optics = (SetupPages.Optics) pages.get(0);
        assertEquals("1.4", optics.na.getText());
        assertEquals("0.1", optics.pixel.getText());
        ResultPages.Result result = (ResultPages.Result) pages.get(5);
        assertEquals(model.fwhmTable().get(3)[1], result.table.getValueAt(2, 1), "z FWHM in the table");
        assertNotNull(result.image.getIcon());
        ResultPages.Beads beads = (ResultPages.Beads) pages.get(4);
        assertTrue(beads.counts.getText().contains("used"), beads.counts.getText());
        assertEquals(384, beads.image.getIcon().getIconWidth());
    }

    @Test
    void acquirePageScansOnAWorkerAndEnablesNext(@TempDir Path dir) throws Exception {
        SimulatedMicroscope m = CalibrationWizardModelTest.slide(30);
        m.camera().setExposureMs(100);
        final CalibrationWizardModelTest.FakeLive live = new CalibrationWizardModelTest.FakeLive(true);
        final CalibrationWizardModel model = CalibrationWizardModelTest.model(m, dir, live);
        final CalibrationWizard wizard = SettingsPanelTest.onEdt(() -> new CalibrationWizard(model));
        final ResultPages.Acquire acquire = (ResultPages.Acquire) wizard.pages().get(3);
        SettingsPanelTest.onEdt(() -> {
            wizard.show(3);
            assertFalse(acquire.leave(), "no result yet");
            acquire.name.setText("worker-psf");
            acquire.start.doClick();
            return null;
        });
        long deadline = System.currentTimeMillis() + 120_000;
        while (SettingsPanelTest.onEdt(acquire::busy) && System.currentTimeMillis() < deadline) Thread.sleep(50);
        SettingsPanelTest.onEdt(() -> {
            assertFalse(acquire.busy(), "the scan finished within 2 minutes");
            assertNotNull(model.result(), acquire.status.getText());
            assertEquals(acquire.progress.getMaximum(), acquire.progress.getValue(), "progress at the end");
            assertTrue(acquire.start.isEnabled() && !acquire.cancel.isEnabled());
            assertTrue(acquire.leave());
            wizard.show(7);
            assertEquals("worker-psf", ((ResultPages.Save) wizard.pages().get(7)).name.getText(), "name carried over");
            return null;
        });
        assertTrue(live.on, "live mode back on");
        assertEquals(2, live.switches.size(), "paused once for the scan: " + live.switches);
        assertEquals(CalibrationWizardModelTest.FOCUS_UM, m.focus().positionUm(), 1e-9);
    }

    /** The wizard's real window on a display (Xvfb in CI), on its result page; skipped headless. */
    @Test
    void openedWizardWindowIsCapturedFromTheScreen(@TempDir Path dir) throws Exception {
        ScreenCaptures.assumeDisplay();
        SimulatedMicroscope m = CalibrationWizardModelTest.slide(40);
        m.camera().setExposureMs(10);
        final CalibrationWizardModel model = CalibrationWizardModelTest.model(m, dir,
                new CalibrationWizardModelTest.FakeLive(false));
        model.preview();
        model.useSuggestedExposure();
        model.acquire("sim-wizard-window", null);
        final CalibrationWizard wizard = SettingsPanelTest.onEdt(() -> new CalibrationWizard(model));
        try {
            SettingsPanelTest.onEdt(() -> {
                wizard.open();
                wizard.show(5);
                return null;
            });
            BufferedImage shot = ScreenCaptures.captureFrame(CalibrationWizard.TITLE, "wizard-window-result.png");
            assertNotBlank(shot, "wizard window");
            assertEquals(5, (int) SettingsPanelTest.onEdt(wizard::currentPage));
        } finally {
            SettingsPanelTest.onEdt(() -> {
                for (java.awt.Frame f : java.awt.Frame.getFrames()) {
                    if (CalibrationWizard.TITLE.equals(f.getTitle())) f.dispose();
                }
                return null;
            });
        }
    }

    static BufferedImage paint(JPanel p) { return ScreenCaptures.paintOffScreen(p); }

    static void assertNotBlank(BufferedImage img, String what) {
        ScreenCaptures.assertPainted(img, what, 300, 200, 100);
    }
}
