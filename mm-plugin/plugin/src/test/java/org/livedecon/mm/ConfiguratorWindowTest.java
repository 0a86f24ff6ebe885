package org.livedecon.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The configurator's real window on a real display (CI runs it under Xvfb with
 * {@code -Dlivedecon.headless=false}); skipped in a headless JVM, where
 * {@link SettingsPanelTest} paints the panel off-screen instead.
 */
class ConfiguratorWindowTest {
    @Test
    void showGuiOpensTheSettingsWindowWhichIsCapturedFromTheScreen() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "headless JVM (java.awt.headless=true): no window to show");
        assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isEmpty(), "no DISPLAY");
        Fakes.Studio studio = new Fakes.Studio();
        final LiveDeconvolutionConfigurator conf = new LiveDeconvolutionConfigurator(
                SettingsConverter.toPropertyMap(SettingsPanelTest.CHANGED, SettingsConverterTest.FAKE), studio,
                new Supplier<SettingsPanel>() {
                    @Override
                    public SettingsPanel get() { return SettingsPanelTest.newPanel(); }
                });
        try {
            conf.showGUI();
            final JFrame frame = awaitShowingFrame("Live Deconvolution settings", 10_000);
            assertNotNull(frame, "no settings window showing within 10 s");
            Robot robot = new Robot();
            robot.waitForIdle();
            Thread.sleep(500); // let the window manager (if any) and the first paint settle
            robot.waitForIdle();
            final AtomicReference<Rectangle> bounds = new AtomicReference<Rectangle>();
            SwingUtilities.invokeAndWait(new Runnable() {
                @Override
                public void run() {
                    Point p = frame.getLocationOnScreen();
                    bounds.set(new Rectangle(p.x, p.y, frame.getWidth(), frame.getHeight()));
                }
            });
            Rectangle b = bounds.get();
            assertTrue(b.width > 200 && b.height > 200, "window size " + b);
            BufferedImage shot = robot.createScreenCapture(b);
            Set<Integer> colours = new HashSet<Integer>();
            for (int y = 0; y < shot.getHeight(); y += 2) {
                for (int x = 0; x < shot.getWidth(); x += 2) colours.add(shot.getRGB(x, y) & 0xffffff);
            }
            assertTrue(colours.size() > 10, "the captured window is painted (" + colours.size() + " colours)");
            File f = new File("target/screenshots/configurator-window.png");
            assertTrue(f.getParentFile().isDirectory() || f.getParentFile().mkdirs());
            assertTrue(ImageIO.write(shot, "png", f));
            assertEquals(SettingsPanelTest.CHANGED, SettingsConverter.fromPropertyMap(conf.getSettings()),
                    "the window shows, and gives back, the stored settings");
            assertTrue(studio.logs.errors.isEmpty(), studio.logs.all());
        } finally {
            conf.cleanup();
        }
    }

    /** The showing frame with {@code title}, polled on the event thread, or null after {@code timeoutMs}. */
    private static JFrame awaitShowingFrame(final String title, long timeoutMs) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        final AtomicReference<JFrame> found = new AtomicReference<JFrame>();
        while (System.currentTimeMillis() < end) {
            SwingUtilities.invokeAndWait(new Runnable() {
                @Override
                public void run() {
                    for (Frame f : Frame.getFrames()) {
                        if (f instanceof JFrame && title.equals(f.getTitle()) && f.isShowing()) found.set((JFrame) f);
                    }
                }
            });
            if (found.get() != null) return found.get();
            Thread.sleep(50);
        }
        return null;
    }
}
