package org.livedecon.sim;

import java.util.Locale;
import java.util.Random;

import org.livedecon.core.hardware.Camera;
import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Roi;

/**
 * A simulated camera that turns the photon flux of a {@link PhotonSource} into ADU with the
 * physics of a {@link CameraModel}: exposure, quantum efficiency, Poisson shot and dark noise,
 * Gaussian read noise, gain, offset, rounding and clipping, hot pixels.
 *
 * <p><b>Determinism.</b> Snap number i (counted from 0 since construction) draws its noise from a
 * {@link Random} seeded with a SplitMix64 mix of (seed, i): the same seed and the same sequence of
 * snaps (same exposures, ROIs, focus positions) give identical images, and one snap's noise does
 * not depend on the size of earlier ones. Hot pixel positions come from the seed alone and are
 * fixed for the life of the camera.
 *
 * <p><b>Timing.</b> {@link #snap()} blocks for (exposure + readout) × timeScale ms; a time scale of
 * 0 never sleeps (tests), 1 is real time.
 *
 * <p>Not thread-safe: one caller at a time (as the {@link Camera} contract says).
 */
public final class SimCamera implements Camera {
    /** Exposure range accepted by {@link #setExposureMs(double)}, ms. */
    public static final double MIN_EXPOSURE_MS = 0.01;
    public static final double MAX_EXPOSURE_MS = 100000;

    private final CameraModel model;
    private final PhotonSource source;
    private final long seed;
    private final double timeScale;
    private final float[] hotDark; // e-/s per sensor pixel for hot pixels, null when there are none
    private double exposureMs = 10;
    private Roi roi;
    private long snaps;

    /**
     * @param model     sensor and noise parameters
     * @param source    the optical image
     * @param seed      noise seed
     * @param timeScale 0: no sleeping; 1: snaps take real time
     */
    public SimCamera(CameraModel model, PhotonSource source, long seed, double timeScale) {
        if (model == null || source == null) throw new IllegalArgumentException("camera model and photon source are required");
        Timing.checkScale(timeScale);
        this.model = model;
        this.source = source;
        this.seed = seed;
        this.timeScale = timeScale;
        this.roi = Roi.full(model.sensorWidth(), model.sensorHeight());
        this.hotDark = hotPixelMap(model, seed);
    }

    private static float[] hotPixelMap(CameraModel m, long seed) {
        if (m.hotPixels() == 0) return null;
        int n = m.sensorWidth() * m.sensorHeight();
        float[] map = new float[n];
        Random rnd = new Random(mix(seed, -1));
        int placed = 0;
        while (placed < m.hotPixels()) {
            int i = rnd.nextInt(n);
            if (map[i] == 0) {
                map[i] = (float) m.hotPixelDarkEPerS();
                placed++;
            }
        }
        return map;
    }

    public CameraModel model() { return model; }

    /** Snaps taken so far (the index of the next snap's noise stream). */
    public long snapCount() { return snaps; }

    /** True at the sensor pixel (x, y) when it is a hot pixel. */
    public boolean isHotPixel(int x, int y) {
        return hotDark != null && hotDark[x + model.sensorWidth() * y] > 0;
    }

    @Override
    public int sensorWidth() { return model.sensorWidth(); }

    @Override
    public int sensorHeight() { return model.sensorHeight(); }

    @Override
    public int bitDepth() { return model.bitDepth(); }

    @Override
    public double exposureMs() { return exposureMs; }

    /** @throws HardwareException when ms is outside [{@value #MIN_EXPOSURE_MS}, {@value #MAX_EXPOSURE_MS}] */
    @Override
    public void setExposureMs(double ms) throws HardwareException {
        if (!(ms >= MIN_EXPOSURE_MS && ms <= MAX_EXPOSURE_MS)) {
            throw new HardwareException(String.format(Locale.ROOT, "camera %s: exposure %s ms is outside its range [%s, %s] ms",
                    model.name(), ms, MIN_EXPOSURE_MS, MAX_EXPOSURE_MS));
        }
        exposureMs = ms;
    }

    @Override
    public Roi roi() { return roi; }

    /** @throws HardwareException when the ROI is null or does not fit the sensor; the message names the values */
    @Override
    public void setRoi(Roi r) throws HardwareException {
        if (r == null) throw new HardwareException("camera " + model.name() + ": ROI is required, got null");
        if (!r.fitsIn(model.sensorWidth(), model.sensorHeight())) {
            throw new HardwareException("camera " + model.name() + ": " + r + " does not fit the "
                    + model.sensorWidth() + "x" + model.sensorHeight() + " sensor (x + width = " + (r.x() + r.width())
                    + ", y + height = " + (r.y() + r.height()) + ")");
        }
        roi = r;
    }

    /**
     * Mean ADU of each ROI pixel for the current exposure (no noise, no rounding, no clipping):
     * offset + gain·(QE·φ·t + D·t).
     */
    public double[] expectedAdu() throws HardwareException {
        float[] flux = source.photonsPerSecond(roi);
        double[] out = new double[flux.length];
        double t = exposureMs / 1000;
        for (int i = 0; i < flux.length; i++) {
            out[i] = model.offsetAdu() + model.gainAduPerE() * meanElectrons(flux[i], i, t);
        }
        return out;
    }

    private double meanElectrons(float flux, int roiIndex, double t) {
        double dark = model.darkCurrentEPerS();
        if (hotDark != null) {
            int x = roi.x() + roiIndex % roi.width(), y = roi.y() + roiIndex / roi.width();
            float h = hotDark[x + model.sensorWidth() * y];
            if (h > 0) dark = h;
        }
        return model.quantumEfficiency() * flux * t + dark * t;
    }

    /** {@inheritDoc} See the class comment for the noise model and the seeding. */
    @Override
    public Object snap() throws HardwareException {
        Timing.sleep(exposureMs + model.readoutMs(), timeScale, "camera " + model.name());
        float[] flux = source.photonsPerSecond(roi);
        int n = roi.width() * roi.height();
        if (flux.length != n) {
            throw new IllegalStateException("photon source gave " + flux.length + " pixels for " + roi);
        }
        Random rnd = new Random(mix(seed, snaps));
        snaps++;
        double t = exposureMs / 1000;
        double gain = model.gainAduPerE(), offset = model.offsetAdu(), read = model.readNoiseE();
        int max = model.maxAdu();
        boolean noise = model.noise();
        boolean eight = model.bitDepth() == 8;
        byte[] b = eight ? new byte[n] : null;
        short[] s = eight ? null : new short[n];
        for (int i = 0; i < n; i++) {
            double e = meanElectrons(flux[i], i, t);
            if (noise) e = Poisson.sample(rnd, e) + read * rnd.nextGaussian();
            double adu = Math.rint(offset + gain * e);
            int v = adu <= 0 ? 0 : adu >= max ? max : (int) adu;
            if (eight) b[i] = (byte) v;
            else s[i] = (short) v;
        }
        return eight ? b : s;
    }

    /** SplitMix64 finaliser of seed and stream index: decorrelated seeds for neighbouring indices. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() { return "simulated camera: " + model + ", exposure " + exposureMs + " ms, " + roi; }
}
