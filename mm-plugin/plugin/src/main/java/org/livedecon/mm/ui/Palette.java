package org.livedecon.mm.ui;

import java.awt.Color;
import java.awt.Component;

import javax.swing.UIManager;

/**
 * Text colours that stay readable under any look and feel: Micro-Manager runs with its own dark
 * one, where a dark red or the default dark grey on dark grey cannot be read. Each colour is
 * picked against the background the text is drawn on (the first opaque ancestor, else the look
 * and feel's panel background). Stateless.
 */
public final class Palette {
    /** WCAG AA contrast for normal text. */
    static final double MIN_CONTRAST = 4.5;

    private static final Color ERROR_ON_LIGHT = new Color(0xB0, 0x00, 0x20);
    private static final Color ERROR_ON_DARK = new Color(0xFF, 0x8A, 0x80);
    private static final Color OK_ON_LIGHT = new Color(20, 110, 30);
    private static final Color OK_ON_DARK = new Color(0x9C, 0xE0, 0x9C);

    private Palette() {}

    /** Red for errors, readable on {@code c}'s background. */
    public static Color error(Component c) { return isDark(background(c)) ? ERROR_ON_DARK : ERROR_ON_LIGHT; }

    /** Green for success, readable on {@code c}'s background. */
    public static Color ok(Component c) { return isDark(background(c)) ? OK_ON_DARK : OK_ON_LIGHT; }

    /** Ordinary text: the look and feel's label colour (what a label would get anyway). */
    public static Color text() {
        Color c = UIManager.getColor("Label.foreground");
        return c == null ? Color.BLACK : c;
    }

    /** The colour behind {@code c}: its first opaque ancestor's (itself included), else the panel background. */
    static Color background(Component c) {
        for (Component k = c; k != null; k = k.getParent()) {
            if (k.isOpaque() && k.getBackground() != null) return k.getBackground();
        }
        Color p = UIManager.getColor("Panel.background");
        return p == null ? Color.WHITE : p;
    }

    /** "#rrggbb" for HTML. */
    public static String hex(Color c) { return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()); }

    static boolean isDark(Color c) { return luminance(c) < 0.18; }

    /** WCAG relative luminance, 0 (black) to 1 (white). */
    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    /** WCAG contrast ratio, 1 (none) to 21 (black on white). */
    static double contrast(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double linear(int v) {
        double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
