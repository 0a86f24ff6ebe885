package org.livedecon.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Microscope;
import org.livedecon.core.hardware.Roi;

/**
 * Micro-Manager's DemoCamera in Mode "Fluorescent Beads" with its "Z" stage ({@code DStage}), as
 * described in /work/shared/REAL-MM.md: what a user without hardware tries first. It is
 * deliberately <em>not</em> a physical microscope, so that the calibration is tested on what the
 * demo really shows.
 *
 * <p><b>Model (upstream DemoImageGeneration.cpp).</b> Each bead is a Gaussian
 * {@code amp·exp(−r²/2σ²)} rendered out to 4σ, with
 * {@code σ = sqrt((BeadSize·s)² + (BeadBlurRate·|z|)²)} pixels and
 * {@code amp = 255·i·BeadBrightness·clamp(1 − 0.2·ln|z|, 0.1, 1)}; s and i are uniform in
 * [0.8, 1.2] per bead. z is the focus position in µm (focus at z = 0); 1 pixel = 1 µm whatever
 * pixel size is reported. No noise, background 0, and the exposure has no effect. Beads sit at
 * fixed positions: {@code BeadDensity} per 512x512 µm tile, from a per-tile seed. A bead's total
 * light ({@code ∝ amp·σ²}) grows away from focus.
 *
 * <p><b>Camera.</b> 8 bits (values clipped at 255, as the demo's 8bit pixel type) or 16 bits
 * (not clipped below 65535), sensor 512x512 by default, ROI as MMCore's. The exposure is accepted
 * from 0.01 ms to 10 s and changes nothing. Snaps return at once.
 *
 * <p>Deterministic for its seed. Not thread-safe: one caller at a time.
 */
public final class DemoBeadMicroscope implements Microscope {
    /** Side of the tile the bead density refers to, pixels (= µm). */
    public static final int TILE = 512;

    private final double beadSize;
    private final double blurRate;
    private final double brightness;
    private final int density;
    private final long seed;
    private final double reportedPixelUm;
    private final DemoCamera camera;
    private final SimFocusDrive focus;
    /** Beads over the sensor and one tile margin: {x, y, s, i}. */
    private final List<double[]> beads;

    private DemoBeadMicroscope(Builder b) {
        this.beadSize = b.beadSize;
        this.blurRate = b.blurRate;
        this.brightness = b.brightness;
        this.density = b.density;
        this.seed = b.seed;
        this.reportedPixelUm = b.reportedPixelUm;
        this.camera = new DemoCamera(b.width, b.height, b.bitDepth);
        this.focus = new SimFocusDrive("Z", -300, 300, b.focusStartUm, 0, 0, 0);
        this.beads = placeBeads(b.width, b.height);
    }

    public static Builder builder() { return new Builder(); }

    @Override
    public Camera camera() { return camera; }

    @Override
    public SimFocusDrive focus() { return focus; }

    /** The pixel size Micro-Manager reports (the image ignores it: 1 pixel is always 1 µm). */
    @Override
    public double pixelSizeUm() { return reportedPixelUm; }

    /** BeadSize: the in-focus σ of a bead with s = 1, pixels. */
    public double beadSize() { return beadSize; }

    /**
     * Mean of the width factor s over the beads whose centre lies inside the sensor, at least
     * {@code marginPx} from its border (the beads a calibration can use).
     */
    public double meanWidthFactor(int marginPx) {
        double sum = 0;
        int n = 0;
        for (double[] b : beads) {
            if (b[0] >= marginPx && b[1] >= marginPx && b[0] < camera.width - marginPx && b[1] < camera.height - marginPx) {
                sum += b[2];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Number of bead centres inside the sensor. */
    public int beadsOnSensor() {
        int n = 0;
        for (double[] b : beads) if (b[0] >= 0 && b[1] >= 0 && b[0] < camera.width && b[1] < camera.height) n++;
        return n;
    }

    /** σ of a bead with width factor s at focus position z µm, pixels. */
    public double sigmaPx(double s, double zUm) {
        double a = beadSize * s, c = blurRate * Math.abs(zUm);
        return Math.sqrt(a * a + c * c);
    }

    /** The demo's intensity factor clamp(1 − 0.2·ln|z|, 0.1, 1) (1 at z = 0). */
    public static double intensityFactor(double zUm) {
        if (zUm == 0) return 1;
        return Math.max(0.1, Math.min(1, 1 - 0.2 * Math.log(Math.abs(zUm))));
    }

    private List<double[]> placeBeads(int w, int h) {
        List<double[]> out = new ArrayList<double[]>();
        // tiles touching the sensor, plus one around it so that beads just outside shed light inwards
        for (int ty = -1; ty <= (h - 1) / TILE + 1; ty++) {
            for (int tx = -1; tx <= (w - 1) / TILE + 1; tx++) {
                Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + tx * 73856093L + ty * 19349663L);
                for (int k = 0; k < density; k++) {
                    double x = (tx + rnd.nextDouble()) * TILE, y = (ty + rnd.nextDouble()) * TILE;
                    double s = 0.8 + 0.4 * rnd.nextDouble(), i = 0.8 + 0.4 * rnd.nextDouble();
                    if (x > -64 && y > -64 && x < w + 64 && y < h + 64) out.add(new double[] {x, y, s, i});
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The image of the whole sensor at focus z, before clipping and rounding. */
    private double[] render(double zUm, Roi roi) {
        int w = roi.width(), h = roi.height();
        double[] img = new double[w * h];
        double g = intensityFactor(zUm);
        for (double[] b : beads) {
            double sigma = sigmaPx(b[2], zUm);
            double amp = 255 * b[3] * brightness * g;
            double reach = 4 * sigma;
            double cx = b[0] - roi.x(), cy = b[1] - roi.y();
            int x0 = Math.max(0, (int) Math.floor(cx - reach)), x1 = Math.min(w - 1, (int) Math.ceil(cx + reach));
            int y0 = Math.max(0, (int) Math.floor(cy - reach)), y1 = Math.min(h - 1, (int) Math.ceil(cy + reach));
            double inv = 1 / (2 * sigma * sigma);
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double dx = x - cx, dy = y - cy, r2 = dx * dx + dy * dy;
                    if (r2 <= reach * reach) img[x + w * y] += amp * Math.exp(-r2 * inv);
                }
            }
        }
        return img;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DemoCamera beads: BeadSize %s, BeadBlurRate %s, BeadBrightness %s, BeadDensity %d, "
                + "%dx%d %d-bit, seed %d", beadSize, blurRate, brightness, density, camera.width, camera.height,
                camera.bitDepth, seed);
    }

    /** DCam in "Fluorescent Beads" mode. */
    private final class DemoCamera implements Camera {
        final int width;
        final int height;
        final int bitDepth;
        private double exposureMs = 10;
        private Roi roi;

        DemoCamera(int width, int height, int bitDepth) {
            this.width = width;
            this.height = height;
            this.bitDepth = bitDepth;
            this.roi = Roi.full(width, height);
        }

        @Override
        public int sensorWidth() { return width; }

        @Override
        public int sensorHeight() { return height; }

        @Override
        public int bitDepth() { return bitDepth; }

        @Override
        public double exposureMs() { return exposureMs; }

        @Override
        public void setExposureMs(double ms) throws HardwareException {
            if (!(ms >= 0.01 && ms <= 10000)) {
                throw new HardwareException("DCam: exposure " + ms + " ms is outside 0.01 to 10000 ms");
            }
            exposureMs = ms;
        }

        @Override
        public Roi roi() { return roi; }

        @Override
        public void setRoi(Roi r) throws HardwareException {
            if (r == null || !r.fitsIn(width, height)) {
                throw new HardwareException("DCam: " + r + " does not fit the " + width + "x" + height + " sensor");
            }
            roi = r;
        }

        @Override
        public Object snap() {
            double[] img = render(focus.actualUm(), roi);
            double full = (1 << bitDepth) - 1;
            if (bitDepth == 8) {
                byte[] out = new byte[img.length];
                for (int k = 0; k < img.length; k++) out[k] = (byte) Math.min(full, Math.round(img[k]));
                return out;
            }
            short[] out = new short[img.length];
            for (int k = 0; k < img.length; k++) out[k] = (short) Math.min(full, Math.round(img[k]));
            return out;
        }
    }

    /** Mutable builder; defaults are the demo's: BeadSize 2, BeadBlurRate 0.5, BeadBrightness 1, BeadDensity 100, 512x512, 8 bits. */
    public static final class Builder {
        private double beadSize = 2;
        private double blurRate = 0.5;
        private double brightness = 1;
        private int density = 100;
        private int width = 512;
        private int height = 512;
        private int bitDepth = 8;
        private double reportedPixelUm = 1;
        private double focusStartUm = 0;
        private long seed = 1;

        private Builder() {}

        /** BeadSize, 1 to 10: base σ in pixels. */
        public Builder beadSize(double v) { beadSize = v; return this; }
        /** BeadBlurRate, 0.1 to 1: σ growth per µm of defocus, pixels/µm. */
        public Builder blurRate(double v) { blurRate = v; return this; }
        /** BeadBrightness, 0.125 to 8. */
        public Builder brightness(double v) { brightness = v; return this; }
        /** BeadDensity, 10 to 500 beads per 512x512 µm tile. */
        public Builder density(int v) { density = v; return this; }
        public Builder sensor(int w, int h) { width = w; height = h; return this; }
        /** 8 (the demo's default pixel type, clipped at 255) or 16. */
        public Builder bitDepth(int v) { bitDepth = v; return this; }
        /** The pixel size Micro-Manager's pixel configuration reports, µm. */
        public Builder reportedPixelSizeUm(double v) { reportedPixelUm = v; return this; }
        public Builder focusStartUm(double v) { focusStartUm = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** @throws IllegalArgumentException naming the value outside the demo's range */
        public DemoBeadMicroscope build() {
            range("BeadSize", beadSize, 1, 10);
            range("BeadBlurRate", blurRate, 0.1, 1);
            range("BeadBrightness", brightness, 0.125, 8);
            range("BeadDensity", density, 10, 500);
            if (width < 1 || height < 1) throw new IllegalArgumentException("sensor must be at least 1x1, got " + width + "x" + height);
            if (bitDepth != 8 && bitDepth != 16) throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
            if (!(reportedPixelUm > 0)) throw new IllegalArgumentException("reported pixel size must be > 0 µm, got " + reportedPixelUm);
            range("focus start (µm)", focusStartUm, -300, 300);
            return new DemoBeadMicroscope(this);
        }

        private static void range(String what, double v, double lo, double hi) {
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(what + " must be " + lo + " to " + hi + ", got " + v);
            }
        }
    }
}
