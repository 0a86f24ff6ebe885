package org.livedecon.core.psf.model;

/**
 * Composite Simpson rule for pupil integrals ∫_0^ρmax f(ρ) ρ dρ on N+1 nodes (N even).
 *
 * <p>When a layer's critical angle limits the pupil, the phase behaves like sqrt(ρmax − ρ) at the
 * edge; the substitution ρ = ρmax sin(π s / 2), s ∈ [0, 1] (uniform steps in the angle of the
 * limiting layer) makes the integrand smooth there. Otherwise ρ = ρmax s.
 *
 * <p>N is chosen so that one step advances the fastest phase of the integrand by at most π/16
 * (32 nodes per oscillation): the phase rate is bounded by a·dρ/ds (the Bessel factor
 * J0(a ρ), a ≤ {@code besselRateMax}) plus |dW/ds| over the requested z range.
 */
final class PupilQuadrature {
    private static final double STEP_PHASE = Math.PI / 16;
    private static final int MIN_INTERVALS = 64;
    private static final int PROBE_INTERVALS = 4096;

    private final double[] rho;
    private final double[] weight;

    private PupilQuadrature(double[] rho, double[] weight) {
        this.rho = rho;
        this.weight = weight;
    }

    /**
     * @param besselRateMax largest a in J0(a ρ) that will be integrated (k NA r_max), 1/1
     * @param zMin,zMax defocus range in µm the phases will be evaluated at
     */
    static PupilQuadrature forRange(PupilPhase phase, double besselRateMax, double zMin, double zMax) {
        boolean sub = phase.limitedByMedium();
        double rhoMax = phase.rhoMax();
        double k = phase.k();
        double rate = 0;
        double prevLo = 0;
        double prevHi = 0;
        double prevRho = 0;
        for (int i = 0; i <= PROBE_INTERVALS; i++) {
            double s = (double) i / PROBE_INTERVALS;
            double r = rhoOf(sub, rhoMax, s);
            double b = phase.base(r);
            double sl = phase.slope(r);
            double lo = k * (b + zMin * sl);
            double hi = k * (b + zMax * sl);
            if (i > 0) {
                double ds = 1.0 / PROBE_INTERVALS;
                double dPhase = Math.max(Math.abs(lo - prevLo), Math.abs(hi - prevHi)) / ds;
                double dBessel = besselRateMax * Math.abs(r - prevRho) / ds;
                rate = Math.max(rate, dPhase + dBessel);
            }
            prevLo = lo;
            prevHi = hi;
            prevRho = r;
        }
        long n = (long) Math.ceil(rate / STEP_PHASE);
        n = Math.max(MIN_INTERVALS, n + (n & 1));
        if (n > 1 << 22) {
            throw new IllegalArgumentException("the pupil integral needs " + n + " nodes (defocus range "
                    + zMin + " to " + zMax + " µm, phase rate " + rate + " rad): reduce the PSF size or depth");
        }
        return withIntervals(sub, rhoMax, (int) n);
    }

    static PupilQuadrature withIntervals(boolean angleSubstitution, double rhoMax, int intervals) {
        int n = intervals + (intervals & 1);
        double h = 1.0 / n;
        double[] rho = new double[n + 1];
        double[] w = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double s = i * h;
            double simpson = (i == 0 || i == n) ? 1 : ((i & 1) == 1 ? 4 : 2);
            double r = rhoOf(angleSubstitution, rhoMax, s);
            double drds = angleSubstitution ? rhoMax * (Math.PI / 2) * Math.cos(Math.PI / 2 * s) : rhoMax;
            if (angleSubstitution && i == n) drds = 0;
            rho[i] = r;
            w[i] = simpson * h / 3 * r * drds;
        }
        return new PupilQuadrature(rho, w);
    }

    private static double rhoOf(boolean sub, double rhoMax, double s) {
        return sub ? rhoMax * Math.sin(Math.PI / 2 * s) : rhoMax * s;
    }

    /** Number of nodes. */
    int size() { return rho.length; }

    /** Node ρ_i (shared array, do not modify). */
    double[] rho() { return rho; }

    /** Weight of node i including ρ dρ (shared array, do not modify). */
    double[] weight() { return weight; }
}
