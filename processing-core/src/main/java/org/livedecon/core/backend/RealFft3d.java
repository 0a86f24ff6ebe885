package org.livedecon.core.backend;

import org.jtransforms.fft.FloatFFT_1D;
import org.livedecon.core.volume.Shape;

/**
 * 3D real-to-complex FFT of one shape, composed of JTransforms 1D transforms along x (real),
 * then y and z (complex). JTransforms' own 3D real transform only takes powers of two; composing
 * 1D transforms takes any size, and 2,3,5,7-smooth sizes stay fast.
 *
 * <p>Spectrum layout: complex value (kx, ky, kz), {@code 0 <= kx <= nx/2}, at float index
 * {@code 2 * (kx + (nx/2+1) * (ky + ny * kz))}, real part first.
 *
 * <p>Lines along y and z are strided in memory; they are gathered in blocks of {@link #BLOCK}
 * neighbouring kx columns so every cache line fetched is used. Each worker thread has its own
 * plans and scratch (JTransforms plans are not documented as thread-safe).
 */
final class RealFft3d {
    private static final int BLOCK = 16;

    private final Shape shape;
    private final int nx, ny, nz, nxh, row;
    private final Parallel parallel;
    private final FloatFFT_1D[] planX, planY, planZ;
    private final float[][] scratch;

    RealFft3d(Shape shape, Parallel parallel) {
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
        int scratchLen = Math.max(nx + 2, 2 * BLOCK * Math.max(ny, nz));
        for (int i = 0; i < t; i++) {
            planX[i] = nx > 1 ? new FloatFFT_1D(nx) : null;
            planY[i] = ny > 1 ? new FloatFFT_1D(ny) : null;
            planZ[i] = nz > 1 ? new FloatFFT_1D(nz) : null;
            scratch[i] = new float[scratchLen];
        }
    }

    Shape shape() { return shape; }

    /** Forward transform; {@code in} is read only, and assumed zero outside {@code nonZero}. */
    void forward(final float[] in, final float[] out, Shape nonZero) {
        final int wy = Math.min(ny, nonZero.ny());
        final int wz = Math.min(nz, nonZero.nz());
        // x: real lines, only where data can be non-zero; other rows of the spectrum are zero.
        parallel.forRange(ny * nz, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] tmp = scratch[w];
                for (int line = from; line < to; line++) {
                    int y = line % ny, z = line / ny;
                    int o = row * line;
                    if (y >= wy || z >= wz) {
                        java.util.Arrays.fill(out, o, o + row, 0f);
                        continue;
                    }
                    System.arraycopy(in, nx * line, tmp, 0, nx);
                    if (nx > 1) planX[w].realForward(tmp, 0);
                    unpack(tmp, out, o);
                }
            }
        });
        // y: complex columns of each plane that holds data.
        if (ny > 1) axisPass(out, wz, true, ny, 2 * nxh, row * ny, true);
        // z: complex columns through all planes.
        if (nz > 1) axisPass(out, ny, false, nz, row * ny, row, true);
    }

    /** Inverse transform scaled by 1/N; {@code in} is destroyed; only {@code needed} of out is written. */
    void inverse(final float[] in, final float[] out, Shape needed) {
        final int wy = Math.min(ny, needed.ny());
        final int wz = Math.min(nz, needed.nz());
        if (nz > 1) axisPass(in, ny, false, nz, row * ny, row, false);
        if (ny > 1) axisPass(in, wz, true, ny, 2 * nxh, row * ny, false);
        // x is scaled by JTransforms itself: its unscaled power-of-two real inverse is off by a
        // factor 2 relative to the mixed-radix one, and scale=true hides that difference.
        final float scale = (float) (1.0 / ((double) ny * nz));
        parallel.forRange(wy * wz, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                float[] tmp = scratch[w];
                for (int l = from; l < to; l++) {
                    int y = l % wy, z = l / wy;
                    int line = y + ny * z;
                    pack(in, row * line, tmp);
                    if (nx > 1) planX[w].realInverse(tmp, 0, true);
                    int o = nx * line;
                    for (int x = 0; x < nx; x++) out[o + x] = tmp[x] * scale;
                }
            }
        });
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

    /** JTransforms realForward packing -> plain half spectrum row at out[o]. */
    private void unpack(float[] a, float[] out, int o) {
        if (nx == 1) {
            out[o] = a[0];
            out[o + 1] = 0f;
            return;
        }
        out[o] = a[0];
        out[o + 1] = 0f;
        if (nx % 2 == 0) {
            System.arraycopy(a, 2, out, o + 2, nx - 2);
            out[o + nx] = a[1];
            out[o + nx + 1] = 0f;
        } else {
            // odd: a[2k], a[2k+1] for 0<k<(n-1)/2; Re[(n-1)/2] = a[n-1], Im[(n-1)/2] = a[1]
            System.arraycopy(a, 2, out, o + 2, nx - 3);
            out[o + nx - 1] = a[nx - 1];
            out[o + nx] = a[1];
        }
    }

    /** Plain half spectrum row at in[o] -> JTransforms realInverse packing. */
    private void pack(float[] in, int o, float[] a) {
        if (nx == 1) {
            a[0] = in[o];
            return;
        }
        a[0] = in[o];
        if (nx % 2 == 0) {
            System.arraycopy(in, o + 2, a, 2, nx - 2);
            a[1] = in[o + nx];
        } else {
            System.arraycopy(in, o + 2, a, 2, nx - 3);
            a[nx - 1] = in[o + nx - 1];
            a[1] = in[o + nx];
        }
    }
}
