package org.livedecon.core.deconv;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Wiener/Tikhonov deconvolution: X = (Y − b) · conj(H) / (|H|² + λ). One forward and one
 * inverse FFT per stack once the OTF is cached.
 *
 * <p>The result is linear in the data and is not clipped: noise and ringing swing both ways,
 * and clipping the negative half would add light (twice the true flux on a noisy synthetic
 * stack). Total flux is Σ(y − b) / (1 + λ).
 *
 * <p>With {@link Boundary#NON_CIRCULANT} the image is placed in the extended grid and each face is
 * continued by its own values tapered to the background over the PSF half-size, so the periodic
 * extension the FFT sees has no jump at the edges (a jump rings through the whole volume). Wiener
 * cannot ignore unmeasured voxels the way RL does; edge tapering is the standard remedy.
 */
public final class Wiener implements Deconvolver {
    private final DeconvolutionSettings settings;
    private final Backend backend;

    public Wiener(DeconvolutionSettings settings, Backend backend) {
        this.settings = settings;
        this.backend = backend;
    }

    @Override
    public DeconvolutionPlan plan(Shape image, Psf psf) {
        Shape grid = PaddedSizes.grid(image, psf.shape(), settings.boundary());
        // host staging array of the grid plus one real and two spectra on the backend
        long bytes = Jobs.bytes(backend, image, grid, 1, 2) + 4L * grid.voxels();
        return new DeconvolutionPlan(image, psf.shape(), grid, 1, 2, bytes, backend.name());
    }

    @Override
    public DeconvolutionResult deconvolve(Volume image, Psf psf, ProgressListener progress) {
        long t0 = System.nanoTime();
        Jobs.checkInputs(image, psf);
        DeconvolutionPlan plan = plan(image.shape(), psf);
        Shape grid = plan.grid();
        Shape window = image.shape();
        double b = settings.background().resolve(image);
        // an automatic λ is resolved by the caller for the whole stack (DeconvolutionRun, the CLI);
        // here it is the fixed default, like the live engine's streamed Wiener, so both agree
        double lambda = settings.lambda();
        float[] host = new float[grid.voxels()];
        float[] y = image.data();
        float fb = (float) b;
        for (int z = 0; z < window.nz(); z++) {
            for (int yy = 0; yy < window.ny(); yy++) {
                int s = window.nx() * (yy + window.ny() * z);
                int g = grid.nx() * (yy + grid.ny() * z);
                for (int x = 0; x < window.nx(); x++) host[g + x] = y[s + x] - fb;
            }
        }
        if (!grid.equals(window)) {
            // taper over the PSF half-size: fixed by the PSF, the same for a tile and the whole stack
            smoothExtension(host, window, grid, new int[] {psf.centreX(), psf.centreY(), psf.centreZ()});
        }
        float[] out = new float[window.voxels()];
        try (RealBuffer r = backend.real(grid); SpectrumBuffer s = backend.spectrum(grid)) {
            backend.upload(host, grid, r);
            host = null; // let the staging array go before the FFT allocates scratch
            SpectrumBuffer otf = backend.otf(psf, grid);
            long setup = System.nanoTime() - t0;
            backend.forward(r, s, grid);
            backend.wiener(s, otf, (float) lambda);
            backend.inverse(s, r, window);
            backend.download(r, out, window);
            long elapsed = System.nanoTime() - t0;
            progress.iterationDone(1, 1, Double.NaN, elapsed);
            return new DeconvolutionResult(new Volume(window, image.voxelSize(), out), plan, settings, b, 0,
                    DeconvolutionResult.StopReason.NOT_ITERATIVE, setup, elapsed);
        }
    }

    /**
     * Fills grid voxels outside the window, axis by axis (x, then y, then z), with
     * {@link EdgeTaper}: so the periodic extension the FFT sees has no jump.
     */
    static void smoothExtension(float[] a, Shape w, Shape g, int[] taper) {
        int gx = g.nx(), gy = g.ny(), gz = g.nz();
        for (int z = 0; z < w.nz(); z++) {
            for (int y = 0; y < w.ny(); y++) EdgeTaper.fill(a, gx * (y + gy * z), 1, w.nx(), gx, taper[0]);
        }
        for (int z = 0; z < w.nz(); z++) {
            for (int x = 0; x < gx; x++) EdgeTaper.fill(a, x + gx * gy * z, gx, w.ny(), gy, taper[1]);
        }
        int plane = gx * gy;
        for (int i = 0; i < plane; i++) EdgeTaper.fill(a, i, plane, w.nz(), gz, taper[2]);
    }
}
