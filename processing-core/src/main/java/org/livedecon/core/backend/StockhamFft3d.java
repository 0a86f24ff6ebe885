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
 * <p>The x and y passes run plane by plane ({@link #forwardPlane}, {@link #inversePlane}: the 2D
 * building blocks), so the y pass reads a plane from cache rather than from main memory.
 *
 * <p>Spectrum layout as {@link Fft3d}. Each worker thread has its own scratch.
 */
final class StockhamFft3d implements Fft3d {
    /**
     * Most floats per block row set: 128 Ki (512 KiB for the real rows, as much for the
     * imaginary ones), so that a block stays within a core's L2 cache (1 MiB on the EPYC it was
     * measured on) even for long lines. The block is the transform's only scratch.
     */
    private static final int BLOCK_FLOATS = 131072;
    /**
     * Up to 256 lanes: with rows (see {@link LineFft}) every butterfly loop runs over one row, so
     * wider rows amortise each loop's set-up. Convolution pair on 96x320x320, 2 threads, same
     * machine and run: 103-115 ms with 256 lanes, 127-139 with 128, 145-179 with 64. At least 128
     * even when a block then outgrows L2: on a 72x2160x1152 grid (lines of 2160 along y) 1.93-2.11 s
     * per pair against 2.44-2.70 s with the 48 lanes that fit L2.
     */
    private static final int MIN_LANES = 128, MAX_LANES = 256;

    private final Shape shape;
    private final int nx, ny, nz, nxh, row, plane;
    private final LineFft fx, fy, fz;
    private final int lx, ly, lz;
    private final Parallel parallel;
    /** Per thread: the rows of a block (see {@link LineFft}), {@code max(nx, ny, nz)} of the longest lanes. */
    private final float[][][] bre, bim;
    private final LineFft.Work[] work;
    /** Per thread: one OTF row of the fused convolution, or one spectrum row being re-laid out, real and imaginary parts. */
    private final float[][] otfRe, otfIm;
    /** Per thread: four tiles of {@code TILE} rows of {@code MAX_LANES} floats, the x pass's transposes. */
    private final float[][][][] tiles;
    /** kx values per transposed tile: 16 floats, one 64-byte cache line of a row. */
    private static final int TILE = 16;
    /** Per thread: one plane of the spectrum, between the x and the y pass of a 2D transform. */
    private final float[][] planeScratch;

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
        lx = balanced((ny + 1) / 2, lanes(nx));
        ly = balanced(nxh, lanes(ny));
        lz = balanced(nxh, lanes(nz));
        int count = Math.max(nx, Math.max(ny, nz));
        int width = Math.max(lx, Math.max(ly, lz));
        int t = parallel.threads();
        bre = new float[t][count][width];
        bim = new float[t][count][width];
        work = new LineFft.Work[t];
        for (int i = 0; i < t; i++) work[i] = new LineFft.Work();
        otfRe = new float[t][Math.max(width, nxh)];
        otfIm = new float[t][Math.max(width, nxh)];
        planeScratch = new float[t][ny > 1 ? plane : 0];
        tiles = new float[t][4][TILE][MAX_LANES];
    }

    /** Lines per block for a length: a multiple of 16 (a SIMD register or two), fewer for long lines. */
    static int lanes(int n) {
        int l = BLOCK_FLOATS / Math.max(1, n) / 16 * 16;
        return Math.max(MIN_LANES, Math.min(MAX_LANES, l));
    }

    /**
     * Lanes per block for {@code total} lanes in blocks of at most {@code max}: the blocks as
     * even as a multiple of 16 allows (161 columns in blocks of at most 160 would leave a block
     * of one, whose loops run scalar).
     */
    static int balanced(int total, int max) {
        int blocks = (Math.max(1, total) + max - 1) / max;
        int even = (Math.max(1, total) + blocks - 1) / blocks;
        return Math.min(max, (even + 15) / 16 * 16);
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

    // forward and inverse run the split-row passes of the convolution (contiguous copies, the
    // code the iterations keep compiled) and convert the layout once at the end or the start:
    // an OTF of a 96x320x320 grid took 140-290 ms through the interleaved passes, whose every
    // copy is a scalar stride-2 loop.

    @Override
    public void forward(float[] in, float[] out, Shape nonZero) {
        int wy = Math.min(ny, nonZero.ny()), wz = Math.min(nz, nonZero.nz());
        planes(in, out, wy, wz, true, true);
        if (nz > 1) zColumns(out, wz, nz, true, null, false, true);
        interleaveRows(out, nz > 1 ? nz : wz, true);
    }

    @Override
    public void inverse(float[] in, float[] out, Shape needed) {
        int wy = Math.min(ny, needed.ny()), wz = Math.min(nz, needed.nz());
        interleaveRows(in, nz, false);
        if (nz > 1) zColumns(in, nz, wz, false, null, false, true);
        planes(in, out, wy, wz, false, true);
    }

    /**
     * Rows of planes {@code [0, planes)} from split (the real parts of kx = 0..nx/2, then the
     * imaginary parts) to interleaved ({@code toInterleaved}), or back, in place.
     */
    private void interleaveRows(final float[] data, int planes, final boolean toInterleaved) {
        parallel.forRange(planes * ny, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] re = otfRe[w], im = otfIm[w];
                for (int r = from; r < to; r++) {
                    int o = r * row;
                    if (toInterleaved) {
                        System.arraycopy(data, o, re, 0, nxh);
                        System.arraycopy(data, o + nxh, im, 0, nxh);
                        for (int k = 0; k < nxh; k++) {
                            data[o + 2 * k] = re[k];
                            data[o + 2 * k + 1] = im[k];
                        }
                    } else {
                        for (int k = 0; k < nxh; k++) {
                            re[k] = data[o + 2 * k];
                            im[k] = data[o + 2 * k + 1];
                        }
                        System.arraycopy(re, 0, data, o, nxh);
                        System.arraycopy(im, 0, data, o + nxh, nxh);
                    }
                }
            }
        });
    }

    /**
     * {@code out = inverse(forward(in) * otf)} (or {@code conj(otf)}), the product taken inside
     * the z pass. {@code spectrum} is scratch; {@code in} and {@code out} may be the same array.
     */
    void convolve(float[] in, Shape nonZero, float[] otf, boolean conjugate, float[] spectrum, float[] out,
                  Shape needed) {
        int iy = Math.min(ny, nonZero.ny()), iz = Math.min(nz, nonZero.nz());
        int oy = Math.min(ny, needed.ny()), oz = Math.min(nz, needed.nz());
        if (nz == 1) {
            planes(in, spectrum, iy, iz, true, false);
            multiply(parallel, spectrum, otf, conjugate);
            planes(spectrum, out, oy, oz, false, false);
            return;
        }
        // the spectrum between the passes is scratch: kept in the split layout (see SPLIT)
        planes(in, spectrum, iy, iz, true, true);
        zColumns(spectrum, iz, oz, true, otf, conjugate, true);
        planes(spectrum, out, oy, oz, false, true);
    }

    /**
     * The 2D (x, y) transforms of planes {@code [0, wz)}, each plane start to end on one thread so
     * that its y pass finds the plane the x pass has just written still in cache.
     */
    private void planes(final float[] in, final float[] out, final int wy, int wz, final boolean forward,
                        final boolean split) {
        parallel.forRange(wz, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int z = from; z < to; z++) {
                    if (forward) forwardPlane(in, nx * ny * z, out, plane * z, wy, w, split);
                    else inversePlane(in, plane * z, out, nx * ny * z, wy, w, split);
                }
            }
        });
    }

    /**
     * 2D forward transform of one plane: real lines {@code [0, wy)} at {@code in[inOffset + nx y]}
     * (the others zero, never read) to the half spectrum at {@code out[outOffset]}, row {@code ky}
     * at {@code 2 (nx/2+1) ky}. Thread {@code w}'s scratch.
     */
    void forwardPlane(float[] in, int inOffset, float[] out, int outOffset, int wy, int w) {
        forwardPlane(in, inOffset, out, outOffset, wy, w, false);
    }

    private void forwardPlane(float[] in, int inOffset, float[] out, int outOffset, int wy, int w, boolean split) {
        if (ny == 1) {
            for (int y0 = 0; y0 < wy; y0 += 2 * lx) {
                xForwardGroup(in, inOffset + nx * y0, out, outOffset + row * y0, Math.min(2 * lx, wy - y0), w, split);
            }
            return;
        }
        // the x pass scatters its rows into the thread's plane, which stays in cache; the y pass
        // then reads it from there and writes the volume with contiguous copies (scattered writes
        // straight into the volume missed the cache once per float)
        float[] p = planeScratch[w];
        for (int y0 = 0; y0 < wy; y0 += 2 * lx) {
            xForwardGroup(in, inOffset + nx * y0, p, row * y0, Math.min(2 * lx, wy - y0), w, split);
        }
        for (int k0 = 0; k0 < nxh; k0 += ly) {
            int c = split ? k0 : 2 * k0;
            columnBlock(p, c, out, outOffset + c, fy, row, Math.min(ly, nxh - k0), wy, ny, true, null, 0, false, w,
                    split);
        }
    }

    /**
     * 2D inverse transform of one plane (destroying {@code in}), scaled by 1/N of the whole volume;
     * only lines {@code [0, wy)} are written.
     */
    void inversePlane(float[] in, int inOffset, float[] out, int outOffset, int wy, int w) {
        inversePlane(in, inOffset, out, outOffset, wy, w, false);
    }

    private void inversePlane(float[] in, int inOffset, float[] out, int outOffset, int wy, int w, boolean split) {
        float[] src = in;
        int base = inOffset;
        if (ny > 1) {
            // y pass into the thread's plane, which the x pass then reads from cache (see forwardPlane)
            src = planeScratch[w];
            base = 0;
            for (int k0 = 0; k0 < nxh; k0 += ly) {
                int c = split ? k0 : 2 * k0;
                columnBlock(in, inOffset + c, src, c, fy, row, Math.min(ly, nxh - k0), ny, wy, false, null, 0, false, w,
                        split);
            }
        }
        for (int y0 = 0; y0 < wy; y0 += 2 * lx) {
            xInverseGroup(src, base + row * y0, out, outOffset + nx * y0, Math.min(2 * lx, wy - y0), w, split);
        }
    }

    /**
     * {@link #forwardPlane} of a whole plane ({@code wy = ny}) with its x groups and then its y
     * column blocks spread over the threads: one plane as soon as the pool allows, for a plane
     * that someone waits for (the last plane of a streamed stack).
     */
    void forwardPlaneParallel(final float[] in, final int inOffset, final float[] out, final int outOffset) {
        // blocks narrow enough that every thread gets one: a whole plane may fit one block
        int t = parallel.threads();
        final int gx = Math.min(lx, Math.max(1, (ny + 2 * t - 1) / (2 * t)));
        final int gy = Math.min(ly, Math.max(1, (nxh + t - 1) / t));
        parallel.forRange((ny + 2 * gx - 1) / (2 * gx), new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int g = from; g < to; g++) {
                    int y0 = g * 2 * gx;
                    xForwardGroup(in, inOffset + nx * y0, out, outOffset + row * y0, Math.min(2 * gx, ny - y0), w, false);
                }
            }
        });
        if (ny == 1) return;
        parallel.forRange((nxh + gy - 1) / gy, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int b = from; b < to; b++) {
                    int k0 = b * gy;
                    columnBlock(out, outOffset + 2 * k0, out, outOffset + 2 * k0, fy, row, Math.min(gy, nxh - k0), ny, ny,
                            true, null, 0, false, w, false);
                }
            }
        });
    }

    /**
     * Inverse transforms along z only of a whole spectrum, in place, scaled by {@code 1/nz}: the
     * 3D spectrum turned into the 2D spectra of its planes.
     */
    void inverseAlongZ(final float[] spectrum) {
        if (nz == 1) return;
        zColumns(spectrum, nz, nz, false, null, false, false);
        final float scale = 1f / nz;
        parallel.forRange(nz, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int i = from * plane; i < to * plane; i++) spectrum[i] *= scale;
            }
        });
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

    /**
     * x transforms of {@code count <= 2 lx} consecutive real lines from {@code in[src]} to rows
     * from {@code out[dst]}: line b is the real part of lane b, line {@code lanes + b} its
     * imaginary part; the half spectra follow from A_k = (Z_k + conj Z_{n−k}) / 2 and
     * B_k = (Z_k − conj Z_{n−k}) / 2i.
     */
    private void xForwardGroup(float[] in, int src, float[] out, int dst, int count, int w, boolean split) {
        float[][] re = bre[w], im = bim[w];
        int lanes = (count + 1) / 2, second = count - lanes;
        transposeIn(in, src, re, lanes);
        transposeIn(in, src + nx * lanes, im, second);
        if (second < lanes) { // odd count: the last lane has no partner line
            for (int x = 0; x < nx; x++) im[x][lanes - 1] = 0f;
        }
        fx.forward(re, im, lanes, work[w]);
        if (split) {
            splitHalfSpectra(re, im, out, dst, lanes, second, w);
            return;
        }
        for (int b = 0; b < lanes; b++) {
            int oa = dst + row * b;
            for (int k = 0; k < nxh; k++) {
                int mk = k == 0 ? 0 : nx - k;
                out[oa + 2 * k] = 0.5f * (re[k][b] + re[mk][b]);
                out[oa + 2 * k + 1] = 0.5f * (im[k][b] - im[mk][b]);
            }
        }
        for (int b = 0; b < second; b++) {
            int ob = dst + row * (lanes + b);
            for (int k = 0; k < nxh; k++) {
                int mk = k == 0 ? 0 : nx - k;
                out[ob + 2 * k] = 0.5f * (im[k][b] + im[mk][b]);
                out[ob + 2 * k + 1] = 0.5f * (re[mk][b] - re[k][b]);
            }
        }
    }

    /**
     * Lines {@code [0, count)} of length nx from {@code in[src]} into lane b of rows 0..nx−1
     * (see {@link #gather}).
     */
    private void transposeIn(float[] in, int src, float[][] rows, int count) {
        gather(in, src, nx, rows, nx, count);
    }

    /** Lane b of rows 0..nx−1, times {@code scale}, to lines {@code [0, count)} from {@code out[dst]}. */
    private void transposeOut(float[][] rows, float[] out, int dst, int count, float scale) {
        scatter(rows, nx, out, dst, nx, count, scale);
    }

    /**
     * {@code rows[x][b] = in[src + stride b + x]} for x in {@code [0, len)}, b in {@code [0, count)}:
     * a transpose, in groups of eight rows whose references stay in registers, so that each
     * line is read eight values at a time and the inner loop has no reference loads.
     */
    static void gather(float[] in, int src, int stride, float[][] rows, int len, int count) {
        int x = 0;
        for (; x + 8 <= len; x += 8) {
            float[] r0 = rows[x], r1 = rows[x + 1], r2 = rows[x + 2], r3 = rows[x + 3];
            float[] r4 = rows[x + 4], r5 = rows[x + 5], r6 = rows[x + 6], r7 = rows[x + 7];
            for (int b = 0, s = src + x; b < count; b++, s += stride) {
                r0[b] = in[s];
                r1[b] = in[s + 1];
                r2[b] = in[s + 2];
                r3[b] = in[s + 3];
                r4[b] = in[s + 4];
                r5[b] = in[s + 5];
                r6[b] = in[s + 6];
                r7[b] = in[s + 7];
            }
        }
        for (; x < len; x++) {
            float[] r = rows[x];
            for (int b = 0, s = src + x; b < count; b++, s += stride) r[b] = in[s];
        }
    }

    /** {@code out[dst + stride b + x] = rows[x][b] * scale}: the transpose of {@link #gather}. */
    static void scatter(float[][] rows, int len, float[] out, int dst, int stride, int count, float scale) {
        int x = 0;
        for (; x + 8 <= len; x += 8) {
            float[] r0 = rows[x], r1 = rows[x + 1], r2 = rows[x + 2], r3 = rows[x + 3];
            float[] r4 = rows[x + 4], r5 = rows[x + 5], r6 = rows[x + 6], r7 = rows[x + 7];
            for (int b = 0, d = dst + x; b < count; b++, d += stride) {
                out[d] = r0[b] * scale;
                out[d + 1] = r1[b] * scale;
                out[d + 2] = r2[b] * scale;
                out[d + 3] = r3[b] * scale;
                out[d + 4] = r4[b] * scale;
                out[d + 5] = r5[b] * scale;
                out[d + 6] = r6[b] * scale;
                out[d + 7] = r7[b] * scale;
            }
        }
        for (; x < len; x++) {
            float[] r = rows[x];
            for (int b = 0, d = dst + x; b < count; b++, d += stride) out[d] = r[b] * scale;
        }
    }

    /**
     * Inverse x transforms of {@code count} consecutive rows from {@code in[src]} to real lines
     * from {@code out[dst]}, scaled by 1/N: two half spectra A, B make Z_k = A_k + i B_k (with
     * A_{n−k} = conj A_k and likewise B for the upper half), whose inverse has line A in its real
     * and line B in its imaginary part.
     */
    private void xInverseGroup(float[] in, int src, float[] out, int dst, int count, int w, boolean split) {
        float[][] re = bre[w], im = bim[w];
        float scale = (float) (1.0 / ((double) nx * ny * nz));
        int lanes = (count + 1) / 2, second = count - lanes;
        if (split) joinHalfSpectra(in, src, re, im, lanes, second, w);
        else for (int b = 0; b < lanes; b++) {
            int oa = src + row * b;
            int ob = b < second ? src + row * (lanes + b) : -1;
            for (int k = 0; k < nxh; k++) {
                float ar = in[oa + 2 * k], ai = in[oa + 2 * k + 1];
                float br = ob < 0 ? 0f : in[ob + 2 * k], bi = ob < 0 ? 0f : in[ob + 2 * k + 1];
                re[k][b] = ar - bi;
                im[k][b] = ai + br;
                int m = nx - k;
                if (k > 0 && m >= nxh) {
                    re[m][b] = ar + bi;
                    im[m][b] = br - ai;
                }
            }
        }
        fx.inverse(re, im, lanes, work[w]);
        transposeOut(re, out, dst, lanes, scale);
        transposeOut(im, out, dst + nx * lanes, second, scale);
    }

    /**
     * Transforms along z, in place, for every kx column of every ky row, in blocks of
     * {@code lz} columns spread over the threads. Planes from {@code inCount} on are taken as
     * zero, only planes {@code [0, outCount)} are written; with {@code otf}, the fused convolution.
     */
    private void zColumns(final float[] data, final int inCount, final int outCount, final boolean forward,
                          final float[] otf, final boolean conjugate, final boolean split) {
        final int blocks = (nxh + lz - 1) / lz;
        parallel.forRange(ny * blocks, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int task = from; task < to; task++) {
                    int k0 = (task % blocks) * lz;
                    int rowStart = (task / blocks) * row;
                    int base = rowStart + (split ? k0 : 2 * k0);
                    columnBlock(data, base, data, base, fz, plane, Math.min(lz, nxh - k0), inCount, outCount, forward,
                            otf, rowStart + 2 * k0, conjugate, w, split);
                }
            }
        });
    }

    /**
     * Transforms of {@code bw} neighbouring complex columns, point j of column b at
     * {@code data[base + j * stride + 2 b]} (interleaved) or at {@code data[base + j * stride + b]} with
     * its imaginary part {@code nx/2+1} floats later ({@code split}), written to {@code dst} from
     * {@code dstBase} in the same layout (in place when that is {@code data, base}), with thread
     * {@code w}'s scratch. Points from {@code inCount} on are taken as zero without being read; only the first
     * {@code outCount} points are written back. With {@code otf} (interleaved, point j of column b at
     * {@code otf[otfBase + j * stride + 2 b]}), the block is multiplied by the OTF and transformed back
     * (inverse) before it is written: the fused convolution.
     *
     * <p>Split rows are copied in and out with {@code System.arraycopy}; interleaved ones need a
     * scalar loop (C2 does not vectorize a stride-2 access), which took a quarter of a convolution.
     */
    private void columnBlock(float[] data, int base, float[] dst, int dstBase, LineFft f, int stride, int bw,
                             int inCount, int outCount, boolean forward, float[] otf, int otfBase, boolean conjugate,
                             int w, boolean split) {
        int n = f.length();
        float[][] re = bre[w], im = bim[w];
        LineFft.Work wk = work[w];
        if (split) {
            for (int j = 0; j < inCount; j++) {
                int p = base + j * stride;
                System.arraycopy(data, p, re[j], 0, bw);
                System.arraycopy(data, p + nxh, im[j], 0, bw);
            }
        } else {
            for (int j = 0; j < inCount; j++) {
                int p = base + j * stride;
                float[] r = re[j], i = im[j];
                for (int b = 0; b < bw; b++) {
                    r[b] = data[p + 2 * b];
                    i[b] = data[p + 2 * b + 1];
                }
            }
        }
        for (int j = inCount; j < n; j++) {
            Arrays.fill(re[j], 0, bw, 0f);
            Arrays.fill(im[j], 0, bw, 0f);
        }
        if (forward) f.forward(re, im, bw, wk);
        else f.inverse(re, im, bw, wk);
        if (otf != null) {
            // each OTF row de-interleaved into the scratch row, then a product loop over the row,
            // whose accesses share one offset (so that C2 vectorizes it)
            float sign = conjugate ? -1f : 1f;
            float[] hr = otfRe[w], hi = otfIm[w];
            for (int j = 0; j < n; j++) {
                int p = otfBase + j * stride;
                for (int b = 0; b < bw; b++) {
                    hr[b] = otf[p + 2 * b];
                    hi[b] = sign * otf[p + 2 * b + 1];
                }
                float[] r = re[j], i = im[j];
                for (int b = 0; b < bw; b++) {
                    float ar = r[b], ai = i[b], cr = hr[b], ci = hi[b];
                    r[b] = ar * cr - ai * ci;
                    i[b] = ar * ci + ai * cr;
                }
            }
            f.inverse(re, im, bw, wk);
        }
        if (split) {
            for (int j = 0; j < outCount; j++) {
                int p = dstBase + j * stride;
                System.arraycopy(re[j], 0, dst, p, bw);
                System.arraycopy(im[j], 0, dst, p + nxh, bw);
            }
        } else {
            for (int j = 0; j < outCount; j++) {
                int p = dstBase + j * stride;
                float[] r = re[j], i = im[j];
                for (int b = 0; b < bw; b++) {
                    dst[p + 2 * b] = r[b];
                    dst[p + 2 * b + 1] = i[b];
                }
            }
        }
    }

    /**
     * The half spectra of the {@code lanes + second} real lines of an x group from their pairwise
     * transform Z (lanes layout in {@code re, im}), written as split rows from {@code out[dst]}:
     * row {@code r} holds the real parts of kx = 0..nx/2 and then the imaginary parts. For each kx
     * the rows k and n − k of Z are copied out and combined in loops over the lanes that C2
     * vectorizes; only the final scatter into the rows is scalar.
     */
    private void splitHalfSpectra(float[][] re, float[][] im, float[] out, int dst, int lanes, int second, int w) {
        float[][] tar = tiles[w][0], tai = tiles[w][1], tbr = tiles[w][2], tbi = tiles[w][3];
        for (int k0 = 0; k0 < nxh; k0 += TILE) {
            int kc = Math.min(TILE, nxh - k0);
            for (int kk = 0; kk < kc; kk++) {
                int k = k0 + kk, m = k == 0 ? 0 : nx - k;
                float[] zr = re[k], zi = im[k], mr = re[m], mi = im[m];
                float[] ar = tar[kk], ai = tai[kk], br = tbr[kk], bi = tbi[kk];
                for (int b = 0; b < lanes; b++) {
                    float a = zr[b], c = zi[b], e = mr[b], g = mi[b];
                    ar[b] = 0.5f * (a + e);
                    ai[b] = 0.5f * (c - g);
                    br[b] = 0.5f * (c + g);
                    bi[b] = 0.5f * (e - a);
                }
            }
            // a tile of TILE values per row: each row gets whole cache lines, in order
            scatter(tar, kc, out, dst + k0, row, lanes, 1f);
            scatter(tai, kc, out, dst + k0 + nxh, row, lanes, 1f);
            scatter(tbr, kc, out, dst + row * lanes + k0, row, second, 1f);
            scatter(tbi, kc, out, dst + row * lanes + k0 + nxh, row, second, 1f);
        }
    }

    /**
     * The inverse of {@link #splitHalfSpectra}: Z (lanes layout in {@code re, im}) from the split
     * rows of the group's half spectra A (lines 0..lanes) and B (the {@code second} lines after):
     * Z_k = A_k + i B_k, and Z_{n−k} = conj(A_k) + i conj(B_k) for the upper half.
     */
    private void joinHalfSpectra(float[] in, int src, float[][] re, float[][] im, int lanes, int second, int w) {
        float[][] tar = tiles[w][0], tai = tiles[w][1], tbr = tiles[w][2], tbi = tiles[w][3];
        for (int k0 = 0; k0 < nxh; k0 += TILE) {
            int kc = Math.min(TILE, nxh - k0);
            gather(in, src + k0, row, tar, kc, lanes);
            gather(in, src + k0 + nxh, row, tai, kc, lanes);
            gather(in, src + row * lanes + k0, row, tbr, kc, second);
            gather(in, src + row * lanes + k0 + nxh, row, tbi, kc, second);
            for (int kk = 0; kk < kc; kk++) {
                float[] ar = tar[kk], ai = tai[kk], br = tbr[kk], bi = tbi[kk];
                for (int b = second; b < lanes; b++) {
                    br[b] = 0f;
                    bi[b] = 0f;
                }
                int k = k0 + kk;
                float[] zr = re[k], zi = im[k];
                for (int b = 0; b < lanes; b++) {
                    zr[b] = ar[b] - bi[b];
                    zi[b] = ai[b] + br[b];
                }
                int m = nx - k;
                if (k > 0 && m >= nxh) {
                    float[] yr = re[m], yi = im[m];
                    for (int b = 0; b < lanes; b++) {
                        yr[b] = ar[b] + bi[b];
                        yi[b] = br[b] - ai[b];
                    }
                }
            }
        }
    }

}
