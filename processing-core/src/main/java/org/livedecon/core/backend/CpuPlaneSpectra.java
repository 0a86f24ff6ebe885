package org.livedecon.core.backend;

import org.livedecon.core.volume.Shape;

/**
 * {@link PlaneSpectra} of the CPU backend: heap stacks in the {@link Fft3d} half-spectrum layout,
 * 2D transforms by {@link StockhamFft3d#forwardPlane}'s building blocks, on the backend's threads.
 * A worker transforms whole planes, the product of an extra term written into its own plane of
 * scratch first so that the transform finds it in cache.
 */
final class CpuPlaneSpectra implements PlaneSpectra {
    private final int nx, ny, nxh, planeFloats;
    private final Parallel parallel;
    private final StockhamFft3d fft;
    private final float[][] spectrumScratch, realScratch;

    CpuPlaneSpectra(int nx, int ny, Parallel parallel) {
        if (nx < 2 || ny < 2) throw new IllegalArgumentException("planes need at least 2x2 pixels, got " + nx + "x" + ny);
        this.nx = nx;
        this.ny = ny;
        this.nxh = nx / 2 + 1;
        this.planeFloats = 2 * nxh * ny;
        this.parallel = parallel;
        this.fft = new StockhamFft3d(Shape.of(nx, ny, 1), parallel);
        spectrumScratch = new float[parallel.threads()][];
        realScratch = new float[parallel.threads()][];
    }

    @Override
    public int nx() { return nx; }

    @Override
    public int ny() { return ny; }

    @Override
    public SpectrumBuffer stack(int n) { return new CpuBuffers.Spectrum(Shape.of(nx, ny, n)); }

    @Override
    public void upload(float[] halfSpectra, SpectrumBuffer dst) {
        float[] d = data(dst);
        if (halfSpectra.length != d.length) {
            throw new IllegalArgumentException("a stack of " + dst.shape() + " holds " + d.length + " floats, got "
                    + halfSpectra.length);
        }
        System.arraycopy(halfSpectra, 0, d, 0, d.length);
    }

    @Override
    public void forward(float[] real, SpectrumBuffer dst, int at) {
        fft.forwardPlaneParallel(real, 0, data(dst), at * planeFloats);
    }

    @Override
    public void multiply(SpectrumBuffer acc, final int from, int to, final boolean add, SpectrumBuffer p, final int pAt,
                         SpectrumBuffer k, final int kFirst) {
        final float[] a = data(acc), pd = data(p), kd = data(k);
        final int kPlanes = k.shape().nz();
        parallel.forRange(to - from, new Parallel.RangeBody() {
            @Override
            public void run(int i0, int i1, int w) {
                for (int o = from + i0; o < from + i1; o++) {
                    multiplyPlane(a, o * planeFloats, add, pd, pAt * planeFloats, kd,
                            Math.floorMod(kFirst + o, kPlanes) * planeFloats, planeFloats);
                }
            }
        });
    }

    @Override
    public void inverse(SpectrumBuffer s, int from, int to, SpectrumBuffer p, int pAt, SpectrumBuffer k, int kFirst,
                        float[] out, int outOffset, int width, int height) {
        inverse(s, from, to, p, pAt, k, kFirst, out, outOffset, null, width, height);
    }

    @Override
    public void inverse(SpectrumBuffer s, int from, int to, SpectrumBuffer p, int pAt, SpectrumBuffer k, int kFirst,
                        float[][] out, int width, int height) {
        inverse(s, from, to, p, pAt, k, kFirst, null, 0, out, width, height);
    }

    /** Plane o to {@code flat[flatOffset + (o - from) * width * height]}, or to {@code planes[o - from]} when flat is null. */
    private void inverse(SpectrumBuffer s, final int from, int to, SpectrumBuffer p, final int pAt, SpectrumBuffer k,
                         final int kFirst, final float[] flat, final int flatOffset, final float[][] planes,
                         final int width, final int height) {
        if (width > nx || height > ny) throw new IllegalArgumentException(width + "x" + height + " is larger than the plane");
        final float[] sd = s == null ? null : data(s), pd = p == null ? null : data(p), kd = k == null ? null : data(k);
        final int kPlanes = k == null ? 1 : k.shape().nz();
        parallel.forRange(to - from, new Parallel.RangeBody() {
            @Override
            public void run(int i0, int i1, int w) {
                for (int o = from + i0; o < from + i1; o++) {
                    float[] spec = sd;
                    int at = o * planeFloats;
                    if (pd != null) { // the extra term, into this worker's plane (the transform then reads it from cache)
                        if (spectrumScratch[w] == null) spectrumScratch[w] = new float[planeFloats];
                        float[] t = spectrumScratch[w];
                        if (sd != null) System.arraycopy(sd, at, t, 0, planeFloats);
                        multiplyPlane(t, 0, sd != null, pd, pAt * planeFloats, kd,
                                Math.floorMod(kFirst + o, kPlanes) * planeFloats, planeFloats);
                        spec = t;
                        at = 0;
                    }
                    float[] out = flat != null ? flat : planes[o - from];
                    int dst = flat != null ? flatOffset + (o - from) * width * height : 0;
                    if (width == nx) {
                        fft.inversePlane(spec, at, out, dst, height, w);
                    } else {
                        if (realScratch[w] == null) realScratch[w] = new float[nx * ny];
                        float[] r = realScratch[w];
                        fft.inversePlane(spec, at, r, 0, height, w);
                        for (int y = 0; y < height; y++) System.arraycopy(r, nx * y, out, dst + width * y, width);
                    }
                }
            }
        });
    }

    /** {@code a[ao …] (+)= p[po …] · k[ko …]}, complex, n floats. */
    private static void multiplyPlane(float[] a, int ao, boolean add, float[] p, int po, float[] k, int ko, int n) {
        if (add) {
            for (int i = 0; i < n; i += 2) {
                float pr = p[po + i], pi = p[po + i + 1], kr = k[ko + i], ki = k[ko + i + 1];
                a[ao + i] += pr * kr - pi * ki;
                a[ao + i + 1] += pr * ki + pi * kr;
            }
        } else {
            for (int i = 0; i < n; i += 2) {
                float pr = p[po + i], pi = p[po + i + 1], kr = k[ko + i], ki = k[ko + i + 1];
                a[ao + i] = pr * kr - pi * ki;
                a[ao + i + 1] = pr * ki + pi * kr;
            }
        }
    }

    private float[] data(SpectrumBuffer b) {
        if (!(b instanceof CpuBuffers.Spectrum) || b.shape().nx() != nx || b.shape().ny() != ny) {
            throw new IllegalArgumentException("stack " + b.shape() + " is not a stack of " + nx + "x" + ny + " planes");
        }
        return CpuBuffers.data(b);
    }

    @Override
    public int planesPerCall() { return parallel.threads(); }

    @Override
    public Parallel host() { return parallel; }

    @Override
    public long stackBytes(int n) { return 4L * planeFloats * n; }

    @Override
    public boolean onHeap() { return true; }

    /** Nothing to release: stacks are heap arrays, the threads are the backend's. */
    @Override
    public void close() {}
}
