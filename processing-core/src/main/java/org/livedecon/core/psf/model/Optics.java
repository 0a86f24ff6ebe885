package org.livedecon.core.psf.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Optical parameters of a widefield fluorescence microscope for the theoretical PSF models.
 * Immutable; made by {@link #builder()} and validated once in {@link Builder#build()}. All lengths
 * are in µm, refractive indices are at the emission wavelength.
 *
 * <p>The Gibson &amp; Lanni model compares the actual system with the one the objective was designed
 * for: immersion medium of index {@code n_i} (design {@code n_i*}) and design working distance
 * {@code t_i*}; coverslip of index {@code n_g} (design {@code n_g*}) and thickness {@code t_g} (design
 * {@code t_g*}); sample of index {@code n_s}; the point source at depth {@code z_p} below the
 * coverslip. Design values that are not set follow the actual ones, also through
 * {@link #toBuilder()}. The Born &amp; Wolf model uses only NA, wavelength and {@code n_i}.
 */
public final class Optics {
    private final double na;
    /** Shortest emission wavelength accepted, µm (exclusive): the plugin's bound. */
    public static final double MIN_WAVELENGTH_UM = 0.2;
    /** Longest emission wavelength accepted, µm. */
    public static final double MAX_WAVELENGTH_UM = 2;

    private final double wavelengthUm;
    private final double immersionIndex;
    private final Double immersionIndexDesign;
    private final double sampleIndex;
    private final double coverslipIndex;
    private final Double coverslipIndexDesign;
    private final double coverslipThicknessUm;
    private final Double coverslipThicknessDesignUm;
    private final double workingDistanceUm;
    private final double depthUm;

    private Optics(Builder b) {
        this.na = b.na;
        this.wavelengthUm = b.wavelengthUm;
        this.immersionIndex = b.immersionIndex;
        this.immersionIndexDesign = b.immersionIndexDesign;
        this.sampleIndex = b.sampleIndex;
        this.coverslipIndex = b.coverslipIndex;
        this.coverslipIndexDesign = b.coverslipIndexDesign;
        this.coverslipThicknessUm = b.coverslipThicknessUm;
        this.coverslipThicknessDesignUm = b.coverslipThicknessDesignUm;
        this.workingDistanceUm = b.workingDistanceUm;
        this.depthUm = b.depthUm;
    }

    /**
     * A builder with the defaults of an NA 1.4 oil objective: emission wavelength 0.52 µm,
     * immersion index 1.518, sample index 1.518 (matched), coverslip index 1.522 and thickness
     * 170 µm (design = actual), design working distance 150 µm, point source at depth 0 µm.
     */
    public static Builder builder() { return new Builder(); }

    /** A builder holding these values; unset design values keep following the actual ones. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.na = na;
        b.wavelengthUm = wavelengthUm;
        b.immersionIndex = immersionIndex;
        b.immersionIndexDesign = immersionIndexDesign;
        b.sampleIndex = sampleIndex;
        b.coverslipIndex = coverslipIndex;
        b.coverslipIndexDesign = coverslipIndexDesign;
        b.coverslipThicknessUm = coverslipThicknessUm;
        b.coverslipThicknessDesignUm = coverslipThicknessDesignUm;
        b.workingDistanceUm = workingDistanceUm;
        b.depthUm = depthUm;
        return b;
    }

    /** Numerical aperture of the objective. */
    public double na() { return na; }
    /** Emission wavelength in vacuum, µm. */
    public double wavelengthUm() { return wavelengthUm; }
    /** Refractive index of the immersion medium, actual ({@code n_i}). */
    public double immersionIndex() { return immersionIndex; }
    /** Refractive index of the immersion medium the objective was designed for ({@code n_i*}). */
    public double immersionIndexDesign() { return immersionIndexDesign == null ? immersionIndex : immersionIndexDesign; }
    /** Refractive index of the sample ({@code n_s}). */
    public double sampleIndex() { return sampleIndex; }
    /** Refractive index of the coverslip, actual ({@code n_g}). */
    public double coverslipIndex() { return coverslipIndex; }
    /** Refractive index of the coverslip the objective was designed for ({@code n_g*}). */
    public double coverslipIndexDesign() { return coverslipIndexDesign == null ? coverslipIndex : coverslipIndexDesign; }
    /** Coverslip thickness, actual ({@code t_g}), µm. */
    public double coverslipThicknessUm() { return coverslipThicknessUm; }
    /** Coverslip thickness the objective was designed for ({@code t_g*}), µm. */
    public double coverslipThicknessDesignUm() {
        return coverslipThicknessDesignUm == null ? coverslipThicknessUm : coverslipThicknessDesignUm;
    }
    /** Design working distance: thickness of the immersion layer in the design system ({@code t_i*}), µm. */
    public double workingDistanceUm() { return workingDistanceUm; }
    /** Depth of the point source below the coverslip ({@code z_p}), µm. */
    public double depthUm() { return depthUm; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Optics)) return false;
        Optics p = (Optics) o;
        return na == p.na && wavelengthUm == p.wavelengthUm && immersionIndex == p.immersionIndex
                && immersionIndexDesign() == p.immersionIndexDesign() && sampleIndex == p.sampleIndex
                && coverslipIndex == p.coverslipIndex && coverslipIndexDesign() == p.coverslipIndexDesign()
                && coverslipThicknessUm == p.coverslipThicknessUm
                && coverslipThicknessDesignUm() == p.coverslipThicknessDesignUm()
                && workingDistanceUm == p.workingDistanceUm && depthUm == p.depthUm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(na, wavelengthUm, immersionIndex, immersionIndexDesign(), sampleIndex, coverslipIndex,
                coverslipIndexDesign(), coverslipThicknessUm, coverslipThicknessDesignUm(), workingDistanceUm, depthUm);
    }

    /** All values, e.g. for the source string of a generated PSF. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NA %s, λ %s µm, n_i %s (design %s), n_s %s, n_g %s (design %s), "
                        + "t_g %s µm (design %s), t_i* %s µm, depth %s µm",
                na, wavelengthUm, immersionIndex, immersionIndexDesign(), sampleIndex, coverslipIndex,
                coverslipIndexDesign(), coverslipThicknessUm, coverslipThicknessDesignUm(), workingDistanceUm, depthUm);
    }

    /** Mutable builder of {@link Optics}; not thread-safe. */
    public static final class Builder {
        private double na = 1.4;
        private double wavelengthUm = 0.52;
        private double immersionIndex = 1.518;
        private Double immersionIndexDesign;
        private double sampleIndex = 1.518;
        private double coverslipIndex = 1.522;
        private Double coverslipIndexDesign;
        private double coverslipThicknessUm = 170;
        private Double coverslipThicknessDesignUm;
        private double workingDistanceUm = 150;
        private double depthUm = 0;

        private Builder() {}

        public Builder na(double v) { na = v; return this; }
        /** Emission wavelength in vacuum, µm (0.52, not 520). */
        public Builder wavelengthUm(double v) { wavelengthUm = v; return this; }
        public Builder immersionIndex(double v) { immersionIndex = v; return this; }
        public Builder immersionIndexDesign(double v) { immersionIndexDesign = v; return this; }
        public Builder sampleIndex(double v) { sampleIndex = v; return this; }
        public Builder coverslipIndex(double v) { coverslipIndex = v; return this; }
        public Builder coverslipIndexDesign(double v) { coverslipIndexDesign = v; return this; }
        public Builder coverslipThicknessUm(double v) { coverslipThicknessUm = v; return this; }
        public Builder coverslipThicknessDesignUm(double v) { coverslipThicknessDesignUm = v; return this; }
        public Builder workingDistanceUm(double v) { workingDistanceUm = v; return this; }
        public Builder depthUm(double v) { depthUm = v; return this; }

        /**
         * @throws IllegalArgumentException naming the value: NA not positive or not below the
         *     (design) immersion index, wavelength not positive or outside (0.2, 2] µm (given in nm?),
         *     an index below 1, a negative thickness or depth, or any value not finite
         */
        public Optics build() {
            if (!(na > 0) || Double.isInfinite(na)) {
                throw new IllegalArgumentException("NA " + na + " must be a positive number");
            }
            if (!(wavelengthUm > 0) || Double.isInfinite(wavelengthUm)) {
                throw new IllegalArgumentException("emission wavelength " + wavelengthUm + " µm must be positive");
            }
            // the plugin's bounds: fluorescence emission lies in (0.2, 2] µm; a wavelength far below
            // makes the PSF integrals oscillate so fast that computing them takes hours
            if (wavelengthUm > MAX_WAVELENGTH_UM) {
                throw new IllegalArgumentException("emission wavelength " + wavelengthUm
                        + " µm is not plausible: give it in µm (520 nm is 0.52)");
            }
            if (wavelengthUm <= MIN_WAVELENGTH_UM) {
                throw new IllegalArgumentException("emission wavelength " + wavelengthUm + " µm is not plausible: "
                        + "expected (" + MIN_WAVELENGTH_UM + ", " + MAX_WAVELENGTH_UM + "] µm (520 nm is 0.52)");
            }
            index("immersion index", immersionIndex);
            index("sample index", sampleIndex);
            index("coverslip index", coverslipIndex);
            if (immersionIndexDesign != null) index("design immersion index", immersionIndexDesign);
            if (coverslipIndexDesign != null) index("design coverslip index", coverslipIndexDesign);
            if (!(na < immersionIndex)) {
                throw new IllegalArgumentException("NA " + na + " must be below the immersion index " + immersionIndex);
            }
            if (immersionIndexDesign != null && !(na < immersionIndexDesign)) {
                throw new IllegalArgumentException("NA " + na + " must be below the design immersion index "
                        + immersionIndexDesign);
            }
            length("coverslip thickness", coverslipThicknessUm);
            if (coverslipThicknessDesignUm != null) length("design coverslip thickness", coverslipThicknessDesignUm);
            length("working distance", workingDistanceUm);
            length("depth", depthUm);
            return new Optics(this);
        }

        private static void index(String what, double v) {
            if (!(v >= 1) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(what + " " + v + " must be a finite number of at least 1");
            }
        }

        private static void length(String what, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(what + " " + v + " µm must be a finite number of at least 0");
            }
        }
    }
}
