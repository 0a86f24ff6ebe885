package org.livedecon.sim;

import java.util.Random;

/**
 * Exact Poisson sampling: multiplication of uniforms for means below 10, Hörmann's transformed
 * rejection with squeeze (PTRS; W. Hörmann, "The transformed rejection method for generating
 * Poisson random variables", Insurance: Mathematics and Economics 12:39, 1993) above.
 */
final class Poisson {
    private static final double[] LOG_FACTORIAL = new double[128];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }

    private Poisson() {}

    /** A Poisson variate of mean {@code lambda} (0 when lambda is not positive). */
    static long sample(Random rnd, double lambda) {
        if (!(lambda > 0)) return 0;
        if (lambda < 10) {
            double l = Math.exp(-lambda), p = rnd.nextDouble();
            long k = 0;
            while (p > l) {
                k++;
                p *= rnd.nextDouble();
            }
            return k;
        }
        double slam = Math.sqrt(lambda), loglam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rnd.nextDouble() - 0.5;
            double v = rnd.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
                return k;
            }
        }
    }

    /** ln(k!) from a table below 128, Stirling's series above. */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) return LOG_FACTORIAL[(int) k];
        double n = k;
        return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n * n);
    }
}
