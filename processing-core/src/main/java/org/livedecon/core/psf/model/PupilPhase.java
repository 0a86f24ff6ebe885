package org.livedecon.core.psf.model;

/**
 * The pupil phase of a model, linear in the defocus z: W(ρ, z) = k (base(ρ) + z · slope(ρ)),
 * k = 2π/λ (vacuum), ρ ∈ [0, ρmax] the normalised pupil radius (NA ρ = n sin θ in every medium).
 * Lengths in µm. Immutable.
 */
final class PupilPhase {
    private final PsfModel model;
    private final Optics optics;
    private final double k;
    private final double rhoMax;

    private PupilPhase(PsfModel model, Optics optics) {
        this.model = model;
        this.optics = optics;
        this.k = 2 * Math.PI / optics.wavelengthUm();
        double na = optics.na();
        double limit = na;
        if (model == PsfModel.GIBSON_LANNI) {
            // Rays beyond the critical angle of any layer do not reach the objective from depth
            // (the evanescent part is ignored): integrate up to min(NA, n_s, n_g, n_g*, n_i, n_i*) / NA.
            limit = Math.min(limit, optics.sampleIndex());
            limit = Math.min(limit, optics.coverslipIndex());
            limit = Math.min(limit, optics.coverslipIndexDesign());
            limit = Math.min(limit, optics.immersionIndex());
            limit = Math.min(limit, optics.immersionIndexDesign());
        }
        this.rhoMax = limit / na;
    }

    static PupilPhase of(PsfModel model, Optics optics) {
        return new PupilPhase(model, optics);
    }

    PsfModel model() { return model; }

    double na() { return optics.na(); }

    /** 2π/λ, 1/µm. */
    double k() { return k; }

    /** Upper limit of the pupil integral, ≤ 1. */
    double rhoMax() { return rhoMax; }

    /** True when a layer's critical angle limits the pupil (ρmax &lt; 1). */
    boolean limitedByMedium() { return rhoMax < 1; }

    /** base(ρ) in µm (optical path, without the factor k). */
    double base(double rho) {
        if (model == PsfModel.BORN_WOLF) return 0;
        double s = optics.na() * rho;
        double zp = optics.depthUm();
        double ti0 = optics.workingDistanceUm();
        // Gibson & Lanni 1991: OPD = n_s z_p cos θ_s + n_g t_g cos θ_g + n_i t_i cos θ_i
        //                          − n_g* t_g* cos θ_g* − n_i* t_i* cos θ_i*,
        // n t cos θ = t sqrt(n² − s²); the immersion thickness is t_i = t_i* − z_p − z (z > 0: the
        // objective moved toward the sample). Written relative to ρ = 0 with g(n) = sqrt(n² − s²) − n.
        return zp * g(optics.sampleIndex(), s)
                + (ti0 - zp) * g(optics.immersionIndex(), s) - ti0 * g(optics.immersionIndexDesign(), s)
                + optics.coverslipThicknessUm() * g(optics.coverslipIndex(), s)
                - optics.coverslipThicknessDesignUm() * g(optics.coverslipIndexDesign(), s);
    }

    /** slope(ρ), dimensionless: the change of optical path per µm of defocus. */
    double slope(double rho) {
        double s = optics.na() * rho;
        if (model == PsfModel.BORN_WOLF) {
            // paraxial: n_i (1 − cos θ) ≈ s² / (2 n_i)
            return s * s / (2 * optics.immersionIndex());
        }
        return -g(optics.immersionIndex(), s);
    }

    /** sqrt(n² − s²) − n in a form without cancellation; 0 ≥ g ≥ −n. */
    private static double g(double n, double s) {
        double c = n * n - s * s;
        double root = c > 0 ? Math.sqrt(c) : 0;
        return -s * s / (root + n);
    }
}
