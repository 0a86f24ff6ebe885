package org.livedecon.core.backend;

/**
 * 2D transforms of single planes and products between stacks of plane spectra, on a backend's
 * device: the operations of a computation that receives a volume plane by plane (the streaming
 * Wiener) rather than whole. One plane size, {@code nx x ny}; a <em>stack</em> is a
 * {@link SpectrumBuffer} of {@code n} plane spectra (its shape {@code nx x ny x n}, each plane
 * transformed in 2D only). The layout of a stack on the device is the backend's own.
 *
 * <p>Kernel planes are picked cyclically: for output plane {@code o} the kernel plane is
 * {@code k[(kFirst + o) mod planes(k)]}, so one stack of {@code G(d)} serves a shift of any plane.
 *
 * <p>Threading as {@link Backend}: one thread at a time. {@link #close()} releases the transforms,
 * the host threads it made and every stack made here that is still open.
 */
public interface PlaneSpectra extends AutoCloseable {

    int nx();

    int ny();

    /** {@code n} zero-filled plane spectra. */
    SpectrumBuffer stack(int n);

    /**
     * Copies host half spectra into {@code dst}: plane p, complex value (kx, ky) with
     * {@code 0 <= kx <= nx/2} at float index {@code 2 * (kx + (nx/2+1) * (ky + ny * p))}, real part
     * first (the layout of {@link Fft3d}); each plane must be the spectrum of a real plane.
     */
    void upload(float[] halfSpectra, SpectrumBuffer dst);

    /** Forward 2D FFT of the real plane {@code real} ({@code nx*ny}, x fastest) into plane {@code at} of {@code dst}. */
    void forward(float[] real, SpectrumBuffer dst, int at);

    /**
     * For output planes {@code o} in {@code [from, to)}: {@code acc[o] += p[pAt] · k[(kFirst + o) mod n]}
     * (complex product), or {@code =} when {@code add} is false.
     */
    void multiply(SpectrumBuffer acc, int from, int to, boolean add, SpectrumBuffer p, int pAt, SpectrumBuffer k,
                  int kFirst);

    /**
     * Inverse 2D FFT, scaled by {@code 1/(nx*ny)}, of planes {@code o} in {@code [from, to)} of
     * {@code s} plus, when {@code p} is not null, the product {@code p[pAt] · k[(kFirst + o) mod n]}
     * (the term of one more plane, added on the way). {@code s} may be null (the product alone);
     * its planes in the range are destroyed. The box {@code width x height} at the origin of plane
     * {@code o} goes to {@code out[outOffset + (o - from) * width * height]}, x fastest.
     */
    void inverse(SpectrumBuffer s, int from, int to, SpectrumBuffer p, int pAt, SpectrumBuffer k, int kFirst,
                 float[] out, int outOffset, int width, int height);

    /**
     * As {@link #inverse(SpectrumBuffer, int, int, SpectrumBuffer, int, SpectrumBuffer, int, float[], int, int, int)},
     * plane {@code o} to its own array {@code out[o - from]} (from index 0: sums over such planes
     * vectorise, sums at offsets into one array do not).
     */
    void inverse(SpectrumBuffer s, int from, int to, SpectrumBuffer p, int pAt, SpectrumBuffer k, int kFirst,
                 float[][] out, int width, int height);

    /**
     * How many planes one {@link #inverse} call should take so that it keeps every worker busy: a
     * caller that checks for other work between calls goes this many planes at a time.
     */
    int planesPerCall();

    /**
     * The threads for the host-side work around these operations (combining results on the
     * heap): the CPU backend's own pool, so a computation never makes a second one.
     */
    Parallel host();

    /** Bytes of device memory one stack of {@code n} planes takes (for memory estimates). */
    long stackBytes(int n);

    /** Whether stacks live in the Java heap (they count against the heap budget). */
    boolean onHeap();

    @Override
    void close();
}
