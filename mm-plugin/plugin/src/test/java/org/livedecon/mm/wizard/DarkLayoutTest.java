package org.livedecon.mm.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.livedecon.mm.ui.DarkLayoutChecks.problems;
import static org.livedecon.mm.ui.DarkLayoutChecks.save;
import static org.livedecon.mm.ui.DarkLayoutChecks.snapshot;

import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.LookAndFeel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.mm.testing.DarkLook;
import org.livedecon.mm.testing.ScreenCaptures;
import org.livedecon.mm.ui.DarkLayoutChecks;
import org.livedecon.mm.ui.SettingsPanelTest;
import org.livedecon.sim.DemoBeadMicroscope;

/**
 * Every wizard page under a dark look and feel like Micro-Manager's, at the size the wizard opens
 * at ({@link DarkLayoutChecks}; the settings window: {@code DarkSettingsLayoutTest}). Screenshots go
 * to target/screenshots/dark-wizard-*.png. Off-screen without a display; with one (Xvfb,
 * {@code -Dlivedecon.headless=false}) the wizard is also a real, packed window.
 */
class DarkLayoutTest {
    private static LookAndFeel before;

    @BeforeAll
    static void dark() throws Exception {
        before = SettingsPanelTest.onEdt(DarkLook::install);
    }

    @AfterAll
    static void light() throws Exception {
        SettingsPanelTest.onEdt(() -> {
            DarkLook.restore(before);
            return null;
        });
    }

    @Test
    void everyWizardPageFitsTheSizeItOpensAt(@TempDir Path dir) throws Exception {
        DemoBeadMicroscope m = DemoBeadMicroscope.builder().sensor(256, 256).bitDepth(16).seed(2).build();
        final CalibrationWizardModel model = DemoCameraWizardTest.wizard(m, dir);
        final CalibrationWizard wizard = SettingsPanelTest.onEdt(() -> new CalibrationWizard(model));
        final Dimension opening = SettingsPanelTest.onEdt(() -> wizard.content().getPreferredSize());
        final boolean display = !GraphicsEnvironment.isHeadless();
        if (display) {
            SettingsPanelTest.onEdt(() -> {
                wizard.open(); // packed once, before any picture or result exists
                return null;
            });
        }

        model.preview();
        model.useSuggestedExposure();
        model.preview();
        final ScanPlan plan = model.plan();
        model.acquire("demo", null);
        final Path saved = model.save("demo", -2);

        List<String> problems = new ArrayList<String>();
        for (int i = 0; i < wizard.pages().size(); i++) {
            final int page = i;
            problems.addAll(SettingsPanelTest.onEdt(() -> {
                wizard.show(page);
                WizardPage p = wizard.pages().get(page);
                if (p instanceof SetupPages.ScanPage) ((SetupPages.ScanPage) p).show(plan);
                if (p instanceof ResultPages.Acquire) ((ResultPages.Acquire) p).showProgress("Step: acquisition", 25, 25);
                if (p instanceof ResultPages.Save) ((ResultPages.Save) p).saved(saved);
                List<String> out = new ArrayList<String>();
                Dimension want = wizard.content().getPreferredSize();
                if (want.width > opening.width || want.height > opening.height) {
                    out.add("page " + (page + 1) + " wants " + want + ", more than the opening size " + opening);
                }
                JComponent c = wizard.content();
                if (display) {
                    // the real window, at the size it was packed at (show() may only grow it)
                    javax.swing.SwingUtilities.getWindowAncestor(c).validate();
                    if (c.getWidth() > opening.width || c.getHeight() > opening.height) {
                        out.add("page " + (page + 1) + ": the window grew to " + c.getSize() + " from " + opening);
                    }
                } else {
                    c.setSize(opening);
                    ScreenCaptures.layOut(c);
                }
                out.addAll(problems(c, "wizard page " + (page + 1)));
                save(snapshot(c), "dark-wizard-" + (page + 1) + "-" + CalibrationWizardTest.NAMES[page] + ".png");
                return out;
            }));
        }
        if (display) {
            SettingsPanelTest.onEdt(() -> {
                wizard.show(5);
                return null;
            });
            ScreenCaptures.captureFrame(CalibrationWizard.TITLE, "dark-wizard-window-6-result.png");
            SettingsPanelTest.onEdt(() -> {
                for (java.awt.Frame f : java.awt.Frame.getFrames()) {
                    if (CalibrationWizard.TITLE.equals(f.getTitle())) f.dispose();
                }
                return null;
            });
        }
        assertEquals(Collections.emptyList(), problems);
    }
}
