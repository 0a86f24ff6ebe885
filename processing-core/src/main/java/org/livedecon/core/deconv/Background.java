package org.livedecon.core.deconv;

import java.util.Locale;

/**
 * The constant b in the image model y = H x + b: camera offset plus diffuse background, in the
 * image's own units (ADU). Estimated from the image ({@link #auto()}, the default), given, or none.
 * Immutable.
 */
public final class Background {
    private static final Background AUTO = new Background(Kind.AUTO, 0);
    private static final Background NONE = new Background(Kind.NONE, 0);

    private enum Kind { AUTO, FIXED, NONE }

    private final Kind kind;
    private final double value;

    private Background(Kind kind, double value) {
        this.kind = kind;
        this.value = value;
    }

    public static Background auto() { return AUTO; }

    public static Background none() { return NONE; }

    public static Background fixed(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("background must be a finite value >= 0, got " + value);
        }
        return new Background(Kind.FIXED, value);
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

    /** The value to use for {@code image}: estimated for auto, 0 for none. */
    public double resolve(org.livedecon.core.volume.Volume image) {
        switch (kind) {
            case AUTO: return BackgroundEstimator.estimate(image);
            case FIXED: return value;
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
        return kind == Kind.FIXED ? String.valueOf(value) : kind.name().toLowerCase(Locale.ROOT);
    }
}
