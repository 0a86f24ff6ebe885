package org.livedecon.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Insets;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JTextField;
import javax.swing.LookAndFeel;
import javax.swing.SwingUtilities;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.calibration.ScanPlan;
import org.livedecon.sim.DemoBeadMicroscope;

/**
 * The settings window and every wizard page under a dark look and feel like Micro-Manager's, at
 * the size they open at: no label narrower than its text, every text field at least 6 characters
 * wide, nothing beyond the window's edge, and text readable on its background (WCAG contrast
 * ≥ 4.5). Screenshots go to target/screenshots/dark-*.png. Off-screen without a display; with one
 * (Xvfb, {@code -Dlivedecon.headless=false}) the settings window is also a real, packed frame.
 */
class DarkLayoutTest {
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

    /** Cut labels, narrow text fields, components beyond the edge, unreadable text, in the visible part of {@code root}. */
    static List<String> problems(Container root, String where) {
        List<String> out = new ArrayList<String>();
        collect(root, root, where, out);
        return out;
    }

    private static void collect(Component c, Container root, String where, List<String> out) {
        if (!c.isVisible()) return;
        if (c instanceof JLabel) checkLabel((JLabel) c, root, where, out);
        if (c instanceof JTextField) checkField((JTextField) c, root, where, out);
        if (c instanceof Container && !(c instanceof JTextField)) {
            for (Component k : ((Container) c).getComponents()) collect(k, root, where, out);
        }
    }

    private static void checkLabel(JLabel l, Container root, String where, List<String> out) {
        String text = l.getText();
        if (text == null || text.trim().isEmpty()) return;
        String name = where + ": label '" + shorten(text) + "'";
        if (l.getWidth() < l.getPreferredSize().width) {
            out.add(name + " is " + l.getWidth() + " px wide, its text needs " + l.getPreferredSize().width);
        }
        checkInside(l, root, name, out);
        Color bg = Palette.background(l);
        double k = Palette.contrast(l.getForeground(), bg);
        if (k < Palette.MIN_CONTRAST) out.add(name + ": contrast " + round(k) + " of its colour on the background");
        Matcher m = Pattern.compile("color=['\"]?#([0-9a-fA-F]{6})").matcher(text);
        while (m.find()) {
            double kk = Palette.contrast(new Color(Integer.parseInt(m.group(1), 16)), bg);
            if (kk < Palette.MIN_CONTRAST) out.add(name + ": contrast " + round(kk) + " of #" + m.group(1));
        }
    }

    private static void checkField(JTextField f, Container root, String where, List<String> out) {
        FontMetrics fm = f.getFontMetrics(f.getFont());
        Insets in = f.getInsets();
        int inner = f.getWidth() - in.left - in.right;
        int need = WindowFit.MIN_FIELD_COLUMNS * fm.charWidth('m');
        String name = where + ": text field '" + shorten(f.getText()) + "'";
        if (inner < need) out.add(name + " is " + inner + " px wide inside, 6 characters need " + need);
        checkInside(f, root, name, out);
        if (f.isEnabled() && Palette.contrast(f.getForeground(), f.getBackground()) < Palette.MIN_CONTRAST) {
            out.add(name + ": text unreadable on its background");
        }
    }

    private static void checkInside(Component c, Container root, String name, List<String> out) {
        Point p = SwingUtilities.convertPoint(c.getParent(), c.getLocation(), root);
        if (p.x < 0 || p.y < 0 || p.x + c.getWidth() > root.getWidth() + 1 || p.y + c.getHeight() > root.getHeight() + 1) {
            out.add(name + " at " + p + " size " + c.getWidth() + "x" + c.getHeight() + " runs off the "
                    + root.getWidth() + "x" + root.getHeight() + " window");
        }
    }

    private static String shorten(String s) {
        String t = s.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }

    private static String round(double v) { return String.format(java.util.Locale.ROOT, "%.2f", v); }

    static BufferedImage snapshot(JComponent c) {
        BufferedImage img = new BufferedImage(Math.max(1, c.getWidth()), Math.max(1, c.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            c.printAll(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    static void save(BufferedImage img, String name) throws java.io.IOException {
        File f = new File("target/screenshots/" + name);
        assertTrue(f.getParentFile().isDirectory() || f.getParentFile().mkdirs());
        assertTrue(ImageIO.write(img, "png", f));
    }
}
