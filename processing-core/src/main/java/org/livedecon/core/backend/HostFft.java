package org.livedecon.core.backend;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * 3D transforms on the heap, in the half-spectrum layout of {@link Fft3d}, for state that is
 * computed once on the CPU whatever the device (the kernels of the streaming Wiener). The same
 * transform code as the CPU backend ({@link StockhamFft3d}).
 */
public final class HostFft {
    private HostFft() {}

    /** The OTF of {@code psf} on {@code grid} (centre at the origin, wrapped: {@link OtfCache#wrap}). */
    public static float[] otf(Psf psf, Shape grid, Parallel parallel) {
        float[] out = new float[CpuBuffers.Spectrum.floats(grid)];
        new StockhamFft3d(grid, parallel).forward(OtfCache.wrap(psf, grid), out, grid);
        return out;
    }

    /**
     * Transforms a 3D spectrum of {@code grid} back along z only (scaled by {@code 1/nz}), in
     * place: plane z then holds the 2D spectrum of plane z of the volume.
     */
    public static void inverseAlongZ(float[] spectrum, Shape grid, Parallel parallel) {
        if (spectrum.length != CpuBuffers.Spectrum.floats(grid)) {
            throw new IllegalArgumentException("a spectrum of " + grid + " has " + CpuBuffers.Spectrum.floats(grid)
                    + " floats, got " + spectrum.length);
        }
        new StockhamFft3d(grid, parallel).inverseAlongZ(spectrum);
    }
}
