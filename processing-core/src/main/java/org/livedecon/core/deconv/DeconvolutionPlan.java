package org.livedecon.core.deconv;

import java.util.Locale;

import org.livedecon.core.volume.Shape;

/**
 * What a job will do, derived from settings, image and PSF before it runs: the FFT grid, the
 * number of buffers and their memory. Printed before a run so a user sees the cost first.
 */
public final class DeconvolutionPlan {
    private final Shape image;
    private final Shape psf;
    private final Shape grid;
    private final int realBuffers;
    private final int spectrumBuffers;
    private final long bytes;
    private final String backend;

    public DeconvolutionPlan(Shape image, Shape psf, Shape grid, int realBuffers, int spectrumBuffers, long bytes,
                             String backend) {
        this.image = image;
        this.psf = psf;
        this.grid = grid;
        this.realBuffers = realBuffers;
        this.spectrumBuffers = spectrumBuffers;
        this.bytes = bytes;
        this.backend = backend;
    }

    public Shape image() { return image; }
    public Shape psf() { return psf; }
    /** The padded FFT grid (z,y,x). */
    public Shape grid() { return grid; }
    public int realBuffers() { return realBuffers; }
    public int spectrumBuffers() { return spectrumBuffers; }
    /** Estimated working memory of the job on its backend, input and output included. */
    public long bytes() { return bytes; }
    public String backend() { return backend; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "image %s, PSF %s, FFT grid %s (%d real + %d spectrum buffers), "
                        + "estimated memory %.0f MiB on %s",
                image, psf, grid, realBuffers, spectrumBuffers, bytes / 1048576.0, backend);
    }
}
