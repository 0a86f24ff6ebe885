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
    private final int[] tileCounts;
    private final Shape tile;
    private final long tileStateBytes;

    public DeconvolutionPlan(Shape image, Shape psf, Shape grid, int realBuffers, int spectrumBuffers, long bytes,
                             String backend) {
        this(image, psf, grid, realBuffers, spectrumBuffers, bytes, backend, new int[] {1, 1, 1}, image);
    }

    /**
     * A tiled plan: {@code grid}, buffers and {@code bytes} are those of one tile's job ({@code tile},
     * margins included), plus the whole-stack result.
     */
    public DeconvolutionPlan(Shape image, Shape psf, Shape grid, int realBuffers, int spectrumBuffers, long bytes,
                             String backend, int[] tileCounts, Shape tile) {
        this(image, psf, grid, realBuffers, spectrumBuffers, bytes, backend, tileCounts, tile, 0);
    }

    /**
     * A tiled plan whose tiles run in lockstep, each keeping {@code tileStateBytes} of state in
     * host memory between iteration steps (0: the tiles run one after another, independently;
     * negative: so do they, for an iterative method that had no room for lockstep).
     */
    public DeconvolutionPlan(Shape image, Shape psf, Shape grid, int realBuffers, int spectrumBuffers, long bytes,
                             String backend, int[] tileCounts, Shape tile, long tileStateBytes) {
        this.tileStateBytes = tileStateBytes;
        this.image = image;
        this.psf = psf;
        this.grid = grid;
        this.realBuffers = realBuffers;
        this.spectrumBuffers = spectrumBuffers;
        this.bytes = bytes;
        this.backend = backend;
        this.tileCounts = tileCounts.clone();
        this.tile = tile;
    }

    public Shape image() { return image; }
    public Shape psf() { return psf; }
    /** The padded FFT grid (z,y,x). */
    public Shape grid() { return grid; }
    public int realBuffers() { return realBuffers; }
    public int spectrumBuffers() { return spectrumBuffers; }
    /**
     * Estimated working memory of the job on its backend, input and output included; for a tiled
     * job one tile's job plus the whole-stack blend, without the lockstep state ({@link #tileStateBytes()}).
     */
    public long bytes() { return bytes; }
    public String backend() { return backend; }
    /** Tiles along x, y, z ({1, 1, 1} when the job runs in one piece). */
    public int[] tileCounts() { return tileCounts.clone(); }
    public boolean tiled() { return tileCounts[0] * tileCounts[1] * tileCounts[2] > 1; }
    /** The largest tile, margins included (the image itself when not tiled). */
    public Shape tile() { return tile; }
    /** Whether the tiles advance together, one iteration step at a time (iterative methods). */
    public boolean lockstep() { return tiled() && tileStateBytes > 0; }
    /** Host memory one lockstep tile keeps between iteration steps (0 unless {@link #lockstep()}). */
    public long tileStateBytes() { return tiled() ? Math.max(0, tileStateBytes) : 0; }

    @Override
    public String toString() {
        if (tiled()) {
            int n = tileCounts[0] * tileCounts[1] * tileCounts[2];
            String state = lockstep()
                    ? String.format(Locale.ROOT, "; tiles run in lockstep (one step size and flux scale for the whole "
                            + "stack), each keeping %.1f MiB of state in host memory between steps (%.0f MiB for all %d)",
                            tileStateBytes / 1048576.0, n * tileStateBytes / 1048576.0, n)
                    : tileStateBytes < 0 ? "; tiles run one after another (no room for every tile's state to run them in "
                            + "lockstep), so accelerated RL tiles take their own step sizes and may differ by a few % of the range"
                    : "";
            return String.format(Locale.ROOT, "image %s, PSF %s, in %d tiles (%dx%dx%d, x,y,z) of up to %s with margins, "
                            + "FFT grid per tile %s (%d real + %d spectrum buffers), estimated memory %.0f MiB (one tile's job plus "
                            + "the whole-stack blend) on %s%s",
                    image, psf, n, tileCounts[0], tileCounts[1], tileCounts[2],
                    tile, grid, realBuffers, spectrumBuffers, bytes / 1048576.0,
                    backend, state);
        }
        return String.format(Locale.ROOT, "image %s, PSF %s, FFT grid %s (%d real + %d spectrum buffers), "
                        + "estimated memory %.0f MiB on %s",
                image, psf, grid, realBuffers, spectrumBuffers, bytes / 1048576.0, backend);
    }
}
