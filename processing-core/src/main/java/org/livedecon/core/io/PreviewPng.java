package org.livedecon.core.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.livedecon.core.volume.Volume;

/**
 * A before/after picture of a deconvolution for people: the central XY plane and the central XZ
 * section (stretched to true aspect ratio using the voxel size) of the raw stack and of the
 * result (and the truth, for simulations), side by side, with a scale bar, each scaled from its 0.1th to its 99.9th percentile and shown with a
 * square-root (gamma 0.5) display so dim filaments stay visible next to bright spots (both
 * panels alike).
 */
public final class PreviewPng {
    private static final int GAP = 8;
    private static final int LABEL = 18;

    private PreviewPng() {}

    /**
     * Writes {@code before} (left) and {@code after} (right), XY on top and XZ below, as a PNG.
     *
     * @throws IllegalArgumentException when the two volumes differ in shape
     * @throws IOException naming the file when it cannot be written
     */
    public static void write(Volume before, Volume after, String beforeLabel, String afterLabel, Path png)
            throws IOException {
        write(new Volume[] {before, after}, new String[] {beforeLabel, afterLabel}, png);
    }

    /**
     * Writes the volumes side by side (e.g. truth | raw | deconvolved), XY on top and XZ below,
     * each scaled on its own, with a scale bar in µm on the first XY panel.
     *
     * @throws IllegalArgumentException when the volumes differ in shape
     * @throws IOException naming the file when it cannot be written
     */
    public static void write(Volume[] vols, String[] labels, Path png) throws IOException {
        Volume first = vols[0];
        for (Volume v : vols) {
            if (!v.shape().equals(first.shape())) {
                throw new IllegalArgumentException("volumes " + first.shape() + " and " + v.shape() + " differ in shape");
            }
        }
        int nx = first.nx(), ny = first.ny(), nz = first.nz();
        // XZ rows: one per z plane, stretched so that a µm is as long in z as in x
        double stretch = first.voxelSize().z() / first.voxelSize().x();
        int xzHeight = Math.max(1, (int) Math.round(nz * stretch));
        int width = vols.length * nx + (vols.length + 1) * GAP;
        int height = LABEL + ny + GAP + xzHeight + 2 * GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(32, 32, 32));
        g.fillRect(0, 0, width, height);
        for (int k = 0; k < vols.length; k++) {
            Volume v = vols[k];
            float[] range = percentiles(v.data());
            int x0 = GAP + k * (nx + GAP);
            int zc = nz / 2, yc = ny / 2;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) img.setRGB(x0 + x, LABEL + y, grey(v.get(x, y, zc), range));
            }
            int top = LABEL + ny + GAP;
            for (int r = 0; r < xzHeight; r++) {
                int z = Math.min(nz - 1, (int) (r / stretch));
                for (int x = 0; x < nx; x++) img.setRGB(x0 + x, top + r, grey(v.get(x, yc, z), range));
            }
            label(g, labels[k] + "  XY z=" + zc + " / XZ y=" + yc + " (sqrt)", x0, LABEL - 5);
        }
        scaleBar(g, first.voxelSize().x(), nx, GAP, LABEL + ny);
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(img, "png", png.toFile())) throw new IOException("no PNG writer available for " + png);
    }

    /** A white bar of a round length (1, 2, 5, 10 … µm) about a fifth of the panel, bottom left, labelled. */
    static void scaleBar(Graphics2D g, double pixelUm, int panelWidth, int x0, int bottom) {
        double target = panelWidth * pixelUm / 5;
        double um = 1;
        for (double c : new double[] {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500}) if (c <= target) um = c;
        int px = (int) Math.round(um / pixelUm);
        g.setColor(Color.WHITE);
        g.fillRect(x0 + 6, bottom - 8, px, 3);
        label(g, (um == Math.rint(um) ? String.valueOf((int) um) : String.valueOf(um)) + " µm", x0 + 6, bottom - 12);
    }

    /** Labels are decoration: a machine without fonts still gets the picture. */
    private static void label(Graphics2D g, String text, int x, int y) {
        try {
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(text, x, y);
        } catch (RuntimeException e) {
            // no usable font in this headless environment: leave the label out
        } catch (InternalError e) {
            // the JDK reports a missing fontconfig this way
        }
    }

    private static float[] percentiles(float[] d) {
        float[] s = d.clone();
        Arrays.sort(s);
        float lo = s[(int) (0.001 * (s.length - 1))], hi = s[(int) (0.999 * (s.length - 1))];
        if (!(hi > lo)) hi = lo + 1;
        return new float[] {lo, hi};
    }

    private static int grey(float v, float[] range) {
        double f = Math.max(0, Math.min(1, (v - range[0]) / (range[1] - range[0])));
        int g = (int) Math.round(255 * Math.sqrt(f));
        return (g << 16) | (g << 8) | g;
    }
}
