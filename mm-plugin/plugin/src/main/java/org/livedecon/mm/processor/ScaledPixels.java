package org.livedecon.mm.processor;

import org.livedecon.core.volume.Volume;

/**
 * A deconvolved (float) stack as 16-bit pixels, for Micro-Manager versions that refuse float images
 * (2.0.0 to 2.0.3 and nightlies before 2026-04-23): {@code float = offset + scale · value16}, one
 * scale and offset per stack, so the stack's range [min(0, min), max] spans 0..65535. The error is
 * at most scale/2, i.e. within 1/65535 of the stack's maximum when it has no negative values.
 * Images carry scale and offset in their user data ({@link #SCALE_KEY}, {@link #OFFSET_KEY}).
 * Immutable.
 */
public final class ScaledPixels {
    /** User-data key of images and summary: {@link #FLOAT} or {@link #SCALED_16}. */
    public static final String ENCODING_KEY = "livedecon.pixelEncoding";
    /** Pixels are the float32 results. */
    public static final String FLOAT = "float32";
    /** Pixels are 16-bit: float = offset + scale * value. */
    public static final String SCALED_16 = "uint16 scaled: float = livedecon.offset + livedecon.scale * value";
    /** User-data key of an image: the scale, a double. */
    public static final String SCALE_KEY = "livedecon.scale";
    /** User-data key of an image: the offset, a double. */
    public static final String OFFSET_KEY = "livedecon.offset";

    private final double scale;
    private final double offset;

    private ScaledPixels(double scale, double offset) {
        this.scale = scale;
        this.offset = offset;
    }

    /** The scale and offset that map {@code v}'s range onto 0..65535 (scale 1 for a constant stack). */
    public static ScaledPixels of(Volume v) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < v.nz(); z++) {
            for (float f : v.plane(z)) {
                if (f < min) min = f;
                if (f > max) max = f;
            }
        }
        double offset = min < 0 ? min : 0;
        double range = max - offset;
        return new ScaledPixels(range > 0 && !Double.isInfinite(range) ? range / 65535.0 : 1.0, offset);
    }

    public double scale() { return scale; }
    public double offset() { return offset; }

    /** The 16-bit pixels of one plane (unsigned, in Java's short). */
    public short[] encode(float[] plane) {
        short[] out = new short[plane.length];
        for (int i = 0; i < plane.length; i++) {
            long q = Math.round((plane[i] - offset) / scale);
            out[i] = (short) (q < 0 ? 0 : q > 65535 ? 65535 : q);
        }
        return out;
    }

    /** The float value of a 16-bit pixel. */
    public double decode(short value) {
        return offset + scale * (value & 0xffff);
    }

    @Override
    public String toString() { return "float = " + offset + " + " + scale + " * value"; }
}
