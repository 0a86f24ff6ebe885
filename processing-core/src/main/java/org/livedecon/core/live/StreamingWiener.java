package org.livedecon.core.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

import org.jtransforms.fft.FloatFFT_1D;
import org.livedecon.core.deconv.BackgroundEstimator;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.EdgeTaper;
import org.livedecon.core.deconv.PaddedSizes;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Planes;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Wiener deconvolution computed while the stack arrives, with the same result as
 * {@link org.livedecon.core.deconv.Wiener} (same grid, same non-circulant extension, same filter).
 *
 * <p>The 3D Wiener result is X = F⁻¹[W · F y] with W = conj(H) / (|H|² + λ). Split the 3D
 * transform into a 2D transform per plane (x, y) and one along z: with P_z the 2D spectrum of grid
 * plane z and G(d) = (1/Nz) Σ_kz W(kz) e^{2πi kz d / Nz} (W transformed back along z only),
 * <pre>   X̂_o = Σ_z P_z · G((o − z) mod Nz),   x_o = F2⁻¹ X̂_o   (o = 0 … nz−1)</pre>
 * So each arriving plane is transformed and accumulated into every output plane's spectrum;
 * the z padding planes are the first and last plane times the {@link EdgeTaper} weights (the
 * padding Wiener uses), folded into the first and last plane's kernels. The background enters
 * linearly: the result for y − b is the result for y minus b times U = W(pad(1)), the filtered
 * padded constant (b·W(0) everywhere for periodic boundaries); it is subtracted at the end, when
 * the stack (and so an automatic background) is known. An automatic background is gathered plane
 * by plane ({@link BackgroundEstimator.Progressive}, identical to the whole-stack estimate).
 *
 * <p>After the last plane. Every output plane depends on it (widefield: H(0,0,kz) ≈ 0 for
 * kz ≠ 0, so G(0,0,d) is the same for every d), so the plain way is nz inverse 2D transforms,
 * each fused with the last plane's term and the background subtraction (one pass per plane).
 * When the planes come in order, it is shorter: the last plane's kernels K_o (o = 0 … nz−1) are
 * close to a sum of few terms, K_o = Σ_r u_r(o)·B_r (eigenvectors of their Gram matrix; rank
 * 29 of 64 for a widefield 64x256x256 stack, left-out energy below 1e-12 of the total, so the
 * error is ~1e-6 of the result). So when all planes but the last are in, their accumulated
 * spectra are transformed back at once (while the camera takes the last plane), and after it
 * only the rank transforms F⁻¹(P_last·B_r) and the sums x_o += Σ_r u_r(o)·F⁻¹(P_last·B_r) remain.
 *
 * <p>Spectrum layout of a plane: complex (kx, ky), 0 ≤ kx ≤ Nx/2, at float index
 * {@code 2 * (kx + (Nx/2+1) * ky)}, real part first. Threading: a {@link Kernel} and its
 * accumulators are used by one thread at a time (the engine's intake thread); the work inside is
 * split over a {@link Pool}.
 */
final class StreamingWiener {
    // complex columns gathered at once for the y transforms: whole cache lines (as RealFft3d)
    private static final int BLOCK = 32;

    // left-out energy of the last plane's kernels in the low-rank form: relative error ~1e-6
    private static final double LOW_RANK_EPS = 1e-12;
    // use the low-rank form only when it needs at most this fraction of nz inverse transforms
    private static final double LOW_RANK_MAX_FRACTION = 0.75;

    private StreamingWiener() {}

    /** Planes need at least 2x2 pixels (1D transforms of length 1 are not planned). */
    static boolean supports(int width, int height) { return width >= 2 && height >= 2; }

    /** Worker threads for the transforms; index 0 is the calling thread. */
    static final class Pool implements AutoCloseable {
        interface Body { void run(int from, int to, int worker); }

        private final int threads;
        private final ExecutorService executor;

        Pool(int threads) {
            this.threads = Math.max(1, threads);
            this.executor = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, new ThreadFactory() {
                private int n;

                @Override
                public synchronized Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "livedecon-stream-" + (++n));
                    t.setDaemon(true);
                    return t;
                }
            });
        }

        int threads() { return threads; }

        /** Runs body over [0, n) split into contiguous chunks, one per thread; waits for all. */
        void forRange(final int n, final Body body) {
            int chunks = Math.min(threads, n);
            if (chunks <= 1) {
                if (n > 0) body.run(0, n, 0);
                return;
            }
            @SuppressWarnings("unchecked")
            Future<?>[] f = new Future<?>[chunks - 1];
            for (int c = 1; c < chunks; c++) {
                final int from = (int) ((long) n * c / chunks), to = (int) ((long) n * (c + 1) / chunks), w = c;
                f[c - 1] = executor.submit(new Runnable() {
                    @Override
                    public void run() { body.run(from, to, w); }
                });
            }
            body.run(0, (int) ((long) n / chunks), 0);
            RuntimeException failure = null;
            for (Future<?> x : f) {
                try {
                    x.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Error) throw (Error) c;
                    failure = c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new java.util.concurrent.CancellationException("interrupted");
                }
            }
            if (failure != null) throw failure;
        }

        /**
         * Runs body for every index in [0, n), one index at a time, handed out dynamically so a
         * thread slowed by other work on the machine takes fewer; waits for all.
         */
        void forEach(final int n, final Body body) {
            int helpers = Math.min(threads, n) - 1;
            if (helpers <= 0) {
                for (int i = 0; i < n; i++) body.run(i, i + 1, 0);
                return;
            }
            final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            forRange(helpers + 1, new Body() {
                @Override
                public void run(int from, int to, int w) {
                    for (int i; (i = next.getAndIncrement()) < n; ) body.run(i, i + 1, w);
                }
            });
        }

        @Override
        public void close() { if (executor != null) executor.shutdownNow(); }
    }

    /** Everything that depends only on the PSF, the settings and the stack size: G, A_first, A_last. */
    static final class Kernel {
        final Psf psf;
        final DeconvolutionSettings settings;
        final int width, height, nz, gx, gy, gz, nxh, planeFloats;
        final Pool pool;
        final float[] g;       // G(d), d = 0 … gz-1, planes of planeFloats
        // the whole kernel of the first and last plane, with the z padding (EdgeTaper) they stand for:
        // per output plane o, G(o) + Σ_k f(k)·G(o − (gz − k)) and G(o − (nz−1)) + Σ_k f(k)·G(o − (nz − 1 + k));
        // for nz = 1 both are in aFirst and aLast is null. Null for periodic boundaries (no padding).
        final float[] aFirst;
        final float[] aLast;
        final float w0;        // W at the origin: the filter's response to a constant
        final boolean extend;
        private final FloatFFT_1D[] planX, planY;
        private final float[][] scratch;
        private final float[][] workPlane; // per worker, made on first use: a spectrum to transform back
        // The last plane's kernel K_o (o = 0 … nz-1) as a low-rank sum Σ_r u_r(o) B_r (an exact
        // eigen-decomposition of the Gram matrix of the K_o, truncated where the left-out energy is
        // below LOW_RANK_EPS): the last plane then needs rank inverse transforms, not nz, and the
        // accumulated spectra of the other planes are transformed back before it arrives.
        // rank 0: not worth it (or no padding information), the plain path is used.
        final int rank;
        final float[] basis;     // B_r, rank spectra of planeFloats
        final float[][] weight;  // weight[o][r] = u_r(o)
        private float[][] lastTerms; // per r: F⁻¹(P_last · B_r), width x height, made on first use
        private float[][] combine;   // per worker: Σ_r u_r(o) · lastTerms[r] for one plane
        private final float[] real;   // the padded plane being transformed (calling thread)
        private final float[] plane;  // its spectrum

        Kernel(Psf psf, DeconvolutionSettings settings, int width, int height, int nz, Pool pool) {
            this.psf = psf;
            this.settings = settings;
            this.width = width;
            this.height = height;
            this.nz = nz;
            this.pool = pool;
            Shape grid = PaddedSizes.grid(Shape.of(width, height, nz), psf.shape(), settings.boundary());
            gx = grid.nx();
            gy = grid.ny();
            gz = grid.nz();
            nxh = gx / 2 + 1;
            planeFloats = 2 * nxh * gy;
            extend = settings.boundary() != Boundary.PERIODIC;
            int t = pool.threads();
            planX = new FloatFFT_1D[t];
            planY = new FloatFFT_1D[t];
            scratch = new float[t][];
            for (int i = 0; i < t; i++) {
                planX[i] = new FloatFFT_1D(gx);
                planY[i] = new FloatFFT_1D(gy);
                scratch[i] = new float[Math.max(2 * gx, 2 * Math.max(BLOCK * gy, gz))];
            }
            workPlane = new float[t][];
            real = new float[gx * gy];
            plane = new float[planeFloats];
            // OTF: the PSF centred at the origin, wrapped (as the CPU backend does), transformed in 3D
            float[] spec = new float[planeFloats * gz];
            Volume v = psf.volume();
            float[] src = v.data();
            float[] slab = new float[gx * gy];
            for (int zg = 0; zg < gz; zg++) {
                java.util.Arrays.fill(slab, 0f);
                boolean any = false;
                for (int z = 0; z < v.nz(); z++) {
                    if (Math.floorMod(z - psf.centreZ(), gz) != zg) continue;
                    any = true;
                    for (int y = 0; y < v.ny(); y++) {
                        int gyy = Math.floorMod(y - psf.centreY(), gy);
                        for (int x = 0; x < v.nx(); x++) {
                            slab[Math.floorMod(x - psf.centreX(), gx) + gx * gyy] += src[x + v.nx() * (y + v.ny() * z)];
                        }
                    }
                }
                if (any) forward2d(slab, spec, zg * planeFloats);
            }
            zPass(spec, true);
            // W = conj(H) / (|H|² + λ), as CpuBackend.wiener
            float lambda = (float) settings.lambda();
            for (int i = 0; i < spec.length; i += 2) {
                float hr = spec[i], hi = spec[i + 1];
                float denom = hr * hr + hi * hi + lambda;
                float f = denom > 0 ? 1f / denom : 0f;
                spec[i] = hr * f;
                spec[i + 1] = -hi * f;
            }
            w0 = spec[0];
            zPass(spec, false); // now G(d), scaled by 1/gz
            g = spec;
            int gap = gz - nz;
            if (gap > 0) {
                aFirst = new float[planeFloats * nz];
                aLast = nz > 1 ? new float[planeFloats * nz] : null;
                final float[] last = nz > 1 ? aLast : aFirst;
                // the z padding as Wiener pads it (EdgeTaper): the last plane tapered after itself,
                // the first plane tapered before itself (wrapped to the end of the grid)
                final int taper = EdgeTaper.length(psf.centreZ(), gap);
                pool.forRange(nz, new Pool.Body() {
                    @Override
                    public void run(int from, int to, int w) {
                        for (int o = from; o < to; o++) {
                            int base = o * planeFloats;
                            for (int k = 1; k <= taper; k++) {
                                float f = EdgeTaper.weight(k, taper);
                                int dl = Math.floorMod(o - (nz - 1 + k), gz) * planeFloats;
                                int df = Math.floorMod(o - (gz - k), gz) * planeFloats;
                                for (int i = 0; i < planeFloats; i++) {
                                    last[base + i] += f * g[dl + i];
                                    aFirst[base + i] += f * g[df + i];
                                }
                            }
                            int d0 = o * planeFloats, dn = Math.floorMod(o - (nz - 1), gz) * planeFloats;
                            for (int i = 0; i < planeFloats; i++) {
                                aFirst[base + i] += g[d0 + i];
                                if (last != aFirst) last[base + i] += g[dn + i];
                            }
                        }
                    }
                });
            } else {
                aFirst = null;
                aLast = null;
            }
            float[][] lr = nz >= 4 ? lowRank() : null;
            if (lr == null) {
                rank = 0;
                basis = null;
                weight = null;
            } else {
                rank = lr.length - 1;
                basis = lr[rank];
                weight = new float[nz][rank];
                for (int o = 0; o < nz; o++) for (int r = 0; r < rank; r++) weight[o][r] = lr[r][o];
            }
            // the background's response, made now rather than in the first stack's finish
            if (extend && (settings.background().isAuto() || settings.background().resolve(null) != 0)) unitResponse();
            // run the low-rank finish once now, not first in a stack's finish: without this, live-sim
            // (24 stacks at 24 fps) had p95 latencies of 250-370 ms, with it 90-110 ms (first-use
            // costs: allocation, and code compiled for other paths recompiled for this one)
            if (rank > 0) addLastLowRank(new float[planeFloats], new float[width * height * nz], 0f, 0f, unit);
        }

        Accumulator start() { return new Accumulator(this, settings.background().isAuto()); }

        // nz inverse transforms, ns, averaged (NaN until seen): measured on both ways (the transform
        // back before the last plane, or the plain finish after it: the same work), so never stale.
        // The low-rank finish is taken as the fraction 1.25 rank / nz of it (rank transforms plus the
        // sums over rank; 0.65 of the plain finish measured for rank 29 of 64).
        double tBack = Double.NaN;

        static double average(double old, long now) { return Double.isNaN(old) ? now : 0.7 * old + 0.3 * now; }

        /**
         * Whether to transform back before the last plane: the latency is then the part of that
         * work still running when the last plane comes (due {@code gap} after this one, of which
         * {@code elapsed} has passed) plus the low-rank finish, else the plain finish.
         */
        boolean worthTransformingBack(long gap, long elapsed) {
            if (gap <= 0 || Double.isNaN(tBack)) return true;
            double wait = Math.max(0, tBack - (gap - elapsed));
            double low = tBack * 1.25 * rank / nz;
            return wait + low < tBack;
        }

        /**
         * The low-rank form of the last plane's kernels: {u_0 … u_{R-1}, basis} with u_r over the
         * nz output planes, or null when R would not save enough transforms. Gram matrix of the
         * K_o as real vectors, weighted as the full spectrum (Parseval: columns 0 < kx < gx/2 count
         * twice), eigen-decomposed by Jacobi rotations in float64.
         */
        private float[][] lowRank() {
            final float[] kern = kernelOf(nz - 1);
            final double[][] gram = new double[nz][nz];
            final int rowFloats = 2 * nxh;
            // columns 0 < kx < gx/2 stand for two columns of the full spectrum
            final int innerEnd = 2 * (gx % 2 == 0 ? nxh - 1 : nxh);
            pool.forEach(nz, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    for (int o = from; o < to; o++) {
                        int ao = kernelOffset(nz - 1, o);
                        for (int q = 0; q <= o; q++) {
                            int aq = kernelOffset(nz - 1, q);
                            double edge = 0, inner = 0;
                            for (int j = 0; j < gy; j++) {
                                int row = j * rowFloats;
                                for (int i = row; i < row + 2; i++) edge += (double) kern[ao + i] * kern[aq + i];
                                for (int i = row + 2; i < row + innerEnd; i++) inner += (double) kern[ao + i] * kern[aq + i];
                                for (int i = row + innerEnd; i < row + rowFloats; i++) edge += (double) kern[ao + i] * kern[aq + i];
                            }
                            gram[o][q] = edge + 2 * inner;
                        }
                    }
                }
            });
            for (int o = 0; o < nz; o++) for (int q = 0; q < o; q++) gram[q][o] = gram[o][q];
            double[][] vec = new double[nz][nz];
            double[] val = jacobi(gram, vec);
            Integer[] order = new Integer[nz];
            double total = 0;
            for (int i = 0; i < nz; i++) {
                order[i] = i;
                total += Math.max(0, val[i]);
            }
            final double[] v = val;
            java.util.Arrays.sort(order, new java.util.Comparator<Integer>() {
                @Override
                public int compare(Integer a, Integer b) { return Double.compare(v[b], v[a]); }
            });
            int r = 0;
            double left = total;
            while (r < nz && left > LOW_RANK_EPS * total) left -= Math.max(0, val[order[r++]]);
            if (r > LOW_RANK_MAX_FRACTION * nz) return null;
            final int rank = r;
            final float[][] out = new float[rank + 1][];
            final float[] b = new float[rank * planeFloats];
            for (int i = 0; i < rank; i++) {
                out[i] = new float[nz];
                for (int o = 0; o < nz; o++) out[i][o] = (float) vec[o][order[i]];
            }
            // B_r = Σ_o u_r(o) K_o
            pool.forEach(rank, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    for (int i = from; i < to; i++) {
                        double[] acc = new double[planeFloats];
                        for (int o = 0; o < nz; o++) {
                            double u = out[i][o];
                            int ao = kernelOffset(nz - 1, o);
                            for (int j = 0; j < planeFloats; j++) acc[j] += u * kern[ao + j];
                        }
                        for (int j = 0; j < planeFloats; j++) b[i * planeFloats + j] = (float) acc[j];
                    }
                }
            });
            out[rank] = b;
            return out;
        }

        /** Eigenvalues of the symmetric matrix a (destroyed); eigenvectors in the columns of vec. Cyclic Jacobi. */
        private static double[] jacobi(double[][] a, double[][] vec) {
            int n = a.length;
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(vec[i], 0);
                vec[i][i] = 1;
            }
            for (int sweep = 0; sweep < 100; sweep++) {
                double off = 0, diag = 0;
                for (int i = 0; i < n; i++) {
                    diag += a[i][i] * a[i][i];
                    for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
                }
                if (off <= 1e-26 * diag) break;
                for (int p = 0; p < n; p++) {
                    for (int q = p + 1; q < n; q++) {
                        double apq = a[p][q];
                        if (apq == 0) continue;
                        double theta = (a[q][q] - a[p][p]) / (2 * apq);
                        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                        if (theta == 0) t = 1;
                        double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
                        for (int k = 0; k < n; k++) {
                            double akp = a[k][p], akq = a[k][q];
                            a[k][p] = c * akp - sn * akq;
                            a[k][q] = sn * akp + c * akq;
                        }
                        for (int k = 0; k < n; k++) {
                            double apk = a[p][k], aqk = a[q][k];
                            a[p][k] = c * apk - sn * aqk;
                            a[q][k] = sn * apk + c * aqk;
                        }
                        for (int k = 0; k < n; k++) {
                            double vkp = vec[k][p], vkq = vec[k][q];
                            vec[k][p] = c * vkp - sn * vkq;
                            vec[k][q] = sn * vkp + c * vkq;
                        }
                    }
                }
            }
            double[] d = new double[n];
            for (int i = 0; i < n; i++) d[i] = a[i][i];
            return d;
        }

        /**
         * Low-rank path, after the last plane (slice nz-1, spectrum p): adds to out (the other
         * planes' result, transformed back before it came) Σ_r u_r(o) F⁻¹(p · B_r), minus shift and
         * fb · u.
         */
        void addLastLowRank(final float[] p, final float[] out, final float shift, final float fb, final float[] u) {
            addLastLowRank(p, out, shift, fb, u, null, null);
        }

        /**
         * As above for the planes o with done[o] (all when done is null); the others were not
         * transformed back yet: their spectra in acc (plane o at o * planeFloats) go the plain way,
         * with the last plane's term fused in.
         */
        void addLastLowRank(final float[] p, final float[] out, final float shift, final float fb, final float[] u,
                            final boolean[] done, final float[] acc) {
            final int wh = width * height;
            if (lastTerms == null) {
                lastTerms = new float[rank][wh];
                combine = new float[pool.threads()][wh];
            }
            boolean any = done == null;
            for (int o = 0; !any && o < nz; o++) any = done[o];
            if (any) {
                pool.forEach(rank, new Pool.Body() {
                    @Override
                    public void run(int from, int to, int w) {
                        for (int r = from; r < to; r++) inverse2d(null, 0, p, basis, r * planeFloats, lastTerms[r], 0, 0f, 0f, null, w);
                    }
                });
            }
            final float[] kern = kernelOf(nz - 1);
            pool.forEach(nz, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    float[] t = combine[w];
                    for (int o = from; o < to; o++) {
                        if (done != null && !done[o]) {
                            inverse2d(acc, o * planeFloats, p, kern, kernelOffset(nz - 1, o), out, o * wh, shift, fb, u, w);
                            continue;
                        }
                        java.util.Arrays.fill(t, 0f);
                        float[] wo = weight[o];
                        for (int r = 0; r < rank; r++) axpy(t, lastTerms[r], wo[r]);
                        int base = o * wh;
                        if (u == null) {
                            for (int i = 0; i < wh; i++) out[base + i] += t[i] - shift;
                        } else {
                            for (int i = 0; i < wh; i++) out[base + i] += t[i] - shift - fb * u[base + i];
                        }
                    }
                }
            });
        }

        /** t += a · y, both from index 0 (a form the JIT vectorises). */
        private static void axpy(float[] t, float[] y, float a) {
            for (int i = 0; i < t.length; i++) t[i] += a * y[i];
        }

        /** The kernel array of plane z's contribution; see {@link #kernelOffset}. */
        float[] kernelOf(int z) {
            if (z == 0 && aFirst != null) return aFirst;
            if (z == nz - 1 && aLast != null) return aLast;
            return g;
        }

        /** Where output plane o's kernel for plane z starts in {@link #kernelOf}(z). */
        int kernelOffset(int z, int o) {
            if ((z == 0 && aFirst != null) || (z == nz - 1 && aLast != null)) return o * planeFloats;
            return Math.floorMod(o - z, gz) * planeFloats;
        }

        /** W(pad(1)) on the stack: the filtered padded constant, for the background term; made once. */
        private float[] unit;

        float[] unitResponse() {
            if (unit == null) {
                Accumulator a = new Accumulator(this, false);
                a.lowRank = false; // exact, and invert() needs the spectra
                float[] ones = new float[width * height];
                java.util.Arrays.fill(ones, 1f);
                for (int z = 0; z < nz; z++) a.add(z, ones);
                unit = a.invert(0f, 0f, null);
            }
            return unit;
        }

        /** Bytes this kernel holds. */
        long bytes() {
            return 4L * (g.length + (aFirst == null ? 0 : aFirst.length) + (aLast == null ? 0 : aLast.length)
                    + (unit == null ? 0 : unit.length) + (basis == null ? 0 : basis.length)
                    + (long) rank * width * height * (1 + pool.threads()));
        }

        /** Camera plane → padded, smoothly extended plane → its 2D spectrum in {@link #plane}. Calling thread only. */
        float[] transformCameraPlane(Object pixels) {
            int n = width * height;
            if (gx == width) {
                Planes.toFloat(pixels, n, real, 0, "plane");
            } else {
                java.util.Arrays.fill(real, 0f);
                for (int y = 0; y < height; y++) copyRow(pixels, y * width, real, y * gx, width);
            }
            if (extend) {
                for (int y = 0; y < height; y++) EdgeTaper.fill(real, y * gx, 1, width, gx, psf.centreX());
                for (int x = 0; x < gx; x++) EdgeTaper.fill(real, x, gx, height, gy, psf.centreY());
            }
            forward2d(real, plane, 0);
            return plane;
        }

        private static void copyRow(Object pixels, int from, float[] out, int to, int n) {
            if (pixels instanceof short[]) {
                short[] p = (short[]) pixels;
                for (int i = 0; i < n; i++) out[to + i] = p[from + i] & 0xffff;
            } else if (pixels instanceof byte[]) {
                byte[] p = (byte[]) pixels;
                for (int i = 0; i < n; i++) out[to + i] = p[from + i] & 0xff;
            } else if (pixels instanceof float[]) {
                System.arraycopy((float[]) pixels, from, out, to, n);
            } else {
                throw new IllegalArgumentException("plane pixels must be byte[], short[] or float[], got "
                        + (pixels == null ? "null" : pixels.getClass().getSimpleName()));
            }
        }

        /** Real plane gx*gy → half spectrum at out[offset …]. */
        void forward2d(final float[] in, final float[] out, final int offset) {
            pool.forRange((gy + 1) / 2, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    float[] tmp = scratch[w];
                    for (int pair = from; pair < to; pair++) {
                        int l0 = 2 * pair, l1 = l0 + 1;
                        boolean second = l1 < gy;
                        for (int x = 0; x < gx; x++) {
                            tmp[2 * x] = in[gx * l0 + x];
                            tmp[2 * x + 1] = second ? in[gx * l1 + x] : 0f;
                        }
                        planX[w].complexForward(tmp, 0);
                        // A_k = (Z_k + conj Z_{n-k}) / 2, B_k = (Z_k - conj Z_{n-k}) / 2i
                        int oa = offset + 2 * nxh * l0, ob = offset + 2 * nxh * l1;
                        for (int k = 0; k < nxh; k++) {
                            int m = k == 0 ? 0 : gx - k;
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
            pool.forRange((nxh + BLOCK - 1) / BLOCK, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    for (int blk = from; blk < to; blk++) forwardColumns(out, offset, blk * BLOCK, w);
                }
            });
        }

        /** Forward y transforms of the columns kx0 … kx0+BLOCK-1 of the half spectrum at data[offset …]. */
        private void forwardColumns(float[] data, int offset, int k0, int w) {
            float[] tmp = scratch[w];
            int bw = Math.min(BLOCK, nxh - k0), stride = 2 * nxh, n2 = 2 * gy;
            for (int j = 0; j < gy; j++) {
                int src = offset + j * stride + 2 * k0;
                for (int c = 0; c < bw; c++) {
                    tmp[c * n2 + 2 * j] = data[src + 2 * c];
                    tmp[c * n2 + 2 * j + 1] = data[src + 2 * c + 1];
                }
            }
            for (int c = 0; c < bw; c++) planY[w].complexForward(tmp, c * n2);
            for (int j = 0; j < gy; j++) {
                int dst = offset + j * stride + 2 * k0;
                for (int c = 0; c < bw; c++) {
                    data[dst + 2 * c] = tmp[c * n2 + 2 * j];
                    data[dst + 2 * c + 1] = tmp[c * n2 + 2 * j + 1];
                }
            }
        }

        /**
         * One output plane, on worker w: the half spectrum acc[offset …] plus (when p is not null)
         * p · kern[koff …], transformed back (1/(gx*gy)) to rows y < height, written to
         * out[outOffset …] (width x height) minus {@code shift} and minus {@code fb · u[outOffset …]}
         * (when u is not null). acc is overwritten.
         */
        void inverse2d(float[] acc, int offset, float[] p, float[] kern, int koff, final float[] out,
                       final int outOffset, final float shift, float fb, float[] u, final int w) {
            float[] tmp = scratch[w];
            boolean zero = acc == null; // the spectrum is p · kern alone (a worker's own plane holds it)
            if (zero) {
                if (workPlane[w] == null) workPlane[w] = new float[planeFloats];
                acc = workPlane[w];
                offset = 0;
            }
            int stride = 2 * nxh, n2 = 2 * gy;
            // y: gather BLOCK columns (adding the pending plane's term), transform, scatter back
            for (int k0 = 0; k0 < nxh; k0 += BLOCK) {
                int bw = Math.min(BLOCK, nxh - k0);
                for (int j = 0; j < gy; j++) {
                    int src = offset + j * stride + 2 * k0;
                    int ps = j * stride + 2 * k0;
                    if (p == null) {
                        for (int c = 0; c < bw; c++) {
                            tmp[c * n2 + 2 * j] = acc[src + 2 * c];
                            tmp[c * n2 + 2 * j + 1] = acc[src + 2 * c + 1];
                        }
                    } else {
                        int ks = koff + ps;
                        for (int c = 0; c < bw; c++) {
                            float pr = p[ps + 2 * c], pi = p[ps + 2 * c + 1], gr = kern[ks + 2 * c], gi = kern[ks + 2 * c + 1];
                            float ar = zero ? 0f : acc[src + 2 * c], ai = zero ? 0f : acc[src + 2 * c + 1];
                            tmp[c * n2 + 2 * j] = ar + pr * gr - pi * gi;
                            tmp[c * n2 + 2 * j + 1] = ai + pr * gi + pi * gr;
                        }
                    }
                }
                for (int c = 0; c < bw; c++) planY[w].complexInverse(tmp, c * n2, false);
                // only rows y < height are transformed along x
                for (int j = 0; j < height; j++) {
                    int dst = offset + j * stride + 2 * k0;
                    for (int c = 0; c < bw; c++) {
                        acc[dst + 2 * c] = tmp[c * n2 + 2 * j];
                        acc[dst + 2 * c + 1] = tmp[c * n2 + 2 * j + 1];
                    }
                }
            }
            // x: two real rows as one complex line
            float scale = 1f / gy;
            for (int l0 = 0; l0 < height; l0 += 2) {
                int l1 = l0 + 1;
                boolean need1 = l1 < height;
                int oa = offset + stride * l0, ob = offset + stride * l1;
                for (int k = 0; k < nxh; k++) {
                    float ar = acc[oa + 2 * k], ai = acc[oa + 2 * k + 1];
                    float br = need1 ? acc[ob + 2 * k] : 0f, bi = need1 ? acc[ob + 2 * k + 1] : 0f;
                    tmp[2 * k] = ar - bi;
                    tmp[2 * k + 1] = ai + br;
                    int m = gx - k;
                    if (k > 0 && m >= nxh) {
                        tmp[2 * m] = ar + bi;
                        tmp[2 * m + 1] = br - ai;
                    }
                }
                planX[w].complexInverse(tmp, 0, true);
                int a = outOffset + width * l0, b = outOffset + width * l1;
                if (u == null) {
                    for (int x = 0; x < width; x++) out[a + x] = tmp[2 * x] * scale - shift;
                    if (need1) for (int x = 0; x < width; x++) out[b + x] = tmp[2 * x + 1] * scale - shift;
                } else {
                    for (int x = 0; x < width; x++) out[a + x] = tmp[2 * x] * scale - shift - fb * u[a + x];
                    if (need1) for (int x = 0; x < width; x++) out[b + x] = tmp[2 * x + 1] * scale - shift - fb * u[b + x];
                }
            }
        }

        /** Transforms along z every (kx, ky) of a gz-plane spectrum; the inverse is scaled by 1/gz. */
        private void zPass(final float[] spec, final boolean forward) {
            if (gz == 1) return;
            final FloatFFT_1D[] planZ = new FloatFFT_1D[pool.threads()];
            for (int i = 0; i < planZ.length; i++) planZ[i] = new FloatFFT_1D(gz);
            pool.forRange(planeFloats / 2, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    float[] tmp = new float[2 * gz];
                    for (int c = from; c < to; c++) {
                        for (int z = 0; z < gz; z++) {
                            tmp[2 * z] = spec[z * planeFloats + 2 * c];
                            tmp[2 * z + 1] = spec[z * planeFloats + 2 * c + 1];
                        }
                        if (forward) planZ[w].complexForward(tmp, 0);
                        else planZ[w].complexInverse(tmp, 0, true);
                        for (int z = 0; z < gz; z++) {
                            spec[z * planeFloats + 2 * c] = tmp[2 * z];
                            spec[z * planeFloats + 2 * c + 1] = tmp[2 * z + 1];
                        }
                    }
                }
            });
        }
    }

    /** The output spectra of one stack being received. One thread at a time. */
    static final class Accumulator {
        private final Kernel k;
        private float[] acc;
        private boolean haveFirst, haveLast;
        private int added;
        private String invalid;
        // the plane that completed the stack: its term is added inside the inverse pass (one pass
        // over each output spectrum after the last plane instead of two)
        private float[] pending;
        private int pendingZ = -1;
        // low-rank path: the result of every plane but the last, transformed back before it came
        private float[] preInverted;
        private boolean[] backDone;
        private boolean lowRank = true;
        private long lastArrival;
        // automatic background gathered plane by plane, so only its mode search is left at the end
        private BackgroundEstimator.Progressive background;

        Accumulator(Kernel k, boolean autoBackground) {
            this.k = k;
            this.acc = new float[k.planeFloats * k.nz];
            if (autoBackground) background = new BackgroundEstimator.Progressive(k.width, k.height, k.nz);
        }

        boolean valid() { return invalid == null; }

        /** Stops streaming this stack (it goes the whole-stack way); frees the spectra. */
        void invalidate(String why) {
            if (invalid == null) invalid = why;
            acc = null;
            preInverted = null;
            pending = null;
            background = null;
            haveFirst = false;
            haveLast = false;
        }

        /**
         * Transforms slice z (any order, each once) and adds its contribution to every output plane;
         * the plane that completes the stack is kept for {@link #finish}.
         */
        void add(final int z, Object pixels) { add(z, pixels, false, 0, null); }

        /**
         * As {@link #add(int, Object)}. {@code behind}: planes are already waiting to be added, so the
         * last plane may be among them and is not waited for (no transform back before it).
         * {@code arrivalNanos}: when the plane was handed over ({@link System#nanoTime()}, 0 if
         * unknown); with the previous plane's it tells when the last plane is due, and the
         * transform back before it is done only when it is expected to shorten the latency.
         */
        void add(final int z, Object pixels, boolean behind, long arrivalNanos, java.util.concurrent.Callable<Boolean> waiting) {
            if (invalid != null) return;
            long gap = arrivalNanos != 0 && lastArrival != 0 ? arrivalNanos - lastArrival : 0;
            lastArrival = arrivalNanos;
            final float[] p = k.transformCameraPlane(pixels);
            if (background != null) background.add(z, pixels);
            if (z == 0) haveFirst = true;
            if (z == k.nz - 1) haveLast = true;
            added++;
            if (added == k.nz) {
                pending = p.clone();
                pendingZ = z;
                return;
            }
            if (added == k.nz - 1 && !haveLast && k.rank > 0 && lowRank && !behind
                    && k.worthTransformingBack(gap, arrivalNanos == 0 ? 0 : System.nanoTime() - arrivalNanos)) {
                // all planes but the last one with this: transform back now, this plane's term fused in
                transformBack(z, p, waiting);
                return;
            }
            accumulate(z, p);
        }

        /**
         * Transforms every output plane back before the last plane comes (plane z's term p fused
         * in), plane by plane; stops taking planes once {@code waiting} says the last plane (or any
         * plane) is waiting: the planes left keep their spectra (with z's term added) for the finish.
         */
        private void transformBack(final int z, final float[] p, final java.util.concurrent.Callable<Boolean> waiting) {
            long t0 = System.nanoTime();
            final float[] a = acc;
            final int pf = k.planeFloats, wh = k.width * k.height;
            final float[] kern = k.kernelOf(z);
            final float[] out = new float[wh * k.nz];
            final boolean[] done = new boolean[k.nz];
            final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            k.pool.forEach(k.nz, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    for (int o = from; o < to; o++) {
                        if (stop.get()) return;
                        if (waiting != null) {
                            try {
                                if (waiting.call()) {
                                    stop.set(true);
                                    return;
                                }
                            } catch (Exception e) {
                                // keep going: the check is only a hint
                            }
                        }
                        k.inverse2d(a, o * pf, p, kern, k.kernelOffset(z, o), out, o * wh, 0f, 0f, null, w);
                        done[o] = true;
                    }
                }
            });
            if (stop.get()) {
                k.pool.forEach(k.nz, new Pool.Body() {
                    @Override
                    public void run(int from, int to, int w) {
                        for (int o = from; o < to; o++) if (!done[o]) macc(a, o * pf, p, 0, kern, k.kernelOffset(z, o), pf);
                    }
                });
            } else {
                k.tBack = Kernel.average(k.tBack, System.nanoTime() - t0);
                acc = null;
            }
            preInverted = out;
            backDone = done;
        }

        private void accumulate(final int z, final float[] p) {
            final float[] a = acc;
            final int pf = k.planeFloats;
            final float[] kern = k.kernelOf(z);
            k.pool.forRange(k.nz, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    for (int o = from; o < to; o++) macc(a, o * pf, p, 0, kern, k.kernelOffset(z, o), pf);
                }
            });
        }

        /**
         * After the last plane: the background (its samples are sorted already), then per output
         * plane, in one pass: the last plane's term, the inverse 2D transform and the background
         * subtraction. Returns the deconvolved stack (width x height x nz).
         */
        Volume finish(RawStack raw, VoxelSize voxel) {
            if (invalid != null) throw new IllegalStateException("streaming was stopped: " + invalid);
            if (added < k.nz || !haveFirst || !haveLast) {
                throw new IllegalStateException("streaming got " + added + " of " + k.nz + " planes");
            }
            if (!k.psf.voxelSize().approximatelyEquals(voxel)) {
                throw new IllegalArgumentException("PSF voxel size " + k.psf.voxelSize() + " differs from the image's "
                        + voxel + ": resample the PSF to the image first (PsfPreparer does)");
            }
            // auto needs the stack; fixed and none do not look at it
            double b;
            if (!k.settings.background().isAuto()) b = k.settings.background().resolve(null);
            else if (background != null && background.complete()) b = background.estimate();
            else b = raw.estimateBackground(voxel);
            background = null;
            // Periodic: a constant is a pure DC term, mapped to b·W(0). Non-circulant: the padding
            // tapers a constant to 0, so its response U = W(pad(1)) varies near the faces.
            float[] out;
            long t0 = System.nanoTime();
            boolean low = preInverted != null;
            if (preInverted != null) {
                out = preInverted;
                preInverted = null;
                if (k.extend && b != 0) k.addLastLowRank(pending, out, 0f, (float) b, k.unitResponse(), backDone, acc);
                else k.addLastLowRank(pending, out, k.extend ? 0f : (float) (b * k.w0), 0f, null, backDone, acc);
                pending = null;
                acc = null;
                backDone = null;
            } else {
                out = k.extend && b != 0 ? invert(0f, (float) b, k.unitResponse())
                        : invert(k.extend ? 0f : (float) (b * k.w0), 0f, null);
            }
            if (!low) k.tBack = Kernel.average(k.tBack, System.nanoTime() - t0);
            return new Volume(Shape.of(k.width, k.height, k.nz), voxel, out);
        }

        /** Transforms every output plane back (with the pending plane's term), minus shift + fb·u. */
        float[] invert(final float shift, final float fb, final float[] u) {
            final float[] a = acc, p = pending;
            final int pf = k.planeFloats, wh = k.width * k.height, z = pendingZ;
            final float[] kern = p == null ? null : k.kernelOf(z);
            final float[] out = new float[wh * k.nz];
            k.pool.forEach(k.nz, new Pool.Body() {
                @Override
                public void run(int from, int to, int w) {
                    for (int o = from; o < to; o++) {
                        k.inverse2d(a, o * pf, p, kern, p == null ? 0 : k.kernelOffset(z, o), out, o * wh, shift, fb, u, w);
                    }
                }
            });
            acc = null;
            pending = null;
            return out;
        }

        /** acc[ao …] += p[po …] · g[go …], complex, n floats. */
        private static void macc(float[] acc, int ao, float[] p, int po, float[] g, int go, int n) {
            for (int i = 0; i < n; i += 2) {
                float pr = p[po + i], pi = p[po + i + 1], gr = g[go + i], gi = g[go + i + 1];
                acc[ao + i] += pr * gr - pi * gi;
                acc[ao + i + 1] += pr * gi + pi * gr;
            }
        }
    }
}
