package org.livedecon.core.live;

import org.livedecon.core.acquisition.PlaneCoords;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Streaming Wiener outside the live engine, for tools and benchmarks: hand the planes of a stack
 * over one by one ({@link #add}), then {@link #finish} returns the same result as whole-stack
 * Wiener. The kernel (built once, in the constructor) serves any number of stacks of this size,
 * one after the other. Not thread-safe; the work inside runs on the backend given (which the
 * caller closes after this).
 */
public final class StreamedWiener implements AutoCloseable {
    private final StreamingWiener.Kernel kernel;
    private StreamingWiener.Accumulator acc;
    private RawStack raw;

    /**
     * @param backend     where the transforms run (CPU or OpenCL)
     * @param hostThreads threads for the sums on the heap when the backend has none of its own
     */
    public StreamedWiener(Psf psf, DeconvolutionSettings settings, int width, int height, int nz, Backend backend,
                          int hostThreads) {
        if (!StreamingWiener.supports(width, height)) throw new IllegalArgumentException("planes need at least 2x2 pixels");
        kernel = new StreamingWiener.Kernel(psf, settings, width, height, nz, backend, hostThreads);
    }

    /** Slice z of the current stack: {@code byte[]}, {@code short[]} or {@code float[]}, not modified afterwards. */
    public void add(int z, Object pixels) {
        if (acc == null) {
            acc = kernel.start();
            raw = new RawStack(new PlaneCoords(0, 0, 0, 0), kernel.nz, kernel.width, kernel.height);
        }
        if (raw.plane(z) != null) throw new IllegalArgumentException("slice " + z + " was added twice");
        raw.put(z, pixels, 0);
        acc.add(z, pixels);
    }

    /** The deconvolved stack once every slice is in; the next {@link #add} starts a new stack. */
    public Volume finish(VoxelSize voxel) {
        if (acc == null) throw new IllegalStateException("no planes added");
        try {
            return acc.finish(raw, voxel);
        } finally {
            acc = null;
            raw = null;
        }
    }

    /** Releases the kernel's memory on the backend. */
    @Override
    public void close() { kernel.close(); }
}
