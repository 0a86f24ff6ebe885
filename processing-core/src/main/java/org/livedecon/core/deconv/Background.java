package org.livedecon.core.deconv;

import java.util.Locale;

/**
 * The constant b in the image model y = H x + b: camera offset plus truly uniform light, in the
 * image's own units (ADU). Estimated from the image ({@link #auto()}, the default, see
 * {@link BackgroundEstimator}), measured on dark frames ({@link #measured}: it wins over any
 * estimate), given, or none. Immutable.
 */
public final class Background {
    private static final Background AUTO = new Background(Kind.AUTO, 0);
    private static final Background NONE = new Background(Kind.NONE, 0);

    private enum Kind { AUTO, FIXED, MEASURED, NONE }

    private final Kind kind;
    private final double value;
    private final String source;

    private Background(Kind kind, double value) {
        this(kind, value, "");
    }

    private Background(Kind kind, double value, String source) {
        this.kind = kind;
        this.value = value;
        this.source = source;
    }

    public static Background auto() { return AUTO; }

    public static Background none() { return NONE; }

    public static Background fixed(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("background must be a finite value >= 0, got " + value);
        }
        return new Background(Kind.FIXED, value);
    }

    /**
     * A camera offset measured on dark frames (offset plus dark current, ADU), used as b as it is.
     *
     * @param source how it was measured, for the log ("dark frame cells-dark.tif, 20 frames, read noise 0.75")
     */
    public static Background measured(double offsetAdu, String source) {
        fixed(offsetAdu); // same validation
        return new Background(Kind.MEASURED, offsetAdu, source == null ? "" : source);
    }

    /** "auto", "none" or a number. */
    public static Background parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) return AUTO;
        if (t.equals("none") || t.equals("off")) return NONE;
        try {
            return fixed(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("background must be 'auto', 'none' or a number >= 0, got '" + s + "'");
        }
    }

    public boolean isAuto() { return kind == Kind.AUTO; }

    /**
     * The same b in other units ({@code value}, e.g. after the data were shifted and scaled for the
     * engine): a measured offset stays measured, with its source, so the log still says where it
     * came from; a given value or none becomes a given value.
     */
    public Background withValue(double value) {
        if (kind == Kind.AUTO) throw new IllegalStateException("an automatic background has no value to move");
        return kind == Kind.MEASURED ? measured(value, source) : fixed(value);
    }

    /** Whether b comes from dark frames. */
    public boolean isMeasured() { return kind == Kind.MEASURED; }

    /** How b is found, for logs: the method for auto, the dark measurement, or the given value. */
    public String describe() {
        switch (kind) {
            case AUTO: return "auto (darkest regions of the stack, see BackgroundEstimator)";
            case MEASURED: return String.format(Locale.ROOT, "measured camera offset %.2f (%s)", value, source);
            case FIXED: return "given " + value;
            default: return "none";
        }
    }

    /** The value to use for {@code image}: estimated for auto, 0 for none. */
    public double resolve(org.livedecon.core.volume.Volume image) {
        switch (kind) {
            case AUTO: return BackgroundEstimator.estimate(image);
            case FIXED:
            case MEASURED: return value;
            default: return 0;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Background && ((Background) o).kind == kind && ((Background) o).value == value;
    }

    @Override
    public int hashCode() { return kind.hashCode() * 31 + Double.hashCode(value); }

    @Override
    public String toString() {
        // a measured offset is written as its value, so settings files read it back as a number
        return kind == Kind.FIXED || kind == Kind.MEASURED ? String.valueOf(value) : kind.name().toLowerCase(Locale.ROOT);
    }
}
