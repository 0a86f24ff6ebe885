package org.livedecon.mm.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

/**
 * The layout checks of the dark-look tests ({@link DarkSettingsLayoutTest}, the wizard's
 * {@code DarkLayoutTest}): no label narrower than its text, every text field at least 6 characters
 * wide, nothing beyond the window's edge, and text readable on its background (WCAG contrast ≥ 4.5).
 */
public final class DarkLayoutChecks {
    private DarkLayoutChecks() {
    }

    /** Cut labels, narrow text fields, components beyond the edge, unreadable text, in the visible part of {@code root}. */
    public static List<String> problems(Container root, String where) {
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

    public static BufferedImage snapshot(JComponent c) {
        BufferedImage img = new BufferedImage(Math.max(1, c.getWidth()), Math.max(1, c.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            c.printAll(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void save(BufferedImage img, String name) throws java.io.IOException {
        File f = new File("target/screenshots/" + name);
        assertTrue(f.getParentFile().isDirectory() || f.getParentFile().mkdirs());
        assertTrue(ImageIO.write(img, "png", f));
    }
}
