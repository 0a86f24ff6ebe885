package org.livedecon.core.psf.model;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Theoretical widefield fluorescence PSFs (scalar diffraction, intensity = |amplitude|² at the
 * emission wavelength λ), sampled on a voxel grid with the pixel area integrated.
 *
 * <p><b>Models.</b> With k = 2π/λ (λ in vacuum) and ρ the normalised pupil radius,
 * <pre>
 *   h(r, z) = | ∫_0^ρmax J0(k NA r ρ) exp(i W(ρ, z)) ρ dρ |²
 *   Born &amp; Wolf:    W = k z NA² ρ² / (2 n_i),  ρmax = 1
 *   Gibson &amp; Lanni: W = k OPD(ρ, z),
 *     OPD = z_p sqrt(n_s² − s²) + t_g sqrt(n_g² − s²) + t_i sqrt(n_i² − s²)
 *           − t_g* sqrt(n_g*² − s²) − t_i* sqrt(n_i*² − s²),   s = NA ρ,  t_i = t_i* − z_p − z,
 *     ρmax = min(NA, n_s, n_g, n_g*, n_i, n_i*) / NA
 * </pre>
 * (Gibson &amp; Lanni, JOSA A 8:1601, 1991; the sign of W is a convention, the Born &amp; Wolf
 * intensity is even in z.) The integral is evaluated by a Simpson rule whose node count follows
 * the fastest phase in the integrand, for a radial profile on a grid of at most 1/8 pixel and
 * λ/(32 NA); planes are built from it by averaging over each pixel's area (composite 3-point
 * Gauss–Legendre, cells of at most λ/(8 NA), at least 6 × 6 nodes per pixel, the profile
 * interpolated cubically) — a camera pixel integrates, it does not point-sample. No z
 * integration: a plane is the image at one focus position.
 *
 * <p><b>Axes.</b> z is the focus position relative to the source; z increases as the focal plane
 * moves deeper into the sample (the objective moves toward it). The grid is centred on the
 * intensity maximum: voxel (nx/2, ny/2, nz/2) is the on-axis peak, which for Gibson &amp; Lanni with
 * a mismatch lies away from the nominal focus z = 0 (the focal shift, found by a search along the
 * axis). The result is normalised to sum 1.
 *
 * <p>Thread-safe: stateless. The executor passed in is used and not shut down; the overloads
 * without one use a temporary pool of {@code Runtime.availableProcessors()} threads.
 */
public final class TheoreticalPsf {
    private static final int MAX_LATERAL = 255;
    private static final int MAX_AXIAL = 129;
    private static final int MIN_CELLS = 2;
    private static final int MAX_CELLS = 32;

    private TheoreticalPsf() {}

    /**
     * PSF on a grid of {@code shape} voxels of {@code voxelSize}, centre at voxel
     * (nx/2, ny/2, nz/2), pixel-area integrated, normalised to sum 1.
     */
    public static Psf generate(PsfModel model, Optics optics, Shape shape, VoxelSize voxelSize) {
        ExecutorService pool = newPool();
        try {
            return generate(model, optics, shape, voxelSize, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /** As {@link #generate(PsfModel, Optics, Shape, VoxelSize)}, on the caller's executor (not shut down). */
    public static Psf generate(PsfModel model, Optics optics, Shape shape, VoxelSize voxelSize,
                               ExecutorService executor) {
        if (model == null || optics == null || shape == null || voxelSize == null || executor == null) {
            throw new IllegalArgumentException("model, optics, shape, voxel size and executor are required, got "
                    + model + ", " + optics + ", " + shape + ", " + voxelSize + ", " + executor);
        }
        PupilPhase phase = PupilPhase.of(model, optics);
        double focus = model == PsfModel.BORN_WOLF ? 0 : FocusSearch.peakDefocus(phase, optics);

        int nx = shape.nx(), ny = shape.ny(), nz = shape.nz();
        double[] z = new double[nz];
        for (int m = 0; m < nz; m++) z[m] = (m - nz / 2) * voxelSize.z() + focus;

        double lambdaOverNa = optics.wavelengthUm() / optics.na();
        double dr = Math.min(Math.min(voxelSize.x(), voxelSize.y()) / 8, lambdaOverNa / 32);
        int cells = (int) Math.ceil(Math.max(voxelSize.x(), voxelSize.y()) / (lambdaOverNa / 8));
        cells = Math.max(MIN_CELLS, Math.min(MAX_CELLS, cells));
        PixelIntegrator integrator = new PixelIntegrator(nx, ny, voxelSize.x(), voxelSize.y(), dr, cells);
        int radii = integrator.radii();

        double besselRate = phase.k() * optics.na() * (radii - 1) * dr;
        PupilQuadrature quad = PupilQuadrature.forRange(phase, besselRate, z[0], z[nz - 1]);
        double[][] profiles = RadialProfiles.compute(phase, quad, z, dr, radii, executor);

        int planeSize = nx * ny;
        float[] data = new float[shape.voxels()];
        double[] plane = new double[planeSize];
        double sum = 0;
        for (int m = 0; m < nz; m++) {
            integrator.plane(profiles[m], nx, ny, plane, 0);
            for (int i = 0; i < planeSize; i++) sum += plane[i];
            int o = m * planeSize;
            for (int i = 0; i < planeSize; i++) data[o + i] = (float) plane[i];
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalStateException("the " + model.label() + " PSF for " + optics + " on " + shape
                    + " sums to " + sum + ": nothing to normalise");
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < data.length; i++) data[i] *= inv;

        String source = String.format(Locale.ROOT, "%s theoretical (%s; peak at defocus %.4f µm from nominal focus)",
                model.label(), optics, focus);
        return new Psf(new Volume(shape, voxelSize, data), source);
    }

    /**
     * Suggested odd shape that holds the PSF: axially ±3 paraxial axial FWHM (1.77 n_i λ / NA²)
     * plus, for Gibson &amp; Lanni, twice the paraxial focal shift; laterally the defocused disk of
     * the outermost plane plus 4 Airy radii (0.61 λ/NA), at least ±8 Airy radii. The disk radius is
     * z·NA/n_i for Born &amp; Wolf (paraxial) and z·tan θ for Gibson &amp; Lanni (sin θ = NA/n_s, at
     * most 0.95). Capped at 255 pixels laterally and 129 planes axially.
     */
    public static Shape suggestedShape(PsfModel model, Optics optics, VoxelSize voxelSize) {
        if (model == null || optics == null || voxelSize == null) {
            throw new IllegalArgumentException("model, optics and voxel size are required, got "
                    + model + ", " + optics + ", " + voxelSize);
        }
        double na = optics.na();
        double lambda = optics.wavelengthUm();
        double ni = optics.immersionIndex();
        double airy = 0.61 * lambda / na;
        double halfZ = 3 * 1.77 * ni * lambda / (na * na);
        double spread = na / ni;
        if (model == PsfModel.GIBSON_LANNI) {
            halfZ += 2 * Math.abs(FocusSearch.paraxialFocus(optics));
            double sinTheta = Math.min(0.95, na / optics.sampleIndex());
            spread = sinTheta / Math.sqrt(1 - sinTheta * sinTheta);
        }
        int nz = odd(halfZ / voxelSize.z(), MAX_AXIAL);
        double halfR = Math.max(8 * airy, (nz / 2) * voxelSize.z() * spread + 4 * airy);
        int nx = odd(halfR / voxelSize.x(), MAX_LATERAL);
        int ny = odd(halfR / voxelSize.y(), MAX_LATERAL);
        return Shape.of(nx, ny, nz);
    }

    private static int odd(double halfVoxels, int cap) {
        double n = 2 * Math.ceil(halfVoxels) + 1;
        return (int) Math.max(3, Math.min(cap, n));
    }

    private static ExecutorService newPool() {
        final AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "livedecon-psf-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });
    }
}
