package org.livedecon.core.psf;

import java.util.Locale;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

/**
 * How {@link PsfPreparer} turns a raw PSF volume into a {@link Psf}. Immutable; made with
 * {@link #builder()}, validated once in {@link Builder#build()}. Thread-safe.
 *
 * <ul>
 *   <li><b>background</b> (default {@link Background#NONE}): intensity subtracted from every
 *       voxel before normalising, in the raw PSF's units (ADU, photons, ...). {@link Background#AUTO}
 *       estimates it as the median of the PSF volume's border shell; {@link Background#FIXED} uses
 *       {@link #fixedBackground()}.</li>
 *   <li><b>energyFraction</b> (default 0.999, range (0, 1]): crop to the smallest odd box centred
 *       on the centre voxel that keeps this fraction of the total intensity; 1 = no crop.</li>
 *   <li><b>targetVoxelSize</b> (default {@code null}): resample the PSF to this voxel size (µm);
 *       {@code null} keeps the PSF's own.</li>
 *   <li><b>maxShape</b> (default {@code null} = no cap): the output is cropped (about its centre)
 *       to at most this size per axis, rounded down to odd, e.g. the padded image size.</li>
 * </ul>
 */
public final class PsfOptions {

    /** Where the background subtracted from the raw PSF comes from. */
    public enum Background {
        /** Nothing is subtracted (negative voxels are still clamped to 0). */
        NONE,
        /** Median of the outermost voxels (the border shell) of the raw PSF volume. */
        AUTO,
        /** A fixed value, {@link PsfOptions#fixedBackground()}. */
        FIXED
    }

    /** Default {@link #energyFraction()}. */
    public static final double DEFAULT_ENERGY_FRACTION = 0.999;

    private final Background background;
    private final double fixedBackground;
    private final double energyFraction;
    private final VoxelSize targetVoxelSize;
    private final Shape maxShape;

    private PsfOptions(Builder b) {
        this.background = b.background;
        this.fixedBackground = b.fixedBackground;
        this.energyFraction = b.energyFraction;
        this.targetVoxelSize = b.targetVoxelSize;
        this.maxShape = b.maxShape;
    }

    public static Builder builder() { return new Builder(); }

    /** The defaults: no background, energy fraction 0.999, keep the voxel size, no size cap. */
    public static PsfOptions defaults() { return builder().build(); }

    /** A builder holding these options, to derive changed copies. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.background = background;
        b.fixedBackground = fixedBackground;
        b.energyFraction = energyFraction;
        b.targetVoxelSize = targetVoxelSize;
        b.maxShape = maxShape;
        return b;
    }

    public Background background() { return background; }

    /** The value subtracted when {@link #background()} is {@link Background#FIXED}; 0 otherwise. */
    public double fixedBackground() { return fixedBackground; }

    public double energyFraction() { return energyFraction; }

    /** Target voxel size in µm, or {@code null} to keep the PSF's own. */
    public VoxelSize targetVoxelSize() { return targetVoxelSize; }

    /** Upper bound on the output size per axis, or {@code null} for none. */
    public Shape maxShape() { return maxShape; }

    @Override
    public String toString() {
        String bg = background == Background.FIXED
                ? String.format(Locale.ROOT, "fixed %s", fixedBackground)
                : background.name().toLowerCase(Locale.ROOT);
        return "PsfOptions{background=" + bg
                + ", energyFraction=" + energyFraction
                + ", targetVoxelSize=" + (targetVoxelSize == null ? "PSF's own" : targetVoxelSize.toString())
                + ", maxShape=" + (maxShape == null ? "none" : maxShape + " (z,y,x)")
                + "}";
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private Background background = Background.NONE;
        private double fixedBackground = 0;
        private double energyFraction = DEFAULT_ENERGY_FRACTION;
        private VoxelSize targetVoxelSize;
        private Shape maxShape;

        private Builder() {}

        /** Subtract nothing (the default). */
        public Builder backgroundNone() {
            this.background = Background.NONE;
            this.fixedBackground = 0;
            return this;
        }

        /** Estimate the background as the median of the PSF volume's border shell. */
        public Builder backgroundAuto() {
            this.background = Background.AUTO;
            this.fixedBackground = 0;
            return this;
        }

        /**
         * Subtract a fixed background, in the raw PSF's units.
         *
         * @param value finite and ≥ 0 (checked by {@link #build()})
         */
        public Builder backgroundFixed(double value) {
            this.background = Background.FIXED;
            this.fixedBackground = value;
            return this;
        }

        /** @param fraction in (0, 1]; 1 disables the energy crop */
        public Builder energyFraction(double fraction) {
            this.energyFraction = fraction;
            return this;
        }

        /** @param voxelSize target voxel size in µm, or {@code null} to keep the PSF's own */
        public Builder targetVoxelSize(VoxelSize voxelSize) {
            this.targetVoxelSize = voxelSize;
            return this;
        }

        /** @param shape upper bound on the output size per axis, or {@code null} for none */
        public Builder maxShape(Shape shape) {
            this.maxShape = shape;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the option and the value when one is out of range
         */
        public PsfOptions build() {
            if (!(energyFraction > 0 && energyFraction <= 1)) {
                throw new IllegalArgumentException("PSF energy fraction must be in (0, 1] (1 = no crop), got "
                        + energyFraction);
            }
            if (background == Background.FIXED
                    && (!(fixedBackground >= 0) || Double.isInfinite(fixedBackground))) {
                throw new IllegalArgumentException("fixed PSF background must be a finite number >= 0, got "
                        + fixedBackground);
            }
            return new PsfOptions(this);
        }
    }
}
