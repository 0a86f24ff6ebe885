package org.livedecon.core.psf.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Intensity I(r_j, z_m) = |∫_0^ρmax J0(k NA r_j ρ) exp(i W(ρ, z_m)) ρ dρ|² on a uniform radial grid
 * r_j = j·dr for a list of defocus values, by one Simpson rule shared by all radii and planes.
 *
 * <p>The phase factors w_i exp(i W(ρ_i, z_m)) are computed once per plane and the Bessel row
 * J0(k NA r_j ρ_i) once per radius, so the work is one real-times-complex dot product per
 * (radius, plane). Radii are split into chunks that run on the given executor.
 */
final class RadialProfiles {
    private static final int RADII_PER_TASK = 16;

    private RadialProfiles() {}

    /**
     * @return intensities {@code [m][j]} for plane m (defocus {@code z[m]} µm) and radius j·dr
     */
    static double[][] compute(PupilPhase phase, PupilQuadrature quad, double[] z, double dr, int radii,
                              ExecutorService executor) {
        final int nz = z.length;
        final int n = quad.size();
        final double[] rho = quad.rho();
        final double[] w = quad.weight();
        final double[] cre = new double[nz * n];
        final double[] cim = new double[nz * n];
        double k = phase.k();
        double[] base = new double[n];
        double[] slope = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = phase.base(rho[i]);
            slope[i] = phase.slope(rho[i]);
        }
        for (int m = 0; m < nz; m++) {
            for (int i = 0; i < n; i++) {
                double ph = k * (base[i] + z[m] * slope[i]);
                cre[m * n + i] = w[i] * Math.cos(ph);
                cim[m * n + i] = w[i] * Math.sin(ph);
            }
        }
        final double[][] out = new double[nz][radii];
        final double besselScale = k * phase.na() * dr;
        List<Future<?>> futures = new ArrayList<>();
        for (int start = 0; start < radii; start += RADII_PER_TASK) {
            final int from = start;
            final int to = Math.min(radii, start + RADII_PER_TASK);
            futures.add(executor.submit(new Runnable() {
                @Override
                public void run() {
                    computeChunk(from, to, besselScale, rho, cre, cim, n, nz, out);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing the PSF", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("computing the PSF failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    private static void computeChunk(int from, int to, double besselScale, double[] rho, double[] cre, double[] cim,
                                     int n, int nz, double[][] out) {
        double[] row0 = new double[n];
        double[] row1 = new double[n];
        int j = from;
        // two radii at a time: each phase factor loaded once feeds two dot products
        for (; j + 1 < to; j += 2) {
            double a0 = besselScale * j;
            double a1 = besselScale * (j + 1);
            for (int i = 0; i < n; i++) {
                row0[i] = Bessel.j0(a0 * rho[i]);
                row1[i] = Bessel.j0(a1 * rho[i]);
            }
            for (int m = 0; m < nz; m++) {
                int off = m * n;
                double re0 = 0, im0 = 0, re1 = 0, im1 = 0;
                for (int i = 0; i < n; i++) {
                    double cr = cre[off + i];
                    double ci = cim[off + i];
                    re0 += row0[i] * cr;
                    im0 += row0[i] * ci;
                    re1 += row1[i] * cr;
                    im1 += row1[i] * ci;
                }
                out[m][j] = re0 * re0 + im0 * im0;
                out[m][j + 1] = re1 * re1 + im1 * im1;
            }
        }
        for (; j < to; j++) {
            double a0 = besselScale * j;
            for (int i = 0; i < n; i++) row0[i] = Bessel.j0(a0 * rho[i]);
            for (int m = 0; m < nz; m++) {
                int off = m * n;
                double re0 = 0, im0 = 0;
                for (int i = 0; i < n; i++) {
                    re0 += row0[i] * cre[off + i];
                    im0 += row0[i] * cim[off + i];
                }
                out[m][j] = re0 * re0 + im0 * im0;
            }
        }
    }

    /** On-axis intensity |∫ exp(i W(ρ, z)) ρ dρ|² at one defocus (slow path for the focus search). */
    static double onAxis(PupilPhase phase, PupilQuadrature quad, double z) {
        double[] rho = quad.rho();
        double[] w = quad.weight();
        double k = phase.k();
        double re = 0, im = 0;
        for (int i = 0; i < rho.length; i++) {
            double ph = k * (phase.base(rho[i]) + z * phase.slope(rho[i]));
            re += w[i] * Math.cos(ph);
            im += w[i] * Math.sin(ph);
        }
        return re * re + im * im;
    }
}
