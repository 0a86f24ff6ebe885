package org.livedecon.core.backend;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * The arithmetic the deconvolution algorithms need, on buffers the backend owns: real-to-complex
 * FFTs and the per-voxel steps, fused where that saves passes over memory. The algorithms are
 * written once against this contract; a CPU (Java FFTs) and a GPU (OpenCL) implementation
 * provide it.
 *
 * <p><b>Windows.</b> Several operations take a {@code window}: the box {@code [0, wx) x [0, wy)
 * x [0, wz)} at the origin of a larger padded grid where the camera actually measured (the
 * Bertero–Boccacci non-circulant model). A window equal to the buffer shape means "everywhere".
 *
 * <p><b>Threading.</b> A backend is used by one job (one thread) at a time; it may use many
 * threads internally. Buffers belong to the backend that made them. Closing the backend releases
 * its threads, plans and cached OTFs.
 */
public interface Backend extends AutoCloseable {

    /** Short name for logs ("cpu (livedecon FFT, 2 threads)"). */
    String name();

    /** Zero-filled real buffer. */
    RealBuffer real(Shape shape);

    /** Zero-filled spectrum of a real volume of {@code shape}. */
    SpectrumBuffer spectrum(Shape shape);

    /**
     * Memory one job may still use on this backend, in bytes, for tiling decisions. The default is
     * unlimited: the heap of the CPU backend is budgeted by the caller. A GPU backend reports what
     * is left of its device memory.
     */
    default long memoryBudgetBytes() { return Long.MAX_VALUE; }

    /** Bytes one real buffer of this shape takes on the device (for memory estimates). */
    long realBytes(Shape shape);

    /** Bytes one spectrum of a real volume of this shape takes on the device. */
    long spectrumBytes(Shape shape);

    /**
     * Copies {@code src} (layout {@code x + sx*(y + sy*z)} for {@code srcShape}) into the window
     * {@code [0,sx)x[0,sy)x[0,sz)} of {@code dst}; the rest of {@code dst} is set to 0.
     */
    void upload(float[] src, Shape srcShape, RealBuffer dst);

    /** Copies the box {@code [0, out.shape)} of {@code src} into {@code out} (cropping the padding). */
    void download(RealBuffer src, float[] out, Shape outShape);

    /**
     * The optical transfer function: the FFT of {@code psf} on a grid of {@code padded}, its
     * centre voxel at the origin and wrapped (summed) where the PSF is larger than the grid.
     * Cached per (PSF instance, padded shape); the backend owns and closes the result.
     */
    SpectrumBuffer otf(Psf psf, Shape padded);

    /**
     * Forward FFT of {@code in} into {@code out}. {@code nonZero} (a window) promises that
     * {@code in} is zero outside it, so the backend may skip those lines.
     */
    void forward(RealBuffer in, SpectrumBuffer out, Shape nonZero);

    /**
     * Inverse FFT (normalised by 1/N) of {@code in} into {@code out}; {@code in} is destroyed.
     * Only the window {@code needed} of {@code out} is guaranteed to be written.
     */
    void inverse(SpectrumBuffer in, RealBuffer out, Shape needed);

    /**
     * {@code out = inverse(forward(in) * otf)} (or {@code conj(otf)}): {@link #forward},
     * {@link #multiply} and {@link #inverse} in one call, so that a backend can fuse the product
     * into its transform passes. {@code spectrum} is scratch (destroyed); {@code in} and {@code out}
     * may be the same buffer; {@code nonZero} and {@code needed} as for forward and inverse.
     */
    default void convolve(RealBuffer in, Shape nonZero, SpectrumBuffer otf, boolean conjugate, SpectrumBuffer spectrum,
                          RealBuffer out, Shape needed) {
        forward(in, spectrum, nonZero);
        multiply(spectrum, otf, conjugate);
        inverse(spectrum, out, needed);
    }

    /** {@code s = s * otf} or, with {@code conjugate}, {@code s * conj(otf)} (correlation, Hᵀ). */
    void multiply(SpectrumBuffer s, SpectrumBuffer otf, boolean conjugate);

    /** Wiener/Tikhonov: {@code s = s * conj(otf) / (|otf|² + lambda)}. */
    void wiener(SpectrumBuffer s, SpectrumBuffer otf, float lambda);

    /** {@code b = b * factor}. */
    void scale(RealBuffer b, float factor);

    /** Every voxel of {@code b} set to {@code value}. */
    void fill(RealBuffer b, float value);

    void copy(RealBuffer src, RealBuffer dst);

    /**
     * Richardson–Lucy data ratio, in place in {@code blurred}: inside the window
     * {@code blurred = observed / (max(blurred, 0) + background)}, outside it 0 (no measurement).
     * A denominator below {@code floor} is raised to {@code floor} so 0/0 and y/0 stay finite.
     */
    void ratio(RealBuffer observed, RealBuffer blurred, float background, float floor, Shape window);

    /**
     * The multiplicative RL update, in place in {@code correction}:
     * {@code correction = estimate * correction / normaliser} (normaliser {@code null} means 1),
     * divided further by {@code tvFactor} when not null, and 0 where the normaliser is below
     * {@code minNormaliser} (voxels the camera cannot see). The result is never negative.
     */
    void rlUpdate(RealBuffer estimate, RealBuffer correction, RealBuffer normaliser, float minNormaliser,
                  RealBuffer tvFactor);

    /**
     * Total-variation factor of Dey et al. 2006 for {@code x}:
     * {@code out = max(1 - lambda * div(∇x / |∇x|), 0.01)}, gradients in voxel units, edges clamped.
     */
    void tvFactor(RealBuffer x, float lambda, RealBuffer out);

    /**
     * First half of a Biggs–Andrews step (Appl. Opt. 36:1766, 1997). With {@code xNew} the RL step
     * from {@code prediction}: {@code g = xNew - prediction}; returns
     * {@code [<g, gPrev>, <gPrev, gPrev>]} in float64 and then stores {@code g} into {@code gPrev}.
     */
    default double[] biggsGradient(RealBuffer xNew, RealBuffer prediction, RealBuffer gPrev) {
        return biggsGradient(xNew, prediction, gPrev, null);
    }

    /**
     * As {@link #biggsGradient(RealBuffer, RealBuffer, RealBuffer)}, the sums taken over the
     * voxels of {@code counted} only ({@code null}: every voxel); {@code gPrev} is updated everywhere.
     */
    double[] biggsGradient(RealBuffer xNew, RealBuffer prediction, RealBuffer gPrev, Region counted);

    /**
     * Second half: {@code prediction = max(xNew + alpha * (xNew - xPrev), 0)}, then
     * {@code xPrev = xNew}. Returns {@code [Σ(xNew - xPrev)², Σ xPrev²]} (old xPrev) for the
     * relative-change stopping rule.
     */
    default double[] biggsPredict(RealBuffer xNew, RealBuffer xPrev, RealBuffer prediction, float alpha) {
        return biggsPredict(xNew, xPrev, prediction, alpha, null);
    }

    /**
     * As {@link #biggsPredict(RealBuffer, RealBuffer, RealBuffer, float)}, the sums taken over the
     * voxels of {@code counted} only ({@code null}: every voxel); the buffers are updated everywhere.
     */
    double[] biggsPredict(RealBuffer xNew, RealBuffer xPrev, RealBuffer prediction, float alpha, Region counted);

    /** {@code [Σ(a - b)², Σ b²]} in float64. */
    default double[] change(RealBuffer a, RealBuffer b) { return change(a, b, null); }

    /** As {@link #change(RealBuffer, RealBuffer)} over the voxels of {@code counted} ({@code null}: every voxel). */
    double[] change(RealBuffer a, RealBuffer b, Region counted);

    /** {@code Σ a·b} over all voxels, float64. */
    double dot(RealBuffer a, RealBuffer b);

    /** Σ over the window, float64. */
    double sum(RealBuffer b, Shape window);

    /** Σ over the voxels of {@code region}, float64. */
    double sum(RealBuffer b, Region region);

    /**
     * Plane-by-plane operations on {@code nx x ny} planes ({@link PlaneSpectra}), for computations
     * that receive a volume plane by plane. {@code hostThreads}: threads for the host-side work
     * where the backend has none of its own (a device backend); the CPU backend uses its pool.
     * The caller closes the result before this backend.
     */
    PlaneSpectra planes(int nx, int ny, int hostThreads);

    /**
     * Whether this backend's buffers live in the Java heap (the CPU backend), so that state a
     * caller keeps on the heap competes with them for the same memory budget.
     */
    default boolean buffersOnHeap() { return true; }

    /** Releases threads, cached OTFs and plans. */
    @Override
    void close();
}
