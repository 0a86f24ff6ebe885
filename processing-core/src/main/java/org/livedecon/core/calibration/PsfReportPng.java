package org.livedecon.core.calibration;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Volume;

/**
 * The picture of a measured PSF for its quality report: central XY, XZ and YZ sections at true
 * aspect ratio (log or square-root scale, so the faint widefield cone shows), and the x, y and z
 * profiles through the centre against distance in µm, with the half-maximum line and the FWHM
 * measured and in theory.
 */
public final class PsfReportPng {
    private static final int PANEL = 200;
    private static final int GAP = 10;
    private static final int PLOT_H = 180;
    /** Size of the picture, px (for windows that reserve room for it). */
    public static final int WIDTH = 3 * PANEL + 4 * GAP;
    public static final int HEIGHT = 20 + PANEL + 2 * GAP + PLOT_H + 70;

    private PsfReportPng() {}

    /** @param report may be null (then no theory figures are printed) */
    public static void write(Psf psf, QualityReport report, boolean log, Path png) throws IOException {
        Volume v = psf.volume();
        int cx = psf.centreX(), cy = psf.centreY(), cz = psf.centreZ();
        double vx = v.voxelSize().x(), vy = v.voxelSize().y(), vz = v.voxelSize().z();
        int width = WIDTH;
        int height = HEIGHT;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(250, 250, 250));
        g.fillRect(0, 0, width, height);
        float peak = v.get(cx, cy, cz);
        // sections: (horizontal axis, vertical axis) = XY (x, y), XZ (x, z), YZ (y, z)
        String[] titles = {"XY (z centre)", "XZ (y centre)", "YZ (x centre)"};
        int[][] dims = {{v.nx(), v.ny()}, {v.nx(), v.nz()}, {v.ny(), v.nz()}};
        double[][] steps = {{vx, vy}, {vx, vz}, {vy, vz}};
        for (int p = 0; p < 3; p++) {
            // µm per screen pixel chosen so the larger physical extent fills the panel
            double wUm = dims[p][0] * steps[p][0], hUm = dims[p][1] * steps[p][1];
            double umPerPx = Math.max(wUm, hUm) / PANEL;
            int x0 = GAP + p * (PANEL + GAP), y0 = 20;
            for (int sy = 0; sy < PANEL; sy++) {
                for (int sx = 0; sx < PANEL; sx++) {
                    int i = (int) (sx * umPerPx / steps[p][0]), j = (int) (sy * umPerPx / steps[p][1]);
                    if (i >= dims[p][0] || j >= dims[p][1]) continue;
                    float val = p == 0 ? v.get(i, j, cz) : p == 1 ? v.get(i, cy, j) : v.get(cx, i, j);
                    img.setRGB(x0 + sx, y0 + sy, grey(val / peak, log));
                }
            }
            text(g, titles[p] + (log ? ", log" : ", sqrt"), x0, 14, Color.DARK_GRAY);
        }
        // profiles
        int px0 = GAP + 40, py0 = 20 + PANEL + 2 * GAP, pw = width - px0 - GAP, ph = PLOT_H;
        g.setColor(Color.WHITE);
        g.fillRect(px0, py0, pw, ph);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(px0, py0, pw, ph);
        double half = Math.max(cx * vx, Math.max(cy * vy, cz * vz));
        int yHalf = py0 + ph / 2;
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        g.drawLine(px0, yHalf, px0 + pw, yHalf);
        g.setStroke(new BasicStroke(1.5f));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color[] colours = {new Color(200, 40, 40), new Color(40, 140, 40), new Color(40, 60, 200)};
        int[] n = {v.nx(), v.ny(), v.nz()};
        int[] c = {cx, cy, cz};
        double[] step = {vx, vy, vz};
        for (int a = 0; a < 3; a++) {
            g.setColor(colours[a]);
            int lastX = -1, lastY = -1;
            for (int k = 0; k < n[a]; k++) {
                float val = a == 0 ? v.get(k, cy, cz) : a == 1 ? v.get(cx, k, cz) : v.get(cx, cy, k);
                int sx = px0 + (int) Math.round(((k - c[a]) * step[a] + half) / (2 * half) * pw);
                int sy = py0 + ph - (int) Math.round(Math.max(0, val / peak) * ph);
                if (lastX >= 0) g.drawLine(lastX, lastY, sx, sy);
                lastX = sx;
                lastY = sy;
            }
            String label = String.format(Locale.ROOT, "%s FWHM %.3f µm", "xyz".charAt(a),
                    PsfMeasures.fwhmUm(v, a));
            if (report != null) label += String.format(Locale.ROOT, " (theory %.3f, x%.2f)", report.theoryFwhmUm(a), report.fwhmRatio(a));
            text(g, label, px0, py0 + ph + 30 + 14 * a, colours[a]);
        }
        text(g, String.format(Locale.ROOT, "-%.2f µm", half), px0 - 2, py0 + ph + 13, Color.DARK_GRAY);
        text(g, "0", px0 + pw / 2, py0 + ph + 13, Color.DARK_GRAY);
        text(g, String.format(Locale.ROOT, "+%.2f µm", half), px0 + pw - 50, py0 + ph + 13, Color.DARK_GRAY);
        text(g, "1", GAP, py0 + 10, Color.DARK_GRAY);
        text(g, "1/2", GAP, yHalf + 4, Color.DARK_GRAY);
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(img, "png", png.toFile())) throw new IOException("no PNG writer available for " + png);
    }

    /** Dark on light (prints well): 0 white, the peak black; log over four decades, or square root. */
    private static int grey(double f, boolean log) {
        double t = f <= 0 ? 0 : log ? Math.max(0, 1 + Math.log10(f) / 4) : Math.sqrt(Math.min(1, f));
        int g = 255 - (int) Math.round(255 * Math.min(1, t));
        return (g << 16) | (g << 8) | g;
    }

    /** Labels are decoration: a machine without fonts still gets the picture. */
    private static void text(Graphics2D g, String s, int x, int y, Color c) {
        try {
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(s, x, y);
        } catch (RuntimeException e) {
            // no usable font in this headless environment
        } catch (InternalError e) {
            // the JDK reports a missing fontconfig this way
        }
    }
}
