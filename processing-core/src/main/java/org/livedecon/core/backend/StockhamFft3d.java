package org.livedecon.core.backend;

import java.util.Arrays;

import org.livedecon.core.volume.Shape;

/**
 * livedecon's own 3D real FFT, built for what deconvolution does: many transforms of the same
 * 2,3,5,7-smooth length along each axis. Every pass works on a block of lines at once with
 * {@link LineFft}, the innermost loops running across lines over contiguous memory (SIMD):
 * <ul>
 * <li>x: {@code 2 * lanes} real lines, two per complex lane (real and imaginary part), transposed
 *     into a block, transformed, and split into their two half spectra;</li>
 * <li>y and z: {@code lanes} neighbouring kx columns of the spectrum, which are already
 *     contiguous across columns, de-interleaved into a block and back.</li>
 * </ul>
 * Lines known to be zero (outside the window of a forward transform) are never read, lines not
 * needed (outside the window of an inverse) never written, and the spectrum is transformed in
 * place: no full-volume copies. {@link #convolve} fuses the OTF multiplication into the z pass, so
 * the forward z transform, the product and the inverse z transform happen while a block is in cache.
 *
 * <p>Spectrum layout as {@link Fft3d}. Each worker thread has its own scratch.
 */
final class StockhamFft3d implements Fft3d {
    /**
     * Most floats per block array: 64 Ki (256 KiB), so that a block and its scratch stay within
     * a core's L2 cache even for long lines.
     */
    private static final int BLOCK_FLOATS = 65536;
    /**
     * 64 lanes measured fastest (16.5 against 14.3 GFLOPS for 32 lanes, length 96): the first
     * Stockham pass, whose contiguous runs are one block wide, then runs SIMD too.
     */
    private static final int MIN_LANES = 16, MAX_LANES = 64;

    private final Shape shape;
    private final int nx, ny, nz, nxh, row, plane;
    private final LineFft fx, fy, fz;
    private final int lx, ly, lz;
    private final Parallel parallel;
    private final float[][] bre, bim, wre, wim;
    private final float[][][] streams;

    StockhamFft3d(Shape shape, Parallel parallel) {
        this.shape = shape;
        this.nx = shape.nx();
        this.ny = shape.ny();
        this.nz = shape.nz();
        this.nxh = nx / 2 + 1;
        this.row = 2 * nxh;
        this.plane = row * ny;
        this.parallel = parallel;
        fx = new LineFft(nx);
        fy = new LineFft(ny);
        fz = new LineFft(nz);
        lx = lanes(nx);
        ly = Math.min(lanes(ny), nxh);
        lz = Math.min(lanes(nz), nxh);
        int size = Math.max(nx * lx, Math.max(ny * ly, nz * lz));
        int t = parallel.threads();
        bre = new float[t][size];
        bim = new float[t][size];
        wre = new float[t][size];
        wim = new float[t][size];
        streams = new float[t][][];
        for (int i = 0; i < t; i++) streams[i] = LineFft.streams(size);
    }

    /** Lines per block for a length: a multiple of 16 (a SIMD register or two), fewer for long lines. */
    static int lanes(int n) {
        int l = BLOCK_FLOATS / Math.max(1, n) / 16 * 16;
        return Math.max(MIN_LANES, Math.min(MAX_LANES, l));
    }

    /**
     * Whether this transform is fast for {@code shape}: the generic pass of a prime factor p costs
     * O(p) per value, so sizes with a large prime factor are left to the reference transform
     * (JTransforms uses Bluestein's algorithm there).
     */
    static boolean suits(Shape shape) {
        return LineFft.largestPrimeFactor(shape.nx()) <= 13 && LineFft.largestPrimeFactor(shape.ny()) <= 13
                && LineFft.largestPrimeFactor(shape.nz()) <= 13;
    }

    @Override
    public Shape shape() { return shape; }

    @Override
    public void forward(float[] in, float[] out, Shape nonZero) {
        int wy = Math.min(ny, nonZero.ny()), wz = Math.min(nz, nonZero.nz());
        xForward(in, out, wy, wz);
        if (ny > 1) columns(out, fy, ly, wz, plane, row, wy, ny, true, null, false);
        if (nz > 1) columns(out, fz, lz, ny, row, plane, wz, nz, true, null, false);
    }

    @Override
    public void inverse(float[] in, float[] out, Shape needed) {
        int wy = Math.min(ny, needed.ny()), wz = Math.min(nz, needed.nz());
        if (nz > 1) columns(in, fz, lz, ny, row, plane, nz, wz, false, null, false);
        if (ny > 1) columns(in, fy, ly, wz, plane, row, ny, wy, false, null, false);
        xInverse(in, out, wy, wz);
    }

    /**
     * {@code out = inverse(forward(in) * otf)} (or {@code conj(otf)}), the product taken inside
     * the z pass. {@code spectrum} is scratch; {@code in} and {@code out} may be the same array.
     */
    void convolve(float[] in, Shape nonZero, float[] otf, boolean conjugate, float[] spectrum, float[] out,
                  Shape needed) {
        int iy = Math.min(ny, nonZero.ny()), iz = Math.min(nz, nonZero.nz());
        int oy = Math.min(ny, needed.ny()), oz = Math.min(nz, needed.nz());
        xForward(in, spectrum, iy, iz);
        if (ny > 1) columns(spectrum, fy, ly, iz, plane, row, iy, ny, true, null, false);
        if (nz > 1) {
            columns(spectrum, fz, lz, ny, row, plane, iz, oz, true, otf, conjugate);
        } else {
            multiply(parallel, spectrum, otf, conjugate);
        }
        if (ny > 1) columns(spectrum, fy, ly, oz, plane, row, ny, oy, false, null, false);
        xInverse(spectrum, out, oy, oz);
    }

    /** {@code a *= h} (or {@code conj(h)}) element by element, interleaved complex arrays. */
    static void multiply(Parallel parallel, final float[] a, final float[] h, final boolean conjugate) {
        parallel.forRange(a.length / 2, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float sign = conjugate ? -1f : 1f;
                for (int k = from; k < to; k++) {
                    int i = 2 * k;
                    float ar = a[i], ai = a[i + 1];
                    float hr = h[i], hi = sign * h[i + 1];
                    a[i] = ar * hr - ai * hi;
                    a[i + 1] = ar * hi + ai * hr;
                }
            }
        });
    }

    /** Index (y + ny z) of the {@code d}-th line of the window {@code [0, wy) x [0, wz)}. */
    private int line(int d, int wy) {
        return d % wy + ny * (d / wy);
    }

    /**
     * x transforms of the lines of the window {@code wy x wz} (the others are zero and their
     * spectrum rows are left unwritten: the column passes treat them as zero). A group of up to
     * {@code 2 lx} lines: line {@code d0 + b} is the real part of lane b, line
     * {@code d0 + lanes + b} its imaginary part; the half spectra then follow from
     * A_k = (Z_k + conj Z_{n−k}) / 2 and B_k = (Z_k − conj Z_{n−k}) / 2i.
     */
    private void xForward(final float[] in, final float[] out, final int wy, final int wz) {
        final int lines = wy * wz, group = 2 * lx;
        parallel.forRange((lines + group - 1) / group, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] re = bre[w], im = bim[w];
                for (int g = from; g < to; g++) {
                    int d0 = g * group, count = Math.min(group, lines - d0);
                    int lanes = (count + 1) / 2, second = count - lanes;
                    for (int b = 0; b < lanes; b++) {
                        int src = nx * line(d0 + b, wy);
                        for (int x = 0; x < nx; x++) re[x * lanes + b] = in[src + x];
                    }
                    for (int b = 0; b < second; b++) {
                        int src = nx * line(d0 + lanes + b, wy);
                        for (int x = 0; x < nx; x++) im[x * lanes + b] = in[src + x];
                    }
                    if (second < lanes) { // odd count: the last lane has no partner line
                        for (int x = 0; x < nx; x++) im[x * lanes + lanes - 1] = 0f;
                    }
                    fx.forward(re, im, wre[w], wim[w], lanes, streams[w]);
                    for (int b = 0; b < lanes; b++) {
                        int oa = row * line(d0 + b, wy);
                        for (int k = 0; k < nxh; k++) {
                            int zk = k * lanes + b, zm = (k == 0 ? 0 : nx - k) * lanes + b;
                            out[oa + 2 * k] = 0.5f * (re[zk] + re[zm]);
                            out[oa + 2 * k + 1] = 0.5f * (im[zk] - im[zm]);
                        }
                    }
                    for (int b = 0; b < second; b++) {
                        int ob = row * line(d0 + lanes + b, wy);
                        for (int k = 0; k < nxh; k++) {
                            int zk = k * lanes + b, zm = (k == 0 ? 0 : nx - k) * lanes + b;
                            out[ob + 2 * k] = 0.5f * (im[zk] + im[zm]);
                            out[ob + 2 * k + 1] = 0.5f * (re[zm] - re[zk]);
                        }
                    }
                }
            }
        });
    }

    /**
     * Inverse x transforms of the lines of the window, scaled by 1/N: two half spectra A, B make
     * Z_k = A_k + i B_k (with A_{n−k} = conj A_k and likewise B for the upper half), whose
     * inverse has line A in its real and line B in its imaginary part.
     */
    private void xInverse(final float[] in, final float[] out, final int wy, final int wz) {
        final int lines = wy * wz, group = 2 * lx;
        final float scale = (float) (1.0 / ((double) nx * ny * nz));
        parallel.forRange((lines + group - 1) / group, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] re = bre[w], im = bim[w];
                for (int g = from; g < to; g++) {
                    int d0 = g * group, count = Math.min(group, lines - d0);
                    int lanes = (count + 1) / 2, second = count - lanes;
                    for (int b = 0; b < lanes; b++) {
                        int oa = row * line(d0 + b, wy);
                        int ob = b < second ? row * line(d0 + lanes + b, wy) : -1;
                        for (int k = 0; k < nxh; k++) {
                            float ar = in[oa + 2 * k], ai = in[oa + 2 * k + 1];
                            float br = ob < 0 ? 0f : in[ob + 2 * k], bi = ob < 0 ? 0f : in[ob + 2 * k + 1];
                            re[k * lanes + b] = ar - bi;
                            im[k * lanes + b] = ai + br;
                            int m = nx - k;
                            if (k > 0 && m >= nxh) {
                                re[m * lanes + b] = ar + bi;
                                im[m * lanes + b] = br - ai;
                            }
                        }
                    }
                    fx.inverse(re, im, wre[w], wim[w], lanes, streams[w]);
                    for (int b = 0; b < lanes; b++) {
                        int dst = nx * line(d0 + b, wy);
                        for (int x = 0; x < nx; x++) out[dst + x] = re[x * lanes + b] * scale;
                    }
                    for (int b = 0; b < second; b++) {
                        int dst = nx * line(d0 + lanes + b, wy);
                        for (int x = 0; x < nx; x++) out[dst + x] = im[x * lanes + b] * scale;
                    }
                }
            }
        });
    }

    /**
     * Transforms along y or z, in place, for every kx column of {@code outerCount} slices (planes
     * for y, ky rows for z) {@code outerStride} floats apart, points {@code stride} floats apart.
     * Points from {@code inCount} on are taken as zero without being read; only the first
     * {@code outCount} points are written back. With {@code otf}, the block is multiplied by the
     * OTF and transformed back (inverse) before it is written: the fused convolution.
     */
    private void columns(final float[] data, final LineFft f, final int lanesMax, int outerCount,
                         final int outerStride, final int stride, final int inCount, final int outCount,
                         final boolean forward, final float[] otf, final boolean conjugate) {
        final int n = f.length();
        final int blocks = (nxh + lanesMax - 1) / lanesMax;
        parallel.forRange(outerCount * blocks, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] re = bre[w], im = bim[w], sr = wre[w], si = wim[w];
                for (int task = from; task < to; task++) {
                    int outer = task / blocks;
                    int k0 = (task % blocks) * lanesMax;
                    int bw = Math.min(lanesMax, nxh - k0);
                    int base = outer * outerStride + 2 * k0;
                    for (int j = 0; j < inCount; j++) {
                        int p = base + j * stride, q = j * bw;
                        for (int b = 0; b < bw; b++) {
                            re[q + b] = data[p + 2 * b];
                            im[q + b] = data[p + 2 * b + 1];
                        }
                    }
                    Arrays.fill(re, inCount * bw, n * bw, 0f);
                    Arrays.fill(im, inCount * bw, n * bw, 0f);
                    float[][] st = streams[w];
                    if (forward) f.forward(re, im, sr, si, bw, st);
                    else f.inverse(re, im, sr, si, bw, st);
                    if (otf != null) {
                        float sign = conjugate ? -1f : 1f;
                        for (int j = 0; j < n; j++) {
                            int p = base + j * stride, q = j * bw;
                            for (int b = 0; b < bw; b++) {
                                float ar = re[q + b], ai = im[q + b];
                                float hr = otf[p + 2 * b], hi = sign * otf[p + 2 * b + 1];
                                re[q + b] = ar * hr - ai * hi;
                                im[q + b] = ar * hi + ai * hr;
                            }
                        }
                        f.inverse(re, im, sr, si, bw, st);
                    }
                    for (int j = 0; j < outCount; j++) {
                        int p = base + j * stride, q = j * bw;
                        for (int b = 0; b < bw; b++) {
                            data[p + 2 * b] = re[q + b];
                            data[p + 2 * b + 1] = im[q + b];
                        }
                    }
                }
            }
        });
    }
}
