package org.livedecon.core.psf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The radial profiles against closed forms and against a brute-force pupil sum. */
class RadialProfilesTest {
    private static final Optics OIL = Optics.builder().build();
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() { pool = Executors.newFixedThreadPool(2); }

    @AfterAll
    static void stopPool() { pool.shutdownNow(); }

    @Test
    void bornWolfInFocusIsTheAiryPattern() {
        PupilPhase phase = PupilPhase.of(PsfModel.BORN_WOLF, OIL);
        double dr = 0.01;
        int radii = 400;
        PupilQuadrature q = PupilQuadrature.forRange(phase, phase.k() * OIL.na() * dr * radii, 0, 0);
        double[] p = RadialProfiles.compute(phase, q, new double[] {0}, dr, radii, pool)[0];
        for (int j = 0; j < radii; j++) {
            double v = phase.k() * OIL.na() * j * dr;
            double airy = j == 0 ? 0.25 : Math.pow(Bessel.j1(v) / v, 2); // |∫ J0(vρ) ρ dρ|² = (J1(v)/v)²
            assertEquals(airy, p[j], 1e-7 * 0.25, "r=" + j * dr);
        }
    }

    @Test
    void bornWolfOnAxisIsTheSquaredSinc() {
        PupilPhase phase = PupilPhase.of(PsfModel.BORN_WOLF, OIL);
        double[] z = {-3, -1.1, -0.35, 0, 0.2, 0.71, 2.5};
        PupilQuadrature q = PupilQuadrature.forRange(phase, 0, -3, 2.5);
        double[][] p = RadialProfiles.compute(phase, q, z, 0.01, 1, pool);
        for (int m = 0; m < z.length; m++) {
            // ∫_0^1 exp(i a ρ²) ρ dρ = (exp(i a) − 1) / (2 i a), |.|² = sin²(a/2) / a²
            double a = phase.k() * z[m] * OIL.na() * OIL.na() / (2 * OIL.immersionIndex());
            double expected = a == 0 ? 0.25 : Math.pow(Math.sin(a / 2) / a, 2);
            assertEquals(expected, p[m][0], 1e-7 * 0.25, "z=" + z[m]);
        }
    }

    @Test
    void matchedGibsonLanniOnAxisMatchesItsClosedForm() {
        PupilPhase phase = PupilPhase.of(PsfModel.GIBSON_LANNI, OIL);
        double[] z = {-2.2, -0.6, -0.1, 0, 0.25, 0.5, 1.7};
        PupilQuadrature q = PupilQuadrature.forRange(phase, 0, -2.2, 1.7);
        double[][] p = RadialProfiles.compute(phase, q, z, 0.01, 1, pool);
        double n = OIL.immersionIndex();
        double na = OIL.na();
        double c0 = Math.sqrt(n * n - na * na);
        for (int m = 0; m < z.length; m++) {
            double expected;
            if (z[m] == 0) {
                expected = 0.25;
            } else {
                // A = (1/NA²) ∫_{c0}^{n} exp(i β (n − c)) c dc, β = k z, c = n cos θ;
                // ∫ c exp(−iβc) dc = exp(−iβc) (i c / β + 1 / β²)
                double beta = phase.k() * z[m];
                double[] fn = antiderivative(beta, n);
                double[] f0 = antiderivative(beta, c0);
                double re = fn[0] - f0[0];
                double im = fn[1] - f0[1];
                expected = (re * re + im * im) / Math.pow(na, 4);
            }
            assertEquals(expected, p[m][0], 1e-7 * 0.25, "z=" + z[m]);
        }
    }

    private static double[] antiderivative(double beta, double c) {
        double er = Math.cos(beta * c);
        double ei = -Math.sin(beta * c);
        double ar = 1 / (beta * beta);
        double ai = c / beta;
        return new double[] {er * ar - ei * ai, er * ai + ei * ar};
    }

    @Test
    void mismatchedGibsonLanniMatchesABruteForcePupilSum() {
        Optics water = OIL.toBuilder().sampleIndex(1.33).depthUm(20).build();
        PupilPhase phase = PupilPhase.of(PsfModel.GIBSON_LANNI, water);
        double dr = 0.05;
        int radii = 41;
        double[] z = {2.0, 4.0, 6.5};
        PupilQuadrature q = PupilQuadrature.forRange(phase, phase.k() * water.na() * dr * (radii - 1), 2.0, 6.5);
        double[][] p = RadialProfiles.compute(phase, q, z, dr, radii, pool);
        double peak = RadialProfiles.onAxis(phase, q, 4.0);
        for (int m = 0; m < z.length; m++) {
            for (int j = 0; j < radii; j += 8) {
                double ref = bruteForce(phase, j * dr, z[m], 400000);
                assertEquals(ref, p[m][j], 1e-5 * peak, "z=" + z[m] + " r=" + j * dr);
            }
        }
    }

    /** Plain trapezoid rule in ρ with many nodes: slow, obvious, no substitution. */
    private static double bruteForce(PupilPhase phase, double r, double z, int n) {
        double rhoMax = phase.rhoMax();
        double h = rhoMax / n;
        double a = phase.k() * phase.na() * r;
        double re = 0, im = 0;
        for (int i = 0; i <= n; i++) {
            double rho = i * h;
            double w = (i == 0 || i == n ? 0.5 : 1) * h * rho * Bessel.j0(a * rho);
            double ph = phase.k() * (phase.base(rho) + z * phase.slope(rho));
            re += w * Math.cos(ph);
            im += w * Math.sin(ph);
        }
        return re * re + im * im;
    }
}
