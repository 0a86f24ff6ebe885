package org.livedecon.core.deconv;

import java.util.Locale;

/**
 * The Wiener–Butterworth back projector of {@link Algorithm#RL_WB} (Guo et al. 2020, Nat
 * Biotech 38:1337): Wiener with parameter α, times a Butterworth low-pass of the given order whose
 * cut-off is a fraction of the OTF support measured from the PSF. Immutable; made by {@link #builder()}.
 */
public final class BackProjectorSettings {
    /** Wiener parameter, relative to |OTF(0)|² = 1 (Guo et al. use 0.0001–0.001 on brighter data; 0.01 measured best here, README). */
    public static final double DEFAULT_ALPHA = 0.01;
    /** Butterworth cut-off as a fraction of the measured OTF support along each axis. */
    public static final double DEFAULT_CUTOFF = 1.0;
    /** Butterworth order (Guo et al.: 4–15, 10 by default). */
    public static final int DEFAULT_ORDER = 10;
    /**
     * Relaxation ω of the update, x ← (1 − ω) x + ω · x Bᵀ(y / (Hx + b)) / N: 1 is Guo et al.'s
     * undamped step, which overshoots on the simulator's cell and beads after 3–4 iterations and then
     * diverges (NRMSE 0.28 → 0.88 in 10). Measured as users run it (data from the darkest voxel up,
     * auto background, the default stop; cell and beads at 20, 100 and 500 ms, README): after 4
     * iterations, the live default, ω 0.7 is closer to the truth than 0.5 in all six cases (cell
     * 0.198–0.208 against 0.227–0.235), and at the stop it is within 3.5 % of 0.5 (better in three)
     * in 2–3 fewer iterations; the fit rule halves it when a step overshoots.
     */
    public static final double DEFAULT_RELAXATION = 0.7;

    private final double alpha;
    private final double cutoff;
    private final int order;
    private final double relaxation;

    private BackProjectorSettings(Builder b) {
        this.alpha = b.alpha;
        this.cutoff = b.cutoff;
        this.order = b.order;
        this.relaxation = b.relaxation;
    }

    public static Builder builder() { return new Builder(); }

    /** The defaults. */
    public static BackProjectorSettings defaults() { return builder().build(); }

    public double alpha() { return alpha; }
    public double cutoff() { return cutoff; }
    public int order() { return order; }
    /** ω in (0, 1]: the fraction of the unmatched RL step taken each iteration. */
    public double relaxation() { return relaxation; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BackProjectorSettings)) return false;
        BackProjectorSettings b = (BackProjectorSettings) o;
        return b.alpha == alpha && b.cutoff == cutoff && b.order == order && b.relaxation == relaxation;
    }

    @Override
    public int hashCode() { return (Double.hashCode(alpha) * 961 + Double.hashCode(cutoff) * 31 + order) * 31 + Double.hashCode(relaxation); }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wb-alpha=%g wb-cutoff=%g wb-order=%d wb-relax=%g", alpha, cutoff, order,
                relaxation);
    }

    public static final class Builder {
        private double alpha = DEFAULT_ALPHA;
        private double cutoff = DEFAULT_CUTOFF;
        private int order = DEFAULT_ORDER;
        private double relaxation = DEFAULT_RELAXATION;

        private Builder() {}

        public Builder alpha(double a) { this.alpha = a; return this; }
        public Builder cutoff(double c) { this.cutoff = c; return this; }
        public Builder order(int n) { this.order = n; return this; }
        public Builder relaxation(double w) { this.relaxation = w; return this; }

        /** @throws IllegalArgumentException naming the setting and the value */
        public BackProjectorSettings build() {
            if (!(alpha > 0) || alpha > 1) {
                throw new IllegalArgumentException("Wiener-Butterworth alpha must be in (0, 1], got " + alpha);
            }
            if (!(cutoff > 0) || cutoff > 4) {
                throw new IllegalArgumentException("Wiener-Butterworth cut-off must be in (0, 4] (a fraction of the OTF "
                        + "support), got " + cutoff);
            }
            if (order < 1 || order > 50) {
                throw new IllegalArgumentException("Butterworth order must be between 1 and 50, got " + order);
            }
            if (!(relaxation > 0) || relaxation > 1) {
                throw new IllegalArgumentException("Wiener-Butterworth relaxation must be in (0, 1], got " + relaxation);
            }
            return new BackProjectorSettings(this);
        }
    }
}
