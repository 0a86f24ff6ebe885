package org.livedecon.mm.testing;

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
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/** Real windows on a real display (Xvfb in CI), captured from the screen into target/screenshots. */
public final class ScreenCaptures {
    private ScreenCaptures() {}

    /** Skips the calling test in a headless JVM or without a DISPLAY. */
    public static void assumeDisplay() {
        assumeFalse(GraphicsEnvironment.isHeadless(), "headless JVM (java.awt.headless=true): no window to show");
        assumeTrue(System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isEmpty(), "no DISPLAY");
    }

    /** Waits for the frame titled {@code title} to show, captures it, checks it is painted, saves {@code file}. */
    public static BufferedImage captureFrame(String title, String file) throws Exception {
        final JFrame frame = awaitShowingFrame(title, 10_000);
        assertNotNull(frame, "no window '" + title + "' showing within 10 s");
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
        File f = new File("target/screenshots/" + file);
        assertTrue(f.getParentFile().isDirectory() || f.getParentFile().mkdirs());
        assertTrue(ImageIO.write(shot, "png", f));
        return shot;
    }

    /** Lays {@code c} out at its preferred size and prints it into an image (no display needed). */
    public static BufferedImage paintOffScreen(javax.swing.JComponent c) {
        java.awt.Dimension d = c.getPreferredSize();
        c.setSize(d);
        layOut(c);
        BufferedImage out = new BufferedImage(d.width, d.height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            c.printAll(g);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Lays out {@code c} and everything inside it (nothing does so off-screen). */
    public static void layOut(java.awt.Component c) {
        if (c instanceof java.awt.Container) {
            java.awt.Container k = (java.awt.Container) c;
            k.doLayout();
            for (java.awt.Component child : k.getComponents()) layOut(child);
        }
    }

    /**
     * Fails unless {@code img} is at least {@code minWidth} x {@code minHeight}, has more than 10
     * colours and more than {@code 1/fractionDenominator} of its pixels differ from the top-left one.
     */
    public static void assertPainted(BufferedImage img, String what, int minWidth, int minHeight, int fractionDenominator) {
        assertTrue(img.getWidth() > minWidth && img.getHeight() > minHeight, what + ": " + img.getWidth() + "x" + img.getHeight());
        Set<Integer> colours = new HashSet<Integer>();
        int background = img.getRGB(0, 0);
        int differing = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) differing++;
            }
        }
        assertTrue(colours.size() > 10 && differing > img.getWidth() * img.getHeight() / fractionDenominator,
                what + ": " + colours.size() + " colours, " + differing + " pixels differ from the background");
    }

    /** The showing frame with {@code title}, polled on the event thread, or null after {@code timeoutMs}. */
    public static JFrame awaitShowingFrame(final String title, long timeoutMs) throws Exception {
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
