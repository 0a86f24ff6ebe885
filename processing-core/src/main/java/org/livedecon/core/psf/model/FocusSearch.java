package org.livedecon.core.psf.model;

/**
 * Finds the defocus z at which the on-axis intensity of a model is largest (the actual focus,
 * shifted from the nominal z = 0 by index mismatch): a scan in steps of n_i λ / (16 NA²) over a
 * range around 0 and the paraxial focus, then a golden-section refinement. Stateless.
 */
final class FocusSearch {
    private FocusSearch() {}

    /**
     * Paraxial focal shift in µm: z_p (n_i/n_s − 1) + t_i* (1 − n_i/n_i*) + n_i (t_g/n_g − t_g* / n_g*),
     * from the s² terms of the Gibson &amp; Lanni path difference.
     */
    static double paraxialFocus(Optics o) {
        double ni = o.immersionIndex();
        return o.depthUm() * (ni / o.sampleIndex() - 1)
                + o.workingDistanceUm() * (1 - ni / o.immersionIndexDesign())
                + ni * (o.coverslipThicknessUm() / o.coverslipIndex()
                        - o.coverslipThicknessDesignUm() / o.coverslipIndexDesign());
    }

    static double peakDefocus(PupilPhase phase, Optics optics) {
        double unit = optics.immersionIndex() * optics.wavelengthUm() / (optics.na() * optics.na());
        double step = unit / 16;
        double z0 = paraxialFocus(optics);
        // high-NA rays focus beyond the paraxial focus: search up to three times as far
        double lo = Math.min(0, z0) - 2 * Math.abs(z0) - 5 * unit;
        double hi = Math.max(0, z0) + 2 * Math.abs(z0) + 5 * unit;
        int mLo = (int) Math.floor(lo / step);
        int mHi = (int) Math.ceil(hi / step);
        PupilQuadrature quad = PupilQuadrature.forRange(phase, 0, mLo * step, mHi * step);

        // scan: phasors w_i exp(i W(ρ_i, z)) advanced by exp(i k slope_i step) per step
        double[] rho = quad.rho();
        double[] w = quad.weight();
        int n = rho.length;
        double k = phase.k();
        double[] pr = new double[n], pi = new double[n], rr = new double[n], ri = new double[n];
        for (int i = 0; i < n; i++) {
            double b = phase.base(rho[i]);
            double s = phase.slope(rho[i]);
            double ph = k * (b + mLo * step * s);
            pr[i] = w[i] * Math.cos(ph);
            pi[i] = w[i] * Math.sin(ph);
            rr[i] = Math.cos(k * s * step);
            ri[i] = Math.sin(k * s * step);
        }
        double best = -1;
        int bestM = 0;
        for (int m = mLo; m <= mHi; m++) {
            double re = 0, im = 0;
            for (int i = 0; i < n; i++) {
                re += pr[i];
                im += pi[i];
                double a = pr[i] * rr[i] - pi[i] * ri[i];
                pi[i] = pr[i] * ri[i] + pi[i] * rr[i];
                pr[i] = a;
            }
            double v = re * re + im * im;
            if (v > best) {
                best = v;
                bestM = m;
            }
        }
        // golden-section refinement on [z − step, z + step]
        double a = (bestM - 1) * step;
        double b = (bestM + 1) * step;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = RadialProfiles.onAxis(phase, quad, c);
        double fd = RadialProfiles.onAxis(phase, quad, d);
        while (b - a > 1e-7) {
            if (fc > fd) {
                b = d; d = c; fd = fc;
                c = b - g * (b - a);
                fc = RadialProfiles.onAxis(phase, quad, c);
            } else {
                a = c; c = d; fc = fd;
                d = a + g * (b - a);
                fd = RadialProfiles.onAxis(phase, quad, d);
            }
        }
        double z = (a + b) / 2;
        // keep an exactly symmetric grid when the peak is at the nominal focus (matched optics)
        double atZero = RadialProfiles.onAxis(phase, quad, 0);
        if (atZero >= RadialProfiles.onAxis(phase, quad, z) * (1 - 1e-9)) return 0;
        return z;
    }
}
