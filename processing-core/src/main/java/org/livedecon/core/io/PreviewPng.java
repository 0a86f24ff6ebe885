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
 * result, side by side, each scaled from its 0.1th to its 99.9th percentile and shown with a
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
        if (!before.shape().equals(after.shape())) {
            throw new IllegalArgumentException("before " + before.shape() + " and after " + after.shape() + " differ in shape");
        }
        int nx = before.nx(), ny = before.ny(), nz = before.nz();
        // XZ rows: one per z plane, stretched so that a µm is as long in z as in x
        double stretch = before.voxelSize().z() / before.voxelSize().x();
        int xzHeight = Math.max(1, (int) Math.round(nz * stretch));
        int width = 2 * nx + 3 * GAP;
        int height = LABEL + ny + GAP + xzHeight + 2 * GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(32, 32, 32));
        g.fillRect(0, 0, width, height);
        Volume[] vols = {before, after};
        String[] labels = {beforeLabel, afterLabel};
        for (int k = 0; k < 2; k++) {
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
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(img, "png", png.toFile())) throw new IOException("no PNG writer available for " + png);
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
