package org.livedecon.core.deconv;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * One deconvolution method, configured with its settings and a backend. Implementations are
 * {@link Wiener} and {@link RichardsonLucy}; {@link Deconvolvers#create} picks one.
 *
 * <p>Contract: the input image is not modified; the result has the image's shape and voxel size,
 * is finite, and estimates the object x in y = H x + b (background removed). Richardson–Lucy
 * results are non-negative; a Wiener result is linear in the data and may dip below 0.
 * The PSF must have the image's voxel size (prepare it with
 * {@link org.livedecon.core.psf.PsfPreparer}). A deconvolver is used by one thread at a time.
 */
public interface Deconvolver {

    /** The grid and memory a job would use, without running it. */
    DeconvolutionPlan plan(Shape image, Psf psf);

    /**
     * @throws IllegalArgumentException when the PSF's voxel size differs from the image's
     * @throws java.util.concurrent.CancellationException when the thread is interrupted
     */
    DeconvolutionResult deconvolve(Volume image, Psf psf, ProgressListener progress);
}
