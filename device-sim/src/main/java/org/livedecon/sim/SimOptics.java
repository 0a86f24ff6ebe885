package org.livedecon.sim;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.psf.model.TheoreticalPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

/**
 * The optics of the simulated microscope: objective and media ({@link Optics}), the PSF model and
 * the PSF grid. Immutable; made by {@link #builder()}.
 *
 * <p><b>Aberration.</b> {@link Builder#indexMismatch(double, double)} sets a sample refractive
 * index and a depth below the coverslip and switches to {@link PsfModel#GIBSON_LANNI}, so the
 * simulated ("measured") PSF differs from the ideal, index-matched one that a user would compute:
 * broader axially and asymmetric. The simulator uses one PSF for the whole volume (the one at
 * that depth); it is not depth-variant.
 *
 * <p><b>PSF grid.</b> By default {@link TheoreticalPsf#suggestedShape} for the voxel size, capped
 * at {@code maxLateral} pixels (default 129) and {@code maxAxial} planes (default 129), both odd;
 * or a fixed shape.
 */
public final class SimOptics {
    private final Optics optics;
    private final PsfModel model;
    private final Shape psfShape;
    private final int maxLateral;
    private final int maxAxial;

    private SimOptics(Builder b) {
        this.optics = b.optics;
        this.model = b.model;
        this.psfShape = b.psfShape;
        this.maxLateral = b.maxLateral;
        this.maxAxial = b.maxAxial;
    }

    /** Defaults: {@code Optics.builder().build()} (NA 1.4 oil, 0.52 µm, matched), Born &amp; Wolf, suggested shape. */
    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.optics = optics;
        b.model = model;
        b.psfShape = psfShape;
        b.maxLateral = maxLateral;
        b.maxAxial = maxAxial;
        return b;
    }

    public Optics optics() { return optics; }
    public PsfModel model() { return model; }

    /** The same optics at another emission wavelength (µm), for a second channel. */
    public SimOptics withWavelengthUm(double um) {
        return toBuilder().optics(optics.toBuilder().wavelengthUm(um).build()).build();
    }

    /** The PSF grid for this voxel size (odd sizes unless a fixed shape was given). */
    public Shape psfShape(VoxelSize voxel) {
        if (psfShape != null) return psfShape;
        Shape s = TheoreticalPsf.suggestedShape(model, optics, voxel);
        return Shape.of(Math.min(s.nx(), maxLateral), Math.min(s.ny(), maxLateral), Math.min(s.nz(), maxAxial));
    }

    /** The PSF of these optics on {@code voxel}: sum 1, peak at the centre voxel (see {@link TheoreticalPsf}). */
    public Psf psf(VoxelSize voxel) {
        return TheoreticalPsf.generate(model, optics, psfShape(voxel), voxel);
    }

    @Override
    public String toString() { return model.label() + ", " + optics; }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private Optics optics = Optics.builder().build();
        private PsfModel model = PsfModel.BORN_WOLF;
        private Shape psfShape;
        private int maxLateral = 129;
        private int maxAxial = 129;

        private Builder() {}

        public Builder optics(Optics o) { optics = o; return this; }
        public Builder model(PsfModel m) { model = m; return this; }

        /**
         * Refractive-index mismatch: the sample has index {@code sampleIndex} and the imaged
         * plane lies {@code depthUm} µm below the coverslip; switches to Gibson &amp; Lanni.
         */
        public Builder indexMismatch(double sampleIndex, double depthUm) {
            optics = optics.toBuilder().sampleIndex(sampleIndex).depthUm(depthUm).build();
            model = PsfModel.GIBSON_LANNI;
            return this;
        }

        /** A fixed PSF grid (voxels), instead of the suggested one. */
        public Builder psfShape(Shape s) { psfShape = s; return this; }

        /** Caps of the suggested grid: lateral pixels and axial planes (odd, at least 3). */
        public Builder maxPsfSize(int lateral, int axial) {
            maxLateral = lateral;
            maxAxial = axial;
            return this;
        }

        /** @throws IllegalArgumentException naming a missing value or a cap that is even or below 3 */
        public SimOptics build() {
            if (optics == null || model == null) {
                throw new IllegalArgumentException("optics and PSF model are required, got " + optics + ", " + model);
            }
            if (maxLateral < 3 || maxAxial < 3 || maxLateral % 2 == 0 || maxAxial % 2 == 0) {
                throw new IllegalArgumentException("PSF size caps must be odd and at least 3, got lateral " + maxLateral
                        + ", axial " + maxAxial);
            }
            return new SimOptics(this);
        }
    }
}
