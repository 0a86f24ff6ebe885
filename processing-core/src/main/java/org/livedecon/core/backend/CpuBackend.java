package org.livedecon.core.backend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * The CPU backend: FFTs ({@link CpuFft}: livedecon's own by default, JTransforms as the
 * reference) and plain Java loops, all spread over a fixed number of threads (all cores by
 * default). Buffers are Java heap arrays.
 */
public final class CpuBackend implements Backend {
    private static final int OTF_CACHE_SIZE = 4;

    static {
        // JTransforms would otherwise start its own threads inside our already-parallel loops.
        // This is the one place the global is set (JTransforms keeps it in a static).
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final Parallel parallel;
    private final CpuFft fftKind;
    private final Map<Shape, Fft3d> ffts = new HashMap<Shape, Fft3d>();
    private final OtfCache<CpuBuffers.Spectrum> otfs = new OtfCache<CpuBuffers.Spectrum>(OTF_CACHE_SIZE);

    /** A backend with one thread per available core. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads worker threads, at least 1; the FFT is livedecon's own unless the system
     *     property {@value CpuFft#PROPERTY} names another
     */
    public CpuBackend(int threads) {
        this(threads, CpuFft.fromSystemProperty());
    }

    /**
     * @param threads worker threads, at least 1
     * @param fft     which FFT to use
     */
    public CpuBackend(int threads, CpuFft fft) {
        if (fft == null) throw new IllegalArgumentException("fft must not be null");
        this.parallel = new Parallel(threads);
        this.fftKind = fft;
    }

    public int threads() { return parallel.threads(); }

    /** The FFT this backend uses. */
    public CpuFft fft() { return fftKind; }

    @Override
    public String name() {
        return "cpu (" + fftKind.label() + ", " + parallel.threads() + (parallel.threads() == 1 ? " thread)" : " threads)");
    }

    @Override
    public RealBuffer real(Shape shape) { return new CpuBuffers.Real(shape); }

    @Override
    public SpectrumBuffer spectrum(Shape shape) { return new CpuBuffers.Spectrum(shape); }

    @Override
    public long realBytes(Shape shape) { return 4L * shape.voxels(); }

    @Override
    public long spectrumBytes(Shape shape) { return 8L * (shape.nx() / 2 + 1) * shape.ny() * shape.nz(); }

    @Override
    public void upload(final float[] src, final Shape s, RealBuffer dst) {
        final float[] d = CpuBuffers.data(dst);
        final Shape p = dst.shape();
        if (s.nx() > p.nx() || s.ny() > p.ny() || s.nz() > p.nz()) {
            throw new IllegalArgumentException("cannot place " + s + " into a buffer of " + p);
        }
        if (s.equals(p)) {
            System.arraycopy(src, 0, d, 0, src.length);
            return;
        }
        parallel.forRange(p.ny() * p.nz(), new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int line = from; line < to; line++) {
                    int y = line % p.ny(), z = line / p.ny();
                    int o = line * p.nx();
                    if (y < s.ny() && z < s.nz()) {
                        System.arraycopy(src, s.nx() * (y + s.ny() * z), d, o, s.nx());
                        Arrays.fill(d, o + s.nx(), o + p.nx(), 0f);
                    } else {
                        Arrays.fill(d, o, o + p.nx(), 0f);
                    }
                }
            }
        });
    }

    @Override
    public void download(RealBuffer src, float[] out, Shape s) {
        float[] d = CpuBuffers.data(src);
        Shape p = src.shape();
        for (int z = 0; z < s.nz(); z++) {
            for (int y = 0; y < s.ny(); y++) {
                System.arraycopy(d, p.nx() * (y + p.ny() * z), out, s.nx() * (y + s.ny() * z), s.nx());
            }
        }
    }

    private Fft3d fft(Shape shape) {
        Fft3d f = ffts.get(shape);
        if (f == null) {
            f = fftKind == CpuFft.LIVEDECON && StockhamFft3d.suits(shape) ? new StockhamFft3d(shape, parallel)
                    : new JTransformsFft3d(shape, parallel);
            ffts.put(shape, f);
        }
        return f;
    }

    @Override
    public SpectrumBuffer otf(Psf psf, Shape padded) {
        return otfs.get(psf, padded, new OtfCache.Maker<CpuBuffers.Spectrum>() {
            @Override
            public CpuBuffers.Spectrum make(float[] wrapped, Shape grid) {
                CpuBuffers.Spectrum out = new CpuBuffers.Spectrum(grid);
                fft(grid).forward(wrapped, out.data, grid);
                return out;
            }
        });
    }

    /** 2D transforms by the same code as the 3D ones, on this backend's threads ({@code hostThreads} is not used). */
    @Override
    public PlaneSpectra planes(int nx, int ny, int hostThreads) { return new CpuPlaneSpectra(nx, ny, parallel); }

    @Override
    public void forward(RealBuffer in, SpectrumBuffer out, Shape nonZero) {
        sameShape(in.shape(), out.shape());
        fft(in.shape()).forward(CpuBuffers.data(in), CpuBuffers.data(out), nonZero);
    }

    @Override
    public void inverse(SpectrumBuffer in, RealBuffer out, Shape needed) {
        sameShape(in.shape(), out.shape());
        fft(in.shape()).inverse(CpuBuffers.data(in), CpuBuffers.data(out), needed);
    }

    @Override
    public void convolve(RealBuffer in, Shape nonZero, SpectrumBuffer otf, boolean conjugate, SpectrumBuffer spectrum,
                         RealBuffer out, Shape needed) {
        sameShape(in.shape(), spectrum.shape());
        sameShape(out.shape(), spectrum.shape());
        sameShape(otf.shape(), spectrum.shape());
        Fft3d f = fft(in.shape());
        if (f instanceof StockhamFft3d) {
            ((StockhamFft3d) f).convolve(CpuBuffers.data(in), nonZero, CpuBuffers.data(otf), conjugate,
                    CpuBuffers.data(spectrum), CpuBuffers.data(out), needed);
        } else {
            Backend.super.convolve(in, nonZero, otf, conjugate, spectrum, out, needed);
        }
    }

    private static void sameShape(Shape a, Shape b) {
        if (!a.equals(b)) throw new IllegalArgumentException("buffer shapes differ: " + a + " vs " + b);
    }

    @Override
    public void multiply(SpectrumBuffer s, SpectrumBuffer otf, final boolean conjugate) {
        sameShape(s.shape(), otf.shape());
        StockhamFft3d.multiply(parallel, CpuBuffers.data(s), CpuBuffers.data(otf), conjugate);
    }

    @Override
    public void wiener(SpectrumBuffer s, SpectrumBuffer otf, final float lambda) {
        sameShape(s.shape(), otf.shape());
        final float[] a = CpuBuffers.data(s);
        final float[] h = CpuBuffers.data(otf);
        parallel.forRange(a.length / 2, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int k = from; k < to; k++) {
                    int i = 2 * k;
                    float ar = a[i], ai = a[i + 1];
                    float hr = h[i], hi = h[i + 1];
                    float denom = hr * hr + hi * hi + lambda;
                    float f = denom > 0 ? 1f / denom : 0f;
                    // a * conj(h) / (|h|^2 + lambda)
                    a[i] = (ar * hr + ai * hi) * f;
                    a[i + 1] = (ai * hr - ar * hi) * f;
                }
            }
        });
    }

    @Override
    public void scale(RealBuffer b, final float factor) {
        final float[] d = CpuBuffers.data(b);
        parallel.forRange(d.length, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int i = from; i < to; i++) d[i] *= factor;
            }
        });
    }

    @Override
    public void fill(RealBuffer b, final float value) {
        final float[] d = CpuBuffers.data(b);
        parallel.forRange(d.length, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) { Arrays.fill(d, from, to, value); }
        });
    }

    @Override
    public void copy(RealBuffer src, RealBuffer dst) {
        sameShape(src.shape(), dst.shape());
        final float[] s = CpuBuffers.data(src);
        final float[] d = CpuBuffers.data(dst);
        parallel.forRange(d.length, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) { System.arraycopy(s, from, d, from, to - from); }
        });
    }

    @Override
    public void ratio(RealBuffer observed, RealBuffer blurred, final float background, final float floor,
                      final Shape window) {
        sameShape(observed.shape(), blurred.shape());
        final float[] y = CpuBuffers.data(observed);
        final float[] hx = CpuBuffers.data(blurred);
        final Shape p = blurred.shape();
        final int wx = Math.min(window.nx(), p.nx()), wy = Math.min(window.ny(), p.ny()), wz = Math.min(window.nz(), p.nz());
        parallel.forRange(p.ny() * p.nz(), new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int line = from; line < to; line++) {
                    int yy = line % p.ny(), z = line / p.ny();
                    int o = line * p.nx();
                    if (yy >= wy || z >= wz) {
                        Arrays.fill(hx, o, o + p.nx(), 0f);
                        continue;
                    }
                    for (int x = 0; x < wx; x++) {
                        float d = Math.max(hx[o + x], 0f) + background;
                        hx[o + x] = y[o + x] / Math.max(d, floor);
                    }
                    Arrays.fill(hx, o + wx, o + p.nx(), 0f);
                }
            }
        });
    }

    @Override
    public void rlUpdate(RealBuffer estimate, RealBuffer correction, RealBuffer normaliser,
                         final float minNormaliser, RealBuffer tvFactor) {
        final float[] x = CpuBuffers.data(estimate);
        final float[] c = CpuBuffers.data(correction);
        final float[] n = normaliser == null ? null : CpuBuffers.data(normaliser);
        final float[] tv = tvFactor == null ? null : CpuBuffers.data(tvFactor);
        parallel.forRange(x.length, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int i = from; i < to; i++) {
                    float v = x[i] * c[i];
                    if (n != null) {
                        float ni = n[i];
                        v = ni >= minNormaliser ? v / ni : 0f;
                    }
                    if (tv != null) v /= tv[i];
                    // FFT round-off can make a correction slightly negative; the object cannot be.
                    c[i] = v > 0f ? v : 0f;
                }
            }
        });
    }

    @Override
    public void tvFactor(RealBuffer xb, final float lambda, RealBuffer outb) {
        final float[] x = CpuBuffers.data(xb);
        final float[] out = CpuBuffers.data(outb);
        final Shape s = xb.shape();
        final int nx = s.nx(), ny = s.ny(), nz = s.nz();
        parallel.forRange(ny * nz, new Parallel.RangeBody() {
            @Override
            public void run(int from, int to, int w) {
                for (int line = from; line < to; line++) {
                    int y = line % ny, z = line / ny;
                    for (int xx = 0; xx < nx; xx++) {
                        // div(∇x/|∇x|): forward differences for ∇, backward differences for div
                        float div = unit(x, nx, ny, nz, xx, y, z, 0) + unit(x, nx, ny, nz, xx, y, z, 1)
                                + unit(x, nx, ny, nz, xx, y, z, 2);
                        if (xx > 0) div -= unit(x, nx, ny, nz, xx - 1, y, z, 0);
                        if (y > 0) div -= unit(x, nx, ny, nz, xx, y - 1, z, 1);
                        if (z > 0) div -= unit(x, nx, ny, nz, xx, y, z - 1, 2);
                        out[xx + nx * line] = Math.max(1f - lambda * div, 0.01f);
                    }
                }
            }
        });
    }

    /** Component {@code axis} of ∇x/|∇x| at (xx, y, z), forward differences, 0 past the last voxel. */
    private static float unit(float[] x, int nx, int ny, int nz, int xx, int y, int z, int axis) {
        int i = xx + nx * (y + ny * z);
        float v = x[i];
        float gx = xx + 1 < nx ? x[i + 1] - v : 0f;
        float gy = y + 1 < ny ? x[i + nx] - v : 0f;
        float gz = z + 1 < nz ? x[i + nx * ny] - v : 0f;
        // the small epsilon keeps flat regions (|∇x| = 0) finite
        float norm = (float) Math.sqrt(gx * gx + gy * gy + gz * gz + 1e-12f * (v * v + 1e-12f));
        if (!(norm > 0)) return 0f;
        return (axis == 0 ? gx : axis == 1 ? gy : gz) / norm;
    }

    @Override
    public double[] biggsGradient(RealBuffer xNewB, RealBuffer predictionB, RealBuffer gPrevB, Region counted) {
        final float[] xn = CpuBuffers.data(xNewB);
        final float[] p = CpuBuffers.data(predictionB);
        final float[] gp = CpuBuffers.data(gPrevB);
        return reduce(xNewB.shape(), counted, 2, new VoxelSums() {
            @Override
            public void run(int from, int to, boolean count, double[] sums) {
                if (!count) {
                    for (int i = from; i < to; i++) gp[i] = xn[i] - p[i];
                    return;
                }
                double ab = 0, bb = 0;
                for (int i = from; i < to; i++) {
                    float g = xn[i] - p[i];
                    float old = gp[i];
                    ab += (double) g * old;
                    bb += (double) old * old;
                    gp[i] = g;
                }
                sums[0] += ab;
                sums[1] += bb;
            }
        });
    }

    @Override
    public double[] biggsPredict(RealBuffer xNewB, RealBuffer xPrevB, RealBuffer predictionB, final float alpha,
                                 Region counted) {
        final float[] xn = CpuBuffers.data(xNewB);
        final float[] xp = CpuBuffers.data(xPrevB);
        final float[] p = CpuBuffers.data(predictionB);
        return reduce(xNewB.shape(), counted, 2, new VoxelSums() {
            @Override
            public void run(int from, int to, boolean count, double[] sums) {
                if (!count) {
                    for (int i = from; i < to; i++) {
                        float v = xn[i];
                        float pred = v + alpha * (v - xp[i]);
                        p[i] = pred > 0f ? pred : 0f;
                        xp[i] = v;
                    }
                    return;
                }
                double dd = 0, pp = 0;
                for (int i = from; i < to; i++) {
                    float v = xn[i];
                    float d = v - xp[i];
                    float pred = v + alpha * d;
                    p[i] = pred > 0f ? pred : 0f;
                    dd += (double) d * d;
                    pp += (double) xp[i] * xp[i];
                    xp[i] = v;
                }
                sums[0] += dd;
                sums[1] += pp;
            }
        });
    }

    @Override
    public double[] change(RealBuffer ab, RealBuffer bb, Region counted) {
        final float[] a = CpuBuffers.data(ab);
        final float[] b = CpuBuffers.data(bb);
        return reduce(ab.shape(), counted, 2, new VoxelSums() {
            @Override
            public void run(int from, int to, boolean count, double[] sums) {
                if (!count) return;
                double dd = 0, bbs = 0;
                for (int i = from; i < to; i++) {
                    double d = (double) a[i] - b[i];
                    dd += d * d;
                    bbs += (double) b[i] * b[i];
                }
                sums[0] += dd;
                sums[1] += bbs;
            }
        });
    }

    /** A pass over voxels {@code [from, to)} that adds to {@code sums} only when {@code count}. */
    private interface VoxelSums {
        void run(int from, int to, boolean count, double[] sums);
    }

    /**
     * Runs {@code body} over every voxel of {@code shape}: in parallel chunks over the whole buffer
     * when {@code counted} is null, else x-line by x-line in runs of counted and uncounted voxels.
     */
    private double[] reduce(final Shape shape, Region counted, int n, final VoxelSums body) {
        if (counted == null) {
            return parallel.sum(shape.voxels(), n, new Parallel.SumBody() {
                @Override
                public void run(int from, int to, double[] sums) { body.run(from, to, true, sums); }
            });
        }
        final boolean[] cy = counted.mask(1, shape), cz = counted.mask(2, shape);
        final int[] runs = runs(counted.mask(0, shape));
        final int nx = shape.nx(), ny = shape.ny();
        return parallel.sum(ny * shape.nz(), n, new Parallel.SumBody() {
            @Override
            public void run(int from, int to, double[] sums) {
                for (int line = from; line < to; line++) {
                    int o = line * nx;
                    if (!cy[line % ny] || !cz[line / ny]) {
                        body.run(o, o + nx, false, sums);
                        continue;
                    }
                    for (int r = 0; r + 1 < runs.length; r++) body.run(o + runs[r], o + runs[r + 1], r % 2 == 0, sums);
                }
            }
        });
    }

    /** Boundaries of alternating counted / uncounted runs along a line, starting with a (maybe empty) counted one. */
    private static int[] runs(boolean[] m) {
        int[] b = new int[m.length + 2];
        int k = 0;
        b[k++] = 0;
        boolean want = false; // the first run (from 0) is counted; look for its end
        for (int x = 0; x < m.length; x++) {
            if (m[x] == want) {
                b[k++] = x;
                want = !want;
            }
        }
        // a leading uncounted run makes the first counted run empty: b = {0, 0, ...}
        b[k++] = m.length;
        return Arrays.copyOf(b, k);
    }

    @Override
    public double dot(RealBuffer ab, RealBuffer bb) {
        sameShape(ab.shape(), bb.shape());
        final float[] a = CpuBuffers.data(ab);
        final float[] b = CpuBuffers.data(bb);
        return parallel.sum(a.length, 1, new Parallel.SumBody() {
            @Override
            public void run(int from, int to, double[] sums) {
                double s = 0;
                for (int i = from; i < to; i++) s += (double) a[i] * b[i];
                sums[0] += s;
            }
        })[0];
    }

    @Override
    public double sum(RealBuffer b, Shape window) {
        final float[] d = CpuBuffers.data(b);
        final Shape p = b.shape();
        final int wx = Math.min(window.nx(), p.nx()), wy = Math.min(window.ny(), p.ny()), wz = Math.min(window.nz(), p.nz());
        return parallel.sum(wy * wz, 1, new Parallel.SumBody() {
            @Override
            public void run(int from, int to, double[] sums) {
                double s = 0;
                for (int l = from; l < to; l++) {
                    int o = p.nx() * (l % wy + p.ny() * (l / wy));
                    for (int x = 0; x < wx; x++) s += d[o + x];
                }
                sums[0] += s;
            }
        })[0];
    }

    @Override
    public double sum(RealBuffer b, Region region) {
        final float[] d = CpuBuffers.data(b);
        return reduce(b.shape(), region, 1, new VoxelSums() {
            @Override
            public void run(int from, int to, boolean count, double[] sums) {
                if (!count) return;
                double s = 0;
                for (int i = from; i < to; i++) s += d[i];
                sums[0] += s;
            }
        })[0];
    }

    @Override
    public void close() {
        for (SpectrumBuffer s : otfs.drain()) s.close();
        ffts.clear();
        parallel.close();
    }
}
