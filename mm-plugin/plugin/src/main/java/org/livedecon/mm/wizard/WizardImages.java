package org.livedecon.mm.wizard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

import org.livedecon.core.calibration.Bead;

/**
 * Pictures for the wizard pages: a camera frame or projection as grey levels scaled between its
 * 0.5th and 99.95th percentiles, enlarged or shrunk to fit a box, and the detected beads drawn on
 * it (green circle: used; red cross with the reason's initial: rejected).
 */
final class WizardImages {
    static final Color USED = new Color(40, 200, 60);
    static final Color REJECTED = new Color(230, 50, 40);

    private WizardImages() {}

    /**
     * Gives {@code label} the room of its picture before the picture exists, so that every wizard
     * page has its final size from the start and the window is packed once for all of them.
     */
    static void reserve(javax.swing.JLabel label, int width, int height) {
        java.awt.Dimension d = new java.awt.Dimension(width, height);
        label.setPreferredSize(d);
        label.setMinimumSize(d);
        label.setVerticalAlignment(javax.swing.SwingConstants.TOP);
    }

    /**
     * @param px pixels {@code x + width * y}
     * @param box the larger side of the picture, in screen pixels
     */
    static BufferedImage grey(float[] px, int width, int height, int box) {
        double scale = box / (double) Math.max(width, height);
        int w = Math.max(1, (int) Math.round(width * scale)), h = Math.max(1, (int) Math.round(height * scale));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] sorted = px.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) (0.005 * (sorted.length - 1))];
        float hi = sorted[(int) (0.9995 * (sorted.length - 1))];
        if (!(hi > lo)) hi = lo + 1;
        for (int y = 0; y < h; y++) {
            int sy = Math.min(height - 1, (int) (y / scale));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(width - 1, (int) (x / scale));
                double v = (px[sx + width * sy] - lo) / (hi - lo);
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                img.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    /** {@link #grey} with the beads marked (bead coordinates in pixels of the frame). */
    static BufferedImage withBeads(float[] px, int width, int height, int box, List<Bead> beads) {
        BufferedImage img = grey(px, width, height, box);
        double scale = img.getWidth() / (double) width;
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(1.5f));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            int r = 7;
            for (Bead b : beads) {
                int x = (int) Math.round((b.x() + 0.5) * scale), y = (int) Math.round((b.y() + 0.5) * scale);
                if (b.accepted()) {
                    g.setColor(USED);
                    g.drawOval(x - r, y - r, 2 * r, 2 * r);
                } else {
                    g.setColor(REJECTED);
                    g.drawLine(x - r, y - r, x + r, y + r);
                    g.drawLine(x - r, y + r, x + r, y - r);
                    g.drawString(b.rejection().label().substring(0, 1).toUpperCase(java.util.Locale.ROOT), x + r, y - r);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
