package org.livedecon.core.deconv;

import java.util.Locale;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Makes a deconvolution invariant to the offset and scale of the data: background-subtracted
 * images (mostly negative), signed 16-bit data, camera data with any offset, and data scaled by
 * 1e-38 or 1e34 all give the same result (in their own units). Richardson–Lucy's Poisson model
 * y/(Hx + b) depends on the absolute level of y, so the engine always sees the data from the same
 * zero: y' = (y − a) × s, b' = (b − a) × s, and the result is brought back, x = x' / s.
 *
 * <p>The anchor a is the darkest voxel (or a fixed background below it; "none" is a fixed 0), so
 * y' ≥ 0 and b' ≥ 0 always, and shifting data and background together changes nothing. Anchoring
 * also drops the camera offset, which is not Poisson noise, from b: measured on synthetic stacks
 * (64x64x16, Gaussian PSF, 3 seeds, auto background), NRMSE against the truth after 30 RL
 * iterations fell from 0.23–0.33 to 0.057–0.083 (after 10: 0.55–0.71 to 0.43–0.59). The scale s
 * is a power of two, exact in floating point: 1 when the range of y' lies in [1, 2^20], otherwise
 * the one that brings it to [2^10, 2^11), where the engine's absolute floors (ratio and sigma
 * floors, sums) are negligible. An automatic background is estimated on y' (the estimator itself
 * is not changed) and reported in the user's units.
 *
 * <p>A result that comes out non-finite or all zero from data that are not constant is an error
 * naming the cause, never a silent success. Immutable; one per job.
 */
public final class IntensityNormalisation {
    static final double LOW = 1;
    static final double HIGH = 1 << 20;
    static final int TARGET_EXPONENT = 10;

    private final double shift;
    private final double scale;
    private final float min;
    private final float max;

    private IntensityNormalisation(double shift, double scale, float min, float max) {
        this.shift = shift;
        this.scale = scale;
        this.min = min;
        this.max = max;
    }

    /**
     * The transform for {@code image} deconvolved with {@code background}.
     *
     * @throws IllegalArgumentException when a fixed background is at or above every voxel of data
     *                                  that are not constant
     */
    public static IntensityNormalisation of(Volume image, Background background) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : image.data()) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        if (!(lo <= hi) || Float.isInfinite(lo) || Float.isInfinite(hi)) {
            // NaN or infinite data: left to the deconvolver's own check, which names the voxel
            return new IntensityNormalisation(0, 1, lo, hi);
        }
        if (!background.isAuto() && hi > lo && background.resolve(null) >= hi) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the background %.6g is at or above the data "
                    + "(min %.6g, max %.6g): no signal would be left; give a lower background (--background, or "
                    + "Background in the live settings) or use auto",
                    background.resolve(null), lo, hi));
        }
        // the zero of the engine: the darkest voxel, or a lower fixed background ("none" is 0)
        double anchor = background.isAuto() ? lo : Math.min(lo, background.resolve(null));
        double shift = -anchor;
        double range = hi + shift;
        double scale = 1;
        if (range > 0 && (range < LOW || range > HIGH)) {
            scale = Math.scalb(1.0, TARGET_EXPONENT - Math.getExponent(range));
        }
        return new IntensityNormalisation(shift, scale, lo, hi);
    }

    /** Whether the data are used as they are. */
    public boolean identity() { return shift == 0 && scale == 1; }

    public double shift() { return shift; }

    public double scale() { return scale; }

    /** The data as the engine sees them: {@code image} itself when {@link #identity()}, else a new volume. */
    public Volume apply(Volume image) {
        if (identity()) return image;
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (float) ((in[i] + shift) * scale);
        return new Volume(image.shape(), image.voxelSize(), out);
    }

    /**
     * As {@link #apply(Volume)}, but overwrites {@code image}'s own voxels instead of copying them
     * (for a caller that owns the image and needs it no more: a stack-sized array less).
     */
    public Volume applyInPlace(Volume image) {
        if (identity()) return image;
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) ((d[i] + shift) * scale);
        return image;
    }

    /** The settings for the engine: a fixed (or no) background moved and scaled with the data. */
    public DeconvolutionSettings apply(DeconvolutionSettings settings) {
        if (identity() || settings.background().isAuto()) return settings;
        double b = settings.background().resolve(null); // fixed: its value; none: 0
        return settings.toBuilder().background(settings.background().withValue(Math.max(0, (b + shift) * scale))).build();
    }

    /**
     * The engine's result in the user's units, after checking it.
     *
     * @throws IllegalArgumentException when the result is non-finite, or all zero from data that are
     *                                  not constant (the background is at or above the data)
     */
    public DeconvolutionResult undo(DeconvolutionResult r) {
        float[] d = r.volume().data();
        boolean anyNonZero = false;
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                Shape s = r.volume().shape();
                throw new IllegalArgumentException("the deconvolution result has " + d[i] + " at (x,y,z)=(" + (i % s.nx())
                        + "," + ((i / s.nx()) % s.ny()) + "," + (i / (s.nx() * s.ny())) + ") (data range " + range()
                        + "): the computation overflowed; please report it with the settings used");
            }
            if (d[i] != 0) anyNonZero = true;
        }
        double background = r.background() / scale - shift;
        if (!anyNonZero && max > min) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the deconvolution result is all zero: the "
                    + "background %.6g is at or above the data (%s), so no signal is left; give a lower background "
                    + "(--background, or Background in the live settings) or use auto", background, range()));
        }
        if (identity()) return r;
        // only the scale touches the voxels (the shift lives in the background); dividing by 1
        // changes nothing, and a 50x2048x2048 result spent a second on it
        if (scale != 1) for (int i = 0; i < d.length; i++) d[i] = (float) (d[i] / scale);
        return new DeconvolutionResult(r.volume(), r.plan(), r.settings(), background, r.iterations(), r.stopReason(),
                r.setupNanos(), r.elapsedNanos());
    }

    private String range() {
        return String.format(Locale.ROOT, "min %.6g, max %.6g", min, max);
    }

    @Override
    public String toString() {
        return identity() ? "data used as they are"
                : String.format(Locale.ROOT, "data shifted by %.6g and scaled by 2^%d for the engine (%s), result scaled back",
                        shift, Math.getExponent(scale), range());
    }
}
