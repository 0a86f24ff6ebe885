package org.livedecon.core.calibration;

import java.util.Locale;

import org.livedecon.core.hardware.Roi;

/**
 * Settings of a {@link CalibrationSession}. Immutable; {@link #builder()}, validated in
 * {@link Builder#build()}.
 *
 * <ul>
 *   <li><b>extraction</b>: optics, bead diameter and the extraction options
 *       ({@link ExtractionSettings}); the session sets the saturation level from the camera.</li>
 *   <li><b>zHalfRangeUm</b> (default NaN = max(5 FWHM_z, 3 FWHM_z + 1 µm) of the theory, so the scan
 *       covers ≥ 3 axial FWHM on each side of a bead near focus) about the current focus.</li>
 *   <li><b>zStepUm</b> (default NaN = min(Nyquist z, 0.2 µm)).</li>
 *   <li><b>framesPerPlane</b> (default 1): frames averaged at each plane.</li>
 *   <li><b>exposureMs</b> (default NaN = keep the camera's) for the scan.</li>
 *   <li><b>autoExposure</b> (default false): set the exposure from the preview so the brightest
 *       pixel lands near {@link #TARGET_FRACTION} of full scale; when off, a saturated preview is an error.</li>
 *   <li><b>roi</b> (default {@code null} = keep the camera's).</li>
 * </ul>
 */
public final class CalibrationSettings {
    /** Fraction of full scale that the suggested exposure aims the brightest pixel at. */
    public static final double TARGET_FRACTION = 0.6;

    private final ExtractionSettings extraction;
    private final double zHalfRangeUm;
    private final double zStepUm;
    private final int framesPerPlane;
    private final double exposureMs;
    private final boolean autoExposure;
    private final Roi roi;

    private CalibrationSettings(Builder b) {
        extraction = b.extraction;
        zHalfRangeUm = b.zHalfRangeUm;
        zStepUm = b.zStepUm;
        framesPerPlane = b.framesPerPlane;
        exposureMs = b.exposureMs;
        autoExposure = b.autoExposure;
        roi = b.roi;
    }

    public static Builder builder() { return new Builder(); }

    public ExtractionSettings extraction() { return extraction; }
    /** Half of the z-scan range in µm, NaN for automatic. */
    public double zHalfRangeUm() { return zHalfRangeUm; }
    /** z step in µm, NaN for automatic. */
    public double zStepUm() { return zStepUm; }
    public int framesPerPlane() { return framesPerPlane; }
    /** Exposure in ms for the scan, NaN to keep the camera's. */
    public double exposureMs() { return exposureMs; }
    public boolean autoExposure() { return autoExposure; }
    /** Camera ROI for the scan, {@code null} to keep the camera's. */
    public Roi roi() { return roi; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CalibrationSettings{z half-range %s µm, step %s µm, %d frame(s)/plane, "
                        + "exposure %s, auto exposure %s, roi %s, %s}",
                Double.isNaN(zHalfRangeUm) ? "auto" : String.valueOf(zHalfRangeUm),
                Double.isNaN(zStepUm) ? "auto" : String.valueOf(zStepUm), framesPerPlane,
                Double.isNaN(exposureMs) ? "camera's" : exposureMs + " ms", autoExposure, roi == null ? "camera's" : roi,
                extraction);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private ExtractionSettings extraction = ExtractionSettings.defaults();
        private double zHalfRangeUm = Double.NaN;
        private double zStepUm = Double.NaN;
        private int framesPerPlane = 1;
        private double exposureMs = Double.NaN;
        private boolean autoExposure;
        private Roi roi;

        private Builder() {}

        public Builder extraction(ExtractionSettings v) { extraction = v; return this; }
        /** @param um half of the z range (µm) about the current focus, NaN for automatic */
        public Builder zHalfRangeUm(double um) { zHalfRangeUm = um; return this; }
        /** @param um z step in µm, NaN for automatic */
        public Builder zStepUm(double um) { zStepUm = um; return this; }
        public Builder framesPerPlane(int v) { framesPerPlane = v; return this; }
        /** @param ms exposure in ms, NaN to keep the camera's */
        public Builder exposureMs(double ms) { exposureMs = ms; return this; }
        public Builder autoExposure(boolean v) { autoExposure = v; return this; }
        public Builder roi(Roi v) { roi = v; return this; }

        /** @throws IllegalArgumentException naming the setting and its value */
        public CalibrationSettings build() {
            if (extraction == null) throw new IllegalArgumentException("extraction settings are required");
            if (!Double.isNaN(zHalfRangeUm) && !(zHalfRangeUm > 0 && zHalfRangeUm < 1e4)) {
                throw new IllegalArgumentException("z half-range must be a positive number of µm, got " + zHalfRangeUm);
            }
            if (!Double.isNaN(zStepUm) && !(zStepUm > 0 && zStepUm < 1e3)) {
                throw new IllegalArgumentException("z step must be a positive number of µm, got " + zStepUm);
            }
            if (framesPerPlane < 1 || framesPerPlane > 1000) {
                throw new IllegalArgumentException("frames per plane must be 1 to 1000, got " + framesPerPlane);
            }
            if (!Double.isNaN(exposureMs) && !(exposureMs > 0 && exposureMs < 1e7)) {
                throw new IllegalArgumentException("exposure must be a positive number of ms, got " + exposureMs);
            }
            return new CalibrationSettings(this);
        }
    }
}
