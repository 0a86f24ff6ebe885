package org.livedecon.mm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.livedecon.mm.ui.DarkLayoutChecks.problems;
import static org.livedecon.mm.ui.DarkLayoutChecks.save;
import static org.livedecon.mm.ui.DarkLayoutChecks.snapshot;

import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.swing.JFrame;
import javax.swing.LookAndFeel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livedecon.mm.testing.DarkLook;
import org.livedecon.mm.testing.ScreenCaptures;

/**
 * The settings window under a dark look and feel like Micro-Manager's, at the size it opens at
 * ({@link DarkLayoutChecks}). Screenshots go to target/screenshots/dark-settings*.png. Off-screen
 * without a display; with one (Xvfb, {@code -Dlivedecon.headless=false}) it is also a real, packed frame.
 */
class DarkSettingsLayoutTest {
    static final String LONG_DEVICE = "pthread-Intel(R) Xeon(R) Platinum 8480+ with a long OpenCL device name";
    static final String LONG_STATUS = "2 OpenCL devices found; the first (Portable Computing Language, pthread) is a CPU "
            + "device and will be used only when asked for by name, since the Java CPU backend is as fast";

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
    void settingsWindowHoldsItsLayoutAfterTheDeviceListArrives() throws Exception {
        boolean display = !GraphicsEnvironment.isHeadless();
        final List<String> problems = SettingsPanelTest.onEdt(() -> {
            SettingsPanel p = new SettingsPanel(Collections.<SettingsPanel.DeviceChoice>emptyList(),
                    Arrays.asList("beads-60x", "a-rather-long-psf-library-entry-name"));
            p.showDeviceStatus("looking for OpenCL devices...");
            JFrame f = null;
            Dimension opening = p.getPreferredSize();
            if (display) {
                f = new JFrame("dark settings");
                f.getContentPane().add(p);
                f.pack(); // as the configurator packs it, before the devices arrive
                f.setVisible(true);
            }
            // what the detection thread hands to the EDT
            p.addDevices(Arrays.asList(
                    new SettingsPanel.DeviceChoice(LONG_DEVICE, "  " + LONG_DEVICE + " (cpu, Portable Computing Language, 22057 MiB)"),
                    new SettingsPanel.DeviceChoice("gfx1100", "  gfx1100 (gpu, AMD Accelerated Parallel Processing, 49152 MiB)")));
            p.showDeviceStatus(LONG_STATUS);
            p.device.setSelectedIndex(3);
            Dimension after = p.getPreferredSize();
            assertTrue(after.width <= opening.width * 1.1, "the device list does not widen the form: " + opening + " -> " + after);
            List<String> out;
            if (f != null) {
                f.validate();
                out = problems(p, "settings (window)");
                save(snapshot(p), "dark-settings-window.png");
                f.dispose();
            } else {
                // what WindowFit.refit does to the packed window: grow to the preferred size, never shrink
                p.setSize(Math.max(opening.width, after.width), Math.max(opening.height, after.height));
                ScreenCaptures.layOut(p);
                out = problems(p, "settings");
            }
            // the same panel at the size it opened at (a window Micro-Manager never lays out again)
            p.setSize(opening.width, p.getHeight());
            ScreenCaptures.layOut(p);
            out.addAll(problems(p, "settings at its opening width"));
            save(snapshot(p), "dark-settings.png");
            return out;
        });
        assertEquals(Collections.emptyList(), problems);
    }
}
