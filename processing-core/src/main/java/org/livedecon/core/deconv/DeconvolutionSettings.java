package org.livedecon.core.deconv;

import java.util.Locale;

/**
 * What the user asked for, immutable and validated once by {@link Builder#build()}. Values derived
 * from the data (the background actually used, the padded grid) go into a
 * {@link DeconvolutionPlan}, never back into settings.
 */
public final class DeconvolutionSettings {
    /** Default regularisation of the Wiener filter, relative to |OTF(0)|² = 1. */
    public static final double DEFAULT_WIENER_LAMBDA = 0.005;
    /** Default TV weight (Dey et al. 2006 use 0.002 for widefield data). */
    public static final double DEFAULT_TV_LAMBDA = 0.002;

    private final Algorithm algorithm;
    private final int iterations;
    private final double lambda;
    private final boolean lambdaGiven;
    private final Boundary boundary;
    private final Background background;
    private final double tolerance;
    private final double timeBudgetSeconds;
    private final BackProjectorSettings backProjector;

    private DeconvolutionSettings(Builder b) {
        this.algorithm = b.algorithm;
        this.iterations = b.iterations != null ? b.iterations
                : algorithm == Algorithm.RL_WB ? DEFAULT_WB_ITERATIONS : DEFAULT_ITERATIONS;
        this.lambdaGiven = b.lambda != null;
        this.lambda = b.lambda != null ? b.lambda
                : algorithm == Algorithm.RL_TV ? DEFAULT_TV_LAMBDA : DEFAULT_WIENER_LAMBDA;
        this.boundary = b.boundary;
        this.background = b.background;
        this.tolerance = b.tolerance != null ? b.tolerance
                : algorithm == Algorithm.RL_WB ? WbStop.DEFAULT_TOLERANCE : 0;
        this.timeBudgetSeconds = b.timeBudgetSeconds;
        this.backProjector = b.backProjector;
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.algorithm = algorithm;
        b.iterations = iterations;
        b.lambda = lambdaGiven ? lambda : null;
        b.boundary = boundary;
        b.background = background;
        b.tolerance = tolerance;
        b.timeBudgetSeconds = timeBudgetSeconds;
        b.backProjector = backProjector;
        return b;
    }

    public Algorithm algorithm() { return algorithm; }
    /** Maximum number of iterations (iterative methods). */
    public int iterations() { return iterations; }
    /** Wiener regularisation, or TV weight for {@link Algorithm#RL_TV}; unused by plain RL. */
    public double lambda() { return lambda; }
    /**
     * Whether the Wiener λ should be chosen from the stack's data ({@link WienerLambda}): Wiener
     * without a given λ. The caller that has the whole stack resolves it (the command line does);
     * deconvolvers and the live engine use {@link #lambda()}, the fixed default, so a streamed and a
     * whole-stack Wiener agree.
     */
    public boolean lambdaAuto() { return algorithm == Algorithm.WIENER && !lambdaGiven; }

    public Boundary boundary() { return boundary; }
    public Background background() { return background; }
    /**
     * Stop when the relative change ‖x_k − x_{k−1}‖ / ‖x_{k−1}‖ falls below this; 0 = off. Off by
     * default, except for {@link Algorithm#RL_WB}, which also stops when the change grows ({@link WbStop}).
     */
    public double tolerance() { return tolerance; }
    /** Stop before an iteration that would end after this many seconds; 0 = no budget. */
    public double timeBudgetSeconds() { return timeBudgetSeconds; }
    /** The Wiener–Butterworth back projector of {@link Algorithm#RL_WB}; unused by the others. */
    public BackProjectorSettings backProjector() { return backProjector; }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("algorithm=").append(algorithm);
        if (algorithm.iterative()) s.append(" iterations=").append(iterations);
        if (lambdaAuto()) {
            s.append(" lambda=auto");
        } else if (algorithm == Algorithm.WIENER || algorithm == Algorithm.RL_TV) {
            s.append(String.format(Locale.ROOT, " lambda=%g", lambda));
        }
        if (algorithm == Algorithm.RL_WB) s.append(' ').append(backProjector);
        s.append(" boundary=").append(boundary).append(" background=").append(background);
        if (tolerance > 0) s.append(" tolerance=").append(tolerance);
        if (timeBudgetSeconds > 0) s.append(" time-budget=").append(timeBudgetSeconds).append("s");
        return s.toString();
    }

    /**
     * Default algorithm and iteration count, chosen by {@code livedecon bench --quality} (see the
     * README): scaled heavy-ball RL after 20 iterations has the lowest NRMSE against the truth
     * among the settings that keep the dim structure (fraction of zeros within 10 points of the
     * truth's) on the simulated cell, scored as the command line runs it (data anchored at the
     * darkest voxel by IntensityNormalisation; without that anchor 30 iterations scored so).
     */
    public static final Algorithm DEFAULT_ALGORITHM = Algorithm.RL_SHB;
    public static final int DEFAULT_ITERATIONS = 20;
    /**
     * rl-wb's maximum when none is given: it stops by itself (tolerance and fit rule, see
     * {@link WbStop}), measured with this cap in the README's rl-wb table.
     */
    public static final int DEFAULT_WB_ITERATIONS = 30;

    /** Builder with the defaults: {@link #DEFAULT_ALGORITHM}, {@link #DEFAULT_ITERATIONS}, non-circulant, auto background. */
    public static final class Builder {
        private Algorithm algorithm = DEFAULT_ALGORITHM;
        /** Null: the algorithm's default ({@link #DEFAULT_ITERATIONS}, rl-wb {@link #DEFAULT_WB_ITERATIONS}). */
        private Integer iterations;
        private Double lambda;
        private Boundary boundary = Boundary.NON_CIRCULANT;
        private Background background = Background.auto();
        private Double tolerance;
        private double timeBudgetSeconds = 0;
        private BackProjectorSettings backProjector = BackProjectorSettings.defaults();

        private Builder() {}

        public Builder algorithm(Algorithm a) { this.algorithm = a; return this; }
        public Builder iterations(int n) { this.iterations = n; return this; }
        /** Regularisation; when never set, the algorithm's default is used. */
        public Builder lambda(double l) { this.lambda = l; return this; }
        public Builder boundary(Boundary b) { this.boundary = b; return this; }
        public Builder background(Background b) { this.background = b; return this; }
        /** The stopping tolerance; when never set, the algorithm's default (0 = off, except for rl-wb). */
        public Builder tolerance(double t) { this.tolerance = t; return this; }
        public Builder timeBudgetSeconds(double s) { this.timeBudgetSeconds = s; return this; }
        public Builder backProjector(BackProjectorSettings b) { this.backProjector = b; return this; }

        /** @throws IllegalArgumentException naming the setting and the value */
        public DeconvolutionSettings build() {
            if (algorithm == null) throw new IllegalArgumentException("algorithm is required");
            if (boundary == null) throw new IllegalArgumentException("boundary is required");
            if (background == null) throw new IllegalArgumentException("background is required");
            if (backProjector == null) throw new IllegalArgumentException("back projector settings are required");
            if (algorithm.iterative() && iterations != null && (iterations < 1 || iterations > 100000)) {
                throw new IllegalArgumentException("iterations must be between 1 and 100000, got " + iterations);
            }
            if (lambda != null && (!(lambda >= 0) || Double.isInfinite(lambda))) {
                throw new IllegalArgumentException("lambda must be a finite value >= 0, got " + lambda);
            }
            if (lambda != null && algorithm == Algorithm.RL_TV && lambda >= 0.5) {
                throw new IllegalArgumentException("lambda " + lambda
                        + " is too large for RL-TV (the update becomes unstable); use a value below 0.5, typically 0.001-0.01");
            }
            if (tolerance != null && (!(tolerance >= 0) || tolerance >= 1)) {
                throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
            }
            if (!(timeBudgetSeconds >= 0) || Double.isInfinite(timeBudgetSeconds)) {
                throw new IllegalArgumentException("time budget must be a finite number of seconds >= 0, got " + timeBudgetSeconds);
            }
            return new DeconvolutionSettings(this);
        }
    }
}
