package org.livedecon.mm.ui;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.Window;

import javax.swing.JComponent;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

/**
 * Layout helpers for windows whose content changes after they were packed (device lists and
 * status lines arriving from a background thread, images after a scan): Micro-Manager does not
 * lay such windows out again, so they do it themselves. EDT only.
 */
public final class WindowFit {
    /** The narrowest a text field may become, in characters (of the font's 'm', as Swing's columns). */
    static final int MIN_FIELD_COLUMNS = 6;

    private WindowFit() {}

    /**
     * Makes {@code f} at least {@value #MIN_FIELD_COLUMNS} characters wide and keeps a layout from
     * squeezing it below its preferred width (a JTextField's own minimum is a few pixels).
     */
    static <T extends JTextField> T holdWidth(T f) {
        if (f.getColumns() < MIN_FIELD_COLUMNS) f.setColumns(MIN_FIELD_COLUMNS);
        f.setMinimumSize(new Dimension(f.getPreferredSize().width, f.getPreferredSize().height));
        return f;
    }

    /** {@link #holdWidth} for every text field inside {@code root} (spinner editors included). */
    public static void holdWidths(Component root) {
        if (root instanceof JTextField) holdWidth((JTextField) root);
        if (root instanceof java.awt.Container) {
            for (Component c : ((java.awt.Container) root).getComponents()) holdWidths(c);
        }
    }

    /**
     * Lays {@code c}'s window out again after its content changed and grows the window (never
     * shrinks it) to the new preferred size, within the screen; a window too small for the screen
     * keeps its scroll bars. Without a window only {@code c} is revalidated.
     */
    public static void refit(JComponent c) {
        c.revalidate();
        Window w = SwingUtilities.getWindowAncestor(c);
        if (w == null) return;
        w.validate();
        Dimension want = w.getPreferredSize();
        Dimension now = w.getSize();
        int width = Math.max(want.width, now.width), height = Math.max(want.height, now.height);
        if (w.getGraphicsConfiguration() != null) {
            Rectangle screen = w.getGraphicsConfiguration().getBounds();
            width = Math.min(width, screen.width);
            height = Math.min(height, screen.height);
        }
        if (width != now.width || height != now.height) w.setSize(width, height);
        w.validate();
        w.repaint();
    }
}
