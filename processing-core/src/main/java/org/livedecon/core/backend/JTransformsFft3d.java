package org.livedecon.core.backend;

import org.jtransforms.fft.FloatFFT_1D;
import org.livedecon.core.volume.Shape;

/**
 * 3D real-to-complex FFT of one shape, composed of JTransforms 1D complex transforms along x
 * (two real lines packed as one complex line), then y and z. JTransforms' own 3D real transform only takes powers of two; composing
 * 1D transforms takes any size, and 2,3,5,7-smooth sizes stay fast.
 *
 * <p>Spectrum layout: complex value (kx, ky, kz), {@code 0 <= kx <= nx/2}, at float index
 * {@code 2 * (kx + (nx/2+1) * (ky + ny * kz))}, real part first.
 *
 * <p>Lines along y and z are strided in memory; they are gathered in blocks of {@link #BLOCK}
 * neighbouring kx columns so every cache line fetched is used. Each worker thread has its own
 * plans and scratch (JTransforms plans are not documented as thread-safe).
 *
 * <p>Kept as the plain, independent reference for {@link StockhamFft3d} (tests compare the two)
 * and selectable with {@link CpuFft#JTRANSFORMS}, so that {@code bench} can time both in one run.
 */
final class JTransformsFft3d implements Fft3d {
    // 32 complex values = 256 bytes per row: measured ~20 % faster than 16 on 96x320x320
    private static final int BLOCK = 32;

    private final Shape shape;
    private final int nx, ny, nz, nxh, row;
    private final Parallel parallel;
    private final FloatFFT_1D[] planX, planY, planZ;
    private final float[][] scratch;

    JTransformsFft3d(Shape shape, Parallel parallel) {
        this.shape = shape;
        this.nx = shape.nx();
        this.ny = shape.ny();
        this.nz = shape.nz();
        this.nxh = nx / 2 + 1;
        this.row = 2 * nxh;
        this.parallel = parallel;
        int t = parallel.threads();
        planX = new FloatFFT_1D[t];
        planY = new FloatFFT_1D[t];
        planZ = new FloatFFT_1D[t];
        scratch = new float[t][];
        int scratchLen = Math.max(2 * nx, 2 * BLOCK * Math.max(ny, nz));
        for (int i = 0; i < t; i++) {
            planX[i] = nx > 1 ? new FloatFFT_1D(nx) : null;
            planY[i] = ny > 1 ? new FloatFFT_1D(ny) : null;
            planZ[i] = nz > 1 ? new FloatFFT_1D(nz) : null;
            scratch[i] = new float[scratchLen];
        }
    }

    @Override
    public Shape shape() { return shape; }

    /** Forward transform; {@code in} is read only, and assumed zero outside {@code nonZero}. */
    @Override
    public void forward(final float[] in, final float[] out, Shape nonZero) {
        final int wy = Math.min(ny, nonZero.ny());
        final int wz = Math.min(nz, nonZero.nz());
        // x: real lines, two at a time as one complex line (JTransforms' real transform of
        // a mixed-radix length is slower than a complex one of the same length); only lines
        // where data can be non-zero, the other rows of the spectrum are zero.
        final int lines = ny * nz;
        parallel.forRange((lines + 1) / 2, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] tmp = scratch[w];
                for (int pair = from; pair < to; pair++) {
                    int l0 = 2 * pair, l1 = l0 + 1;
                    boolean has0 = hasData(l0, wy, wz), has1 = l1 < lines && hasData(l1, wy, wz);
                    if (!has0 && !has1) {
                        java.util.Arrays.fill(out, row * l0, row * Math.min(lines, l0 + 2), 0f);
                        continue;
                    }
                    if (nx == 1) {
                        forwardSingle(in, out, l0, has0, tmp, w);
                        if (l1 < lines) forwardSingle(in, out, l1, has1, tmp, w);
                        continue;
                    }
                    int a = nx * l0, b = nx * l1;
                    for (int x = 0; x < nx; x++) {
                        tmp[2 * x] = has0 ? in[a + x] : 0f;
                        tmp[2 * x + 1] = has1 ? in[b + x] : 0f;
                    }
                    planX[w].complexForward(tmp, 0);
                    // A_k = (Z_k + conj Z_{n-k}) / 2, B_k = (Z_k - conj Z_{n-k}) / 2i
                    int oa = row * l0, ob = row * l1;
                    boolean second = l1 < lines;
                    for (int k = 0; k < nxh; k++) {
                        int m = k == 0 ? 0 : nx - k;
                        float zr = tmp[2 * k], zi = tmp[2 * k + 1], mr = tmp[2 * m], mi = tmp[2 * m + 1];
                        out[oa + 2 * k] = 0.5f * (zr + mr);
                        out[oa + 2 * k + 1] = 0.5f * (zi - mi);
                        if (second) {
                            out[ob + 2 * k] = 0.5f * (zi + mi);
                            out[ob + 2 * k + 1] = 0.5f * (mr - zr);
                        }
                    }
                }
            }
        });
        // y: complex columns of each plane that holds data.
        if (ny > 1) axisPass(out, wz, true, ny, 2 * nxh, row * ny, true);
        // z: complex columns through all planes.
        if (nz > 1) axisPass(out, ny, false, nz, row * ny, row, true);
    }

    /** Inverse transform scaled by 1/N; {@code in} is destroyed; only {@code needed} of out is written. */
    @Override
    public void inverse(final float[] in, final float[] out, Shape needed) {
        final int wy = Math.min(ny, needed.ny());
        final int wz = Math.min(nz, needed.nz());
        if (nz > 1) axisPass(in, ny, false, nz, row * ny, row, false);
        if (ny > 1) axisPass(in, wz, true, ny, 2 * nxh, row * ny, false);
        // x is scaled by JTransforms itself: its unscaled power-of-two real inverse is off by a
        // factor 2 relative to the mixed-radix one, and scale=true hides that difference.
        final float scale = (float) (1.0 / ((double) ny * nz));
        final int lines = ny * nz;
        parallel.forRange((lines + 1) / 2, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] tmp = scratch[w];
                for (int pair = from; pair < to; pair++) {
                    int l0 = 2 * pair, l1 = l0 + 1;
                    boolean need0 = hasData(l0, wy, wz), need1 = l1 < lines && hasData(l1, wy, wz);
                    if (!need0 && !need1) continue;
                    if (nx == 1) {
                        if (need0) out[l0] = in[row * l0] * scale;
                        if (need1) out[l1] = in[row * l1] * scale;
                        continue;
                    }
                    // z = a + i b from the half spectra A, B: Z_k = A_k + i B_k, with
                    // A_{n-k} = conj A_k (and likewise B) for the upper half
                    int oa = row * l0, ob = row * l1;
                    for (int k = 0; k < nxh; k++) {
                        float ar = in[oa + 2 * k], ai = in[oa + 2 * k + 1];
                        float br = need1 ? in[ob + 2 * k] : 0f, bi = need1 ? in[ob + 2 * k + 1] : 0f;
                        tmp[2 * k] = ar - bi;
                        tmp[2 * k + 1] = ai + br;
                        int m = nx - k;
                        if (k > 0 && m >= nxh) {
                            tmp[2 * m] = ar + bi;
                            tmp[2 * m + 1] = br - ai;
                        }
                    }
                    planX[w].complexInverse(tmp, 0, true);
                    int a = nx * l0, b = nx * l1;
                    for (int x = 0; x < nx; x++) {
                        if (need0) out[a + x] = tmp[2 * x] * scale;
                        if (need1) out[b + x] = tmp[2 * x + 1] * scale;
                    }
                }
            }
        });
    }

    private boolean hasData(int line, int wy, int wz) {
        return line % ny < wy && line / ny < wz;
    }

    /** The x transform of a line of length 1 is the value itself. */
    private void forwardSingle(float[] in, float[] out, int line, boolean has, float[] tmp, int w) {
        out[row * line] = has ? in[line] : 0f;
        out[row * line + 1] = 0f;
    }

    /**
     * Complex transforms along y (or z) for every kx column. {@code outerCount} outer slices
     * (planes z for a y pass, rows ky for a z pass), {@code n} points per line with stride
     * {@code stride} floats between consecutive points, {@code outerStride} between slices.
     */
    private void axisPass(final float[] data, int outerCount, final boolean yAxis, final int n, final int stride,
                          final int outerStride, final boolean forward) {
        final int blocks = (nxh + BLOCK - 1) / BLOCK;
        parallel.forRange(outerCount * blocks, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] tmp = scratch[w];
                FloatFFT_1D plan = yAxis ? planY[w] : planZ[w];
                for (int task = from; task < to; task++) {
                    int outer = task / blocks;
                    int k0 = (task % blocks) * BLOCK;
                    int bw = Math.min(BLOCK, nxh - k0);
                    int base = outer * outerStride + 2 * k0;
                    // gather: tmp[b*2n + 2j] = data[base + j*stride + 2b]
                    for (int j = 0; j < n; j++) {
                        int src = base + j * stride;
                        for (int b = 0; b < bw; b++) {
                            tmp[b * 2 * n + 2 * j] = data[src + 2 * b];
                            tmp[b * 2 * n + 2 * j + 1] = data[src + 2 * b + 1];
                        }
                    }
                    for (int b = 0; b < bw; b++) {
                        if (forward) plan.complexForward(tmp, b * 2 * n);
                        else plan.complexInverse(tmp, b * 2 * n, false);
                    }
                    for (int j = 0; j < n; j++) {
                        int dst = base + j * stride;
                        for (int b = 0; b < bw; b++) {
                            data[dst + 2 * b] = tmp[b * 2 * n + 2 * j];
                            data[dst + 2 * b + 1] = tmp[b * 2 * n + 2 * j + 1];
                        }
                    }
                }
            }
        });
    }
}
