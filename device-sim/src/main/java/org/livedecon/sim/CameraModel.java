package org.livedecon.sim;

import java.util.Locale;

/**
 * The physics of a simulated camera: sensor, conversion and noise. Immutable; made by
 * {@link #builder()}, validated in {@link Builder#build()}.
 *
 * <p><b>Model.</b> For a pixel receiving φ photons/s during an exposure of t s:
 * <pre>
 *   electrons  e = Poisson(QE·φ·t + D·t)          D: dark current, e⁻/s (hot pixels: a larger D)
 *   ADU        a = round(offset + gain·(e + σ_r·N(0,1)))   clipped to [0, 2^bitDepth − 1]
 * </pre>
 * so, away from the clipping, mean = offset + gain·(QE·φ·t + D·t) and variance =
 * gain²·(QE·φ·t + D·t) + gain²·σ_r² + 1/12 (the last term from rounding). With noise off,
 * a = round(offset + gain·(QE·φ·t + D·t)), clipped.
 */
public final class CameraModel {
    private final String name;
    private final int sensorWidth;
    private final int sensorHeight;
    private final int bitDepth;
    private final double quantumEfficiency;
    private final double readNoiseE;
    private final double gainAduPerE;
    private final double offsetAdu;
    private final double darkCurrentEPerS;
    private final int hotPixels;
    private final double hotPixelDarkEPerS;
    private final double readoutMs;
    private final boolean noise;

    private CameraModel(Builder b) {
        this.name = b.name;
        this.sensorWidth = b.sensorWidth;
        this.sensorHeight = b.sensorHeight;
        this.bitDepth = b.bitDepth;
        this.quantumEfficiency = b.quantumEfficiency;
        this.readNoiseE = b.readNoiseE;
        this.gainAduPerE = b.gainAduPerE;
        this.offsetAdu = b.offsetAdu;
        this.darkCurrentEPerS = b.darkCurrentEPerS;
        this.hotPixels = b.hotPixels;
        this.hotPixelDarkEPerS = b.hotPixelDarkEPerS;
        this.readoutMs = b.readoutMs;
        this.noise = b.noise;
    }

    /**
     * Defaults of a 512x512 16-bit sCMOS-like camera: QE 0.8, read noise 1.5 e⁻ rms, gain 0.5
     * ADU/e⁻, offset 100 ADU, dark current 0.5 e⁻/s, no hot pixels (1000 e⁻/s when enabled),
     * readout 10 ms, noise on.
     */
    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.sensorWidth = sensorWidth;
        b.sensorHeight = sensorHeight;
        b.bitDepth = bitDepth;
        b.quantumEfficiency = quantumEfficiency;
        b.readNoiseE = readNoiseE;
        b.gainAduPerE = gainAduPerE;
        b.offsetAdu = offsetAdu;
        b.darkCurrentEPerS = darkCurrentEPerS;
        b.hotPixels = hotPixels;
        b.hotPixelDarkEPerS = hotPixelDarkEPerS;
        b.readoutMs = readoutMs;
        b.noise = noise;
        return b;
    }

    /** Device name used in error messages. */
    public String name() { return name; }
    public int sensorWidth() { return sensorWidth; }
    public int sensorHeight() { return sensorHeight; }
    /** 8, 12, 14 or 16 bits. */
    public int bitDepth() { return bitDepth; }
    /** The largest ADU value, 2^bitDepth − 1 (saturation). */
    public int maxAdu() { return (1 << bitDepth) - 1; }
    /** Fraction of photons that become electrons, (0, 1]. */
    public double quantumEfficiency() { return quantumEfficiency; }
    /** Read noise, e⁻ rms. */
    public double readNoiseE() { return readNoiseE; }
    /** Conversion gain, ADU per e⁻. */
    public double gainAduPerE() { return gainAduPerE; }
    /** Offset (bias) added to every pixel, ADU. */
    public double offsetAdu() { return offsetAdu; }
    /** Dark current of ordinary pixels, e⁻/s. */
    public double darkCurrentEPerS() { return darkCurrentEPerS; }
    /** Number of hot pixels (positions fixed by the seed). */
    public int hotPixels() { return hotPixels; }
    /** Dark current of a hot pixel, e⁻/s. */
    public double hotPixelDarkEPerS() { return hotPixelDarkEPerS; }
    /** Readout time added to every snap, ms. */
    public double readoutMs() { return readoutMs; }
    /** False for noise-free images (expected values, rounded and clipped). */
    public boolean noise() { return noise; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %dx%d %d-bit, QE %s, read noise %s e-, gain %s ADU/e-, offset %s ADU, "
                        + "dark %s e-/s, %d hot pixels (%s e-/s), readout %s ms, noise %s", name, sensorWidth, sensorHeight,
                bitDepth, quantumEfficiency, readNoiseE, gainAduPerE, offsetAdu, darkCurrentEPerS, hotPixels,
                hotPixelDarkEPerS, readoutMs, noise ? "on" : "off");
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String name = "SimCamera";
        private int sensorWidth = 512;
        private int sensorHeight = 512;
        private int bitDepth = 16;
        private double quantumEfficiency = 0.8;
        private double readNoiseE = 1.5;
        private double gainAduPerE = 0.5;
        private double offsetAdu = 100;
        private double darkCurrentEPerS = 0.5;
        private int hotPixels = 0;
        private double hotPixelDarkEPerS = 1000;
        private double readoutMs = 10;
        private boolean noise = true;

        private Builder() {}

        public Builder name(String v) { name = v; return this; }
        /** Sensor size in pixels. */
        public Builder sensor(int width, int height) { sensorWidth = width; sensorHeight = height; return this; }
        /** 8 (byte[] images), 12, 14 or 16 (short[] images). */
        public Builder bitDepth(int v) { bitDepth = v; return this; }
        public Builder quantumEfficiency(double v) { quantumEfficiency = v; return this; }
        /** e⁻ rms. */
        public Builder readNoiseE(double v) { readNoiseE = v; return this; }
        /** ADU per e⁻. */
        public Builder gainAduPerE(double v) { gainAduPerE = v; return this; }
        /** ADU. */
        public Builder offsetAdu(double v) { offsetAdu = v; return this; }
        /** e⁻/s per pixel. */
        public Builder darkCurrentEPerS(double v) { darkCurrentEPerS = v; return this; }
        /** Number of hot pixels and their dark current in e⁻/s. */
        public Builder hotPixels(int count, double darkEPerS) { hotPixels = count; hotPixelDarkEPerS = darkEPerS; return this; }
        /** ms. */
        public Builder readoutMs(double v) { readoutMs = v; return this; }
        public Builder noise(boolean v) { noise = v; return this; }

        /** @throws IllegalArgumentException naming the value out of range */
        public CameraModel build() {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("camera name is required");
            if (sensorWidth < 1 || sensorHeight < 1) {
                throw new IllegalArgumentException("camera " + name + ": sensor must be at least 1x1 pixels, got "
                        + sensorWidth + "x" + sensorHeight);
            }
            if (bitDepth != 8 && bitDepth != 12 && bitDepth != 14 && bitDepth != 16) {
                throw new IllegalArgumentException("camera " + name + ": bit depth must be 8, 12, 14 or 16, got " + bitDepth);
            }
            if (!(quantumEfficiency > 0 && quantumEfficiency <= 1)) {
                throw new IllegalArgumentException("camera " + name + ": quantum efficiency must be in (0, 1], got "
                        + quantumEfficiency);
            }
            if (!(gainAduPerE > 0) || Double.isInfinite(gainAduPerE)) {
                throw new IllegalArgumentException("camera " + name + ": gain must be a positive number of ADU/e-, got "
                        + gainAduPerE);
            }
            BeadSample.nonNegative("camera " + name + ": read noise (e- rms)", readNoiseE);
            BeadSample.nonNegative("camera " + name + ": offset (ADU)", offsetAdu);
            BeadSample.nonNegative("camera " + name + ": dark current (e-/s)", darkCurrentEPerS);
            BeadSample.nonNegative("camera " + name + ": hot pixel dark current (e-/s)", hotPixelDarkEPerS);
            BeadSample.nonNegative("camera " + name + ": readout time (ms)", readoutMs);
            if (hotPixels < 0 || (long) hotPixels > (long) sensorWidth * sensorHeight) {
                throw new IllegalArgumentException("camera " + name + ": hot pixel count must be in [0, "
                        + (long) sensorWidth * sensorHeight + "], got " + hotPixels);
            }
            return new CameraModel(this);
        }
    }
}
