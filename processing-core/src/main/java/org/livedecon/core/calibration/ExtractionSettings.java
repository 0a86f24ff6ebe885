package org.livedecon.core.calibration;

import java.util.Locale;

import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.volume.VoxelSize;

/**
 * How {@link PsfExtractor} turns a bead stack into a PSF. Immutable; made with {@link #builder()},
 * validated once in {@link Builder#build()}. Derived values (crop sizes in voxels, thresholds in
 * ADU) go into the result, never back into the settings.
 *
 * <ul>
 *   <li><b>optics</b> (default {@code Optics.builder().build()}, NA 1.4 oil, 0.52 µm): sets the
 *       theoretical FWHMs that size the detection window and the crops, and the reference PSF of
 *       the quality report, computed with <b>theoryModel</b> (default Gibson-Lanni).</li>
 *   <li><b>beadDiameterUm</b> (default 0.1 µm; 0 = point): corrected for (the bead is a uniform
 *       sphere) when at least 0.4 × the theoretical lateral FWHM and {@code beadCorrection} is on.</li>
 *   <li><b>beadCorrectionEpsilon</b> (default 0.01): Wiener regularisation of the sphere division.</li>
 *   <li><b>thresholdMads</b> (default 10): detection threshold above the median of the smoothed
 *       maximum projection, in median absolute deviations.</li>
 *   <li><b>cropHalfWidthXyUm</b> (default NaN = max(8 × FWHM_xy, 1.5 µm) of the theory, or 4 ×
 *       the beads' measured in-focus FWHM when that is larger) and <b>cropHalfWidthZUm</b>
 *       (default NaN = 3 × FWHM_z of the theory, cut to the room the scan leaves about the beads'
 *       median focus): half-widths of the box cut around each bead. A neighbour within the lateral
 *       half-width makes a bead crowded. Values set here are used as they are.</li>
 *   <li><b>saturationLevel</b> (default +∞ = no check): stack value (ADU) at and above which a pixel
 *       counts as saturated; a bead with such a pixel (minus 1) in its box is rejected.</li>
 *   <li><b>doubletFactor</b> (1.8) and <b>dimFactor</b> (0.3): a bead whose integrated intensity is
 *       above / below this multiple of the median is rejected as a doublet / as dim.</li>
 *   <li><b>averaging</b> (default {@link Averaging#MEAN}): how the aligned, unit-sum beads are combined.</li>
 *   <li><b>targetVoxelSize</b> (default {@code null} = the stack's): the PSF is resampled to it.</li>
 *   <li><b>minBeads</b> (default 3): fewer accepted beads is an error.</li>
 * </ul>
 */
public final class ExtractionSettings {

    /** How aligned beads are combined voxel by voxel. */
    public enum Averaging {
        /** Arithmetic mean: best SNR. */
        MEAN,
        /** Median: robust to an odd bead that slipped through the rejection. */
        MEDIAN
    }

    private final Optics optics;
    private final PsfModel theoryModel;
    private final double beadDiameterUm;
    private final boolean beadCorrection;
    private final double beadCorrectionEpsilon;
    private final double thresholdMads;
    private final double cropHalfWidthXyUm;
    private final double cropHalfWidthZUm;
    private final double saturationLevel;
    private final double doubletFactor;
    private final double dimFactor;
    private final Averaging averaging;
    private final VoxelSize targetVoxelSize;
    private final int minBeads;

    private ExtractionSettings(Builder b) {
        optics = b.optics;
        theoryModel = b.theoryModel;
        beadDiameterUm = b.beadDiameterUm;
        beadCorrection = b.beadCorrection;
        beadCorrectionEpsilon = b.beadCorrectionEpsilon;
        thresholdMads = b.thresholdMads;
        cropHalfWidthXyUm = b.cropHalfWidthXyUm;
        cropHalfWidthZUm = b.cropHalfWidthZUm;
        saturationLevel = b.saturationLevel;
        doubletFactor = b.doubletFactor;
        dimFactor = b.dimFactor;
        averaging = b.averaging;
        targetVoxelSize = b.targetVoxelSize;
        minBeads = b.minBeads;
    }

    public static Builder builder() { return new Builder(); }

    public static ExtractionSettings defaults() { return builder().build(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.optics = optics;
        b.theoryModel = theoryModel;
        b.beadDiameterUm = beadDiameterUm;
        b.beadCorrection = beadCorrection;
        b.beadCorrectionEpsilon = beadCorrectionEpsilon;
        b.thresholdMads = thresholdMads;
        b.cropHalfWidthXyUm = cropHalfWidthXyUm;
        b.cropHalfWidthZUm = cropHalfWidthZUm;
        b.saturationLevel = saturationLevel;
        b.doubletFactor = doubletFactor;
        b.dimFactor = dimFactor;
        b.averaging = averaging;
        b.targetVoxelSize = targetVoxelSize;
        b.minBeads = minBeads;
        return b;
    }

    public Optics optics() { return optics; }
    public PsfModel theoryModel() { return theoryModel; }
    /** Bead diameter, µm. */
    public double beadDiameterUm() { return beadDiameterUm; }
    public boolean beadCorrection() { return beadCorrection; }
    public double beadCorrectionEpsilon() { return beadCorrectionEpsilon; }
    public double thresholdMads() { return thresholdMads; }
    /** Lateral crop half-width in µm, NaN for automatic. */
    public double cropHalfWidthXyUm() { return cropHalfWidthXyUm; }
    /** Axial crop half-width in µm, NaN for automatic. */
    public double cropHalfWidthZUm() { return cropHalfWidthZUm; }
    /** Saturation level in stack units (ADU); +∞ disables the check. */
    public double saturationLevel() { return saturationLevel; }
    public double doubletFactor() { return doubletFactor; }
    public double dimFactor() { return dimFactor; }
    public Averaging averaging() { return averaging; }
    /** Voxel size (µm) of the output PSF, or {@code null} for the stack's. */
    public VoxelSize targetVoxelSize() { return targetVoxelSize; }
    public int minBeads() { return minBeads; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ExtractionSettings{optics=%s, theory=%s, bead %.3g µm (correction %s, "
                        + "ε %.3g), threshold %.3g MAD, crop xy %s µm, z %s µm, saturation %s, doublet %.3g, dim %.3g, "
                        + "%s, voxel %s, min beads %d}", optics, theoryModel.label(), beadDiameterUm,
                beadCorrection ? "on" : "off", beadCorrectionEpsilon, thresholdMads,
                Double.isNaN(cropHalfWidthXyUm) ? "auto" : String.valueOf(cropHalfWidthXyUm),
                Double.isNaN(cropHalfWidthZUm) ? "auto" : String.valueOf(cropHalfWidthZUm),
                Double.isInfinite(saturationLevel) ? "none" : String.valueOf(saturationLevel), doubletFactor, dimFactor,
                averaging.name().toLowerCase(Locale.ROOT), targetVoxelSize == null ? "stack's" : targetVoxelSize, minBeads);
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private Optics optics = Optics.builder().build();
        private PsfModel theoryModel = PsfModel.GIBSON_LANNI;
        private double beadDiameterUm = 0.1;
        private boolean beadCorrection = true;
        private double beadCorrectionEpsilon = 0.01;
        private double thresholdMads = 10;
        private double cropHalfWidthXyUm = Double.NaN;
        private double cropHalfWidthZUm = Double.NaN;
        private double saturationLevel = Double.POSITIVE_INFINITY;
        private double doubletFactor = 1.8;
        private double dimFactor = 0.3;
        private Averaging averaging = Averaging.MEAN;
        private VoxelSize targetVoxelSize;
        private int minBeads = 3;

        private Builder() {}

        public Builder optics(Optics v) { optics = v; return this; }
        public Builder theoryModel(PsfModel v) { theoryModel = v; return this; }
        /** @param v bead diameter in µm, 0 for point sources */
        public Builder beadDiameterUm(double v) { beadDiameterUm = v; return this; }
        public Builder beadCorrection(boolean v) { beadCorrection = v; return this; }
        public Builder beadCorrectionEpsilon(double v) { beadCorrectionEpsilon = v; return this; }
        public Builder thresholdMads(double v) { thresholdMads = v; return this; }
        /** @param um lateral crop half-width in µm, NaN for automatic */
        public Builder cropHalfWidthXyUm(double um) { cropHalfWidthXyUm = um; return this; }
        /** @param um axial crop half-width in µm, NaN for automatic */
        public Builder cropHalfWidthZUm(double um) { cropHalfWidthZUm = um; return this; }
        /** @param adu stack value counted as saturated, +∞ for no check */
        public Builder saturationLevel(double adu) { saturationLevel = adu; return this; }
        public Builder doubletFactor(double v) { doubletFactor = v; return this; }
        public Builder dimFactor(double v) { dimFactor = v; return this; }
        public Builder averaging(Averaging v) { averaging = v; return this; }
        /** @param v output voxel size in µm, {@code null} for the stack's */
        public Builder targetVoxelSize(VoxelSize v) { targetVoxelSize = v; return this; }
        public Builder minBeads(int v) { minBeads = v; return this; }

        /** @throws IllegalArgumentException naming the setting and its value when one is out of range */
        public ExtractionSettings build() {
            if (optics == null || theoryModel == null || averaging == null) {
                throw new IllegalArgumentException("optics, theory model and averaging are required, got " + optics
                        + ", " + theoryModel + ", " + averaging);
            }
            if (!(beadDiameterUm >= 0) || Double.isInfinite(beadDiameterUm)) {
                throw new IllegalArgumentException("bead diameter must be a finite number of µm >= 0, got " + beadDiameterUm);
            }
            if (!(beadCorrectionEpsilon > 0)) {
                throw new IllegalArgumentException("bead correction epsilon must be > 0, got " + beadCorrectionEpsilon);
            }
            if (!(thresholdMads > 0)) {
                throw new IllegalArgumentException("detection threshold must be > 0 MAD, got " + thresholdMads);
            }
            if (!Double.isNaN(cropHalfWidthXyUm) && !(cropHalfWidthXyUm > 0)) {
                throw new IllegalArgumentException("lateral crop half-width must be > 0 µm or NaN (auto), got "
                        + cropHalfWidthXyUm);
            }
            if (!Double.isNaN(cropHalfWidthZUm) && !(cropHalfWidthZUm > 0)) {
                throw new IllegalArgumentException("axial crop half-width must be > 0 µm or NaN (auto), got "
                        + cropHalfWidthZUm);
            }
            if (!(saturationLevel > 0)) {
                throw new IllegalArgumentException("saturation level must be > 0 (or +Infinity for none), got "
                        + saturationLevel);
            }
            if (!(doubletFactor > 1) || !(dimFactor >= 0 && dimFactor < 1)) {
                throw new IllegalArgumentException("doublet factor must be > 1 and dim factor in [0, 1), got "
                        + doubletFactor + " and " + dimFactor);
            }
            if (minBeads < 1) {
                throw new IllegalArgumentException("minimum bead count must be >= 1, got " + minBeads);
            }
            return new ExtractionSettings(this);
        }
    }
}
