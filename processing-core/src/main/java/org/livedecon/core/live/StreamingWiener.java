package org.livedecon.core.live;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.Parallel;
import org.livedecon.core.backend.PlaneSpectra;
import org.livedecon.core.backend.SpectrumBuffer;
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
 * padding Wiener uses), folded into the first and last plane's kernels ({@link PlaneKernels}).
 * The background enters linearly: the result for y − b is the result for y minus b times
 * U = W(pad(1)), the filtered padded constant (b·W(0) everywhere for periodic boundaries); it is
 * subtracted at the end, when the stack (and so an automatic background) is known. An automatic
 * background is gathered plane by plane ({@link BackgroundEstimator.Progressive}, identical to
 * the whole-stack estimate).
 *
 * <p>After the last plane. Every output plane depends on it (widefield: H(0,0,kz) ≈ 0 for
 * kz ≠ 0, so G(0,0,d) is the same for every d), so the plain way is nz inverse 2D transforms,
 * each with the last plane's term added on the way. When the planes come in order, it is
 * shorter: the last plane's kernels K_o (o = 0 … nz−1) are close to a sum of few terms,
 * K_o = Σ_r u_r(o)·B_r (eigenvectors of their Gram matrix; rank 29 of 64 for a widefield
 * 64x256x256 stack, left-out energy below 1e-12 of the total, so the error is ~1e-6 of the
 * result). So when all planes but the last are in, their accumulated spectra are transformed back
 * at once (while the camera takes the last plane), and after it only the rank transforms
 * F⁻¹(P_last·B_r) and the sums x_o += Σ_r u_r(o)·F⁻¹(P_last·B_r) remain.
 *
 * <p>The transforms and products run on a {@link Backend}'s {@link PlaneSpectra} (the CPU or the
 * OpenCL device the user chose); the sums on the heap run on its host threads. Threading: a
 * {@link Kernel} and its accumulators are used by one thread at a time (the engine's intake thread).
 */
final class StreamingWiener {
    private StreamingWiener() {}

    /** Planes need at least 2x2 pixels. */
    static boolean supports(int width, int height) { return width >= 2 && height >= 2; }

    /** Everything that depends only on the PSF, the settings and the stack size, on the device. */
    static final class Kernel implements AutoCloseable {
        final Psf psf;
        final DeconvolutionSettings settings;
        final int width, height, nz, gx, gy, gz;
        final float w0;        // W at the origin: the filter's response to a constant
        final boolean extend;
        final PlaneSpectra planes;
        final Parallel host;
        private final SpectrumBuffer g, aFirst, aLast; // as PlaneKernels, on the device
        private final SpectrumBuffer current;          // the plane being added (one plane)
        private final float[] real;                    // the padded plane being transformed
        private float[] camera;                        // the camera plane as float, when it is padded in x
        // The last plane's kernel as a low-rank sum Σ_r u_r(o) B_r (see the class comment); rank 0:
        // not worth it (or no padding information), the plain path is used.
        final int rank;
        private final SpectrumBuffer basis;    // B_r, rank planes
        private final float[][] weight;        // weight[o][r] = u_r(o)
        private float[][] lastTerms;           // F⁻¹(P_last · B_r), rank planes of width x height
        private float[][] combine;             // per host worker: Σ_r u_r(o) · lastTerms[r] for one plane
        private float[] unit;                  // W(pad(1)) on the stack, made once
        // stacks lent to accumulators, released when an accumulator is finished, stopped, or dropped
        private final ReferenceQueue<Accumulator> dropped = new ReferenceQueue<Accumulator>();
        private final Map<Reference<Accumulator>, SpectrumBuffer[]> lent = new HashMap<Reference<Accumulator>, SpectrumBuffer[]>();

        // nz inverse transforms, ns, averaged (NaN until seen): measured on both ways (the transform
        // back before the last plane, or the plain finish after it: the same work), so never stale.
        // The low-rank finish is taken as the fraction 1.25 rank / nz of it (rank transforms plus the
        // sums over rank; 0.65 of the plain finish measured for rank 29 of 64).
        double tBack = Double.NaN;

        /**
         * @param backend     where the transforms run; the kernel's device memory is released by
         *                    {@link #close()}, before the backend's
         * @param hostThreads threads for the sums on the heap when the backend has none (a GPU)
         */
        Kernel(Psf psf, DeconvolutionSettings settings, int width, int height, int nz, Backend backend, int hostThreads) {
            this.psf = psf;
            this.settings = settings;
            this.width = width;
            this.height = height;
            this.nz = nz;
            Shape grid = PaddedSizes.grid(Shape.of(width, height, nz), psf.shape(), settings.boundary());
            gx = grid.nx();
            gy = grid.ny();
            gz = grid.nz();
            extend = settings.boundary() != Boundary.PERIODIC;
            planes = backend.planes(gx, gy, hostThreads);
            try {
                host = planes.host();
                real = new float[gx * gy];
                PlaneKernels k = new PlaneKernels(psf, settings, grid, nz, host);
                w0 = k.w0;
                g = upload(k.g, gz);
                aFirst = k.aFirst == null ? null : upload(k.aFirst, nz);
                aLast = k.aLast == null ? null : upload(k.aLast, nz);
                current = planes.stack(1);
                // low rank only with the padding information (the first and last plane's own kernels)
                float[][] lr = nz >= 4 && aLast != null ? k.lowRank(host) : null;
                if (lr == null) {
                    rank = 0;
                    basis = null;
                    weight = null;
                } else {
                    rank = lr.length - 1;
                    basis = upload(lr[rank], rank);
                    weight = new float[nz][rank];
                    for (int o = 0; o < nz; o++) for (int r = 0; r < rank; r++) weight[o][r] = lr[r][o];
                }
                // the background's response, made now rather than in the first stack's finish
                if (extend && (settings.background().isAuto() || settings.background().resolve(null) != 0)) unitResponse();
                // run the low-rank finish once now, not first in a stack's finish: without this, live-sim
                // (24 stacks at 24 fps) had p95 latencies of 250-370 ms, with it 90-110 ms (first-use
                // costs: allocation, and code compiled for other paths recompiled for this one)
                if (rank > 0) {
                    Accumulator warm = start();
                    warm.addLastLowRank(current, new float[width * height * nz], 0f, 0f, unit, nz, null);
                    warm.release();
                }
            } catch (RuntimeException | Error e) {
                planes.close();
                throw e;
            }
        }

        private SpectrumBuffer upload(float[] half, int n) {
            SpectrumBuffer s = planes.stack(n);
            planes.upload(half, s);
            return s;
        }

        Accumulator start() {
            for (Reference<? extends Accumulator> r; (r = dropped.poll()) != null; ) close(lent.remove(r));
            return new Accumulator(this, settings.background().isAuto());
        }

        private static void close(SpectrumBuffer[] bs) {
            for (int i = 0; bs != null && i < bs.length; i++) bs[i].close();
        }

        static double average(double old, long now) { return Double.isNaN(old) ? now : 0.7 * old + 0.3 * now; }

        /**
         * Whether to transform back before the last plane: the latency is then the part of that
         * work still running when the last plane comes (due {@code gap} after this one, of which
         * {@code elapsed} has passed) plus the low-rank finish, else the plain finish.
         */
        boolean worthTransformingBack(long gap, long elapsed) {
            if (gap <= 0 || Double.isNaN(tBack)) return true;
            double wait = Math.max(0, tBack - (gap - elapsed)), low = tBack * 1.25 * rank / nz;
            return wait + low < tBack;
        }

        /** The kernel stack of plane z's contribution; output plane o's is plane {@link #kernelFirst}(z) + o (cyclic). */
        SpectrumBuffer kernelOf(int z) {
            if (z == 0 && aFirst != null) return aFirst;
            if (z == nz - 1 && aLast != null) return aLast;
            return g;
        }

        int kernelFirst(int z) { return (z == 0 && aFirst != null) || (z == nz - 1 && aLast != null) ? 0 : -z; }

        /** W(pad(1)) on the stack: the filtered padded constant, for the background term; made once. */
        float[] unitResponse() {
            if (unit == null) {
                Accumulator a = new Accumulator(this, false);
                a.lowRank = false; // exact, and invert() needs the spectra
                float[] ones = new float[width * height];
                Arrays.fill(ones, 1f);
                for (int z = 0; z < nz; z++) a.add(z, ones);
                unit = a.invert(0f, 0f, null);
            }
            return unit;
        }

        /** Bytes this kernel holds: on the heap, and the stacks (on the heap for the CPU backend). */
        long bytes() {
            long stacks = planes.stackBytes(gz + (aFirst == null ? 0 : nz) + (aLast == null ? 0 : nz) + rank + 1);
            return 4L * (real.length + (unit == null ? 0 : unit.length) + (long) rank * width * height * (1 + host.threads()))
                    + (planes.onHeap() ? stacks : 0);
        }

        /** Camera plane → padded, smoothly extended plane → its 2D spectrum in plane 0 of {@code into}. */
        void transformCameraPlane(Object pixels, SpectrumBuffer into) {
            if (gx == width) {
                Planes.toFloat(pixels, width * height, real, 0, "plane");
            } else {
                if (camera == null) camera = new float[width * height];
                Planes.toFloat(pixels, width * height, camera, 0, "plane");
                Arrays.fill(real, 0f);
                for (int y = 0; y < height; y++) System.arraycopy(camera, y * width, real, y * gx, width);
            }
            if (extend) {
                for (int y = 0; y < height; y++) EdgeTaper.fill(real, y * gx, 1, width, gx, psf.centreX());
                for (int x = 0; x < gx; x++) EdgeTaper.fill(real, x, gx, height, gy, psf.centreY());
            }
            planes.forward(real, into, 0);
        }

        /** Releases the device memory of this kernel and of its accumulators (the backend's plane operations). */
        @Override
        public void close() {
            lent.clear();
            planes.close();
        }
    }

    /** The output spectra of one stack being received. One thread at a time. */
    static final class Accumulator {
        private final Kernel k;
        private final Reference<Accumulator> self;
        private SpectrumBuffer acc, pending; // nz output spectra; the plane that completed the stack
        private boolean haveFirst, haveLast;
        private int added, pendingZ = -1;
        private String invalid;
        // low-rank path: output planes [0, backDone) of every plane but the last, transformed back before it came
        private float[] preInverted;
        private int backDone;
        private boolean lowRank = true;
        private long lastArrival;
        // automatic background gathered plane by plane, so only its mode search is left at the end
        private BackgroundEstimator.Progressive background;

        Accumulator(Kernel k, boolean autoBackground) {
            this.k = k;
            this.acc = k.planes.stack(k.nz);
            this.pending = k.planes.stack(1);
            this.self = new WeakReference<Accumulator>(this, k.dropped);
            k.lent.put(self, new SpectrumBuffer[] {acc, pending});
            if (autoBackground) background = new BackgroundEstimator.Progressive(k.width, k.height, k.nz);
        }

        boolean valid() { return invalid == null; }

        /** Stops streaming this stack (it goes the whole-stack way); frees the spectra. */
        void invalidate(String why) {
            if (invalid == null) invalid = why;
            release();
            preInverted = null;
            background = null;
            haveFirst = false;
            haveLast = false;
        }

        void release() { // the spectra (device memory)
            Kernel.close(k.lent.remove(self));
            acc = null;
            pending = null;
        }

        /**
         * Transforms slice z (any order, each once) and adds its contribution to every output plane;
         * the plane that completes the stack is kept for {@link #finish}.
         */
        void add(int z, Object pixels) { add(z, pixels, false, 0, null); }

        /**
         * As {@link #add(int, Object)}. {@code behind}: planes are already waiting to be added, so the
         * last plane may be among them and is not waited for (no transform back before it).
         * {@code arrivalNanos}: when the plane was handed over ({@link System#nanoTime()}, 0 if
         * unknown); with the previous plane's it tells when the last plane is due, and the
         * transform back before it is done only when it is expected to shorten the latency.
         */
        void add(int z, Object pixels, boolean behind, long arrivalNanos, Callable<Boolean> waiting) {
            if (invalid != null) return;
            long gap = arrivalNanos != 0 && lastArrival != 0 ? arrivalNanos - lastArrival : 0;
            lastArrival = arrivalNanos;
            boolean completes = added + 1 == k.nz;
            k.transformCameraPlane(pixels, completes ? pending : k.current);
            if (background != null) background.add(z, pixels);
            haveFirst |= z == 0;
            haveLast |= z == k.nz - 1;
            added++;
            if (completes) {
                pendingZ = z;
                return;
            }
            if (added == k.nz - 1 && !haveLast && k.rank > 0 && lowRank && !behind
                    && k.worthTransformingBack(gap, arrivalNanos == 0 ? 0 : System.nanoTime() - arrivalNanos)) {
                // all planes but the last one with this: transform back now, this plane's term added on the way
                transformBack(z, waiting);
                return;
            }
            k.planes.multiply(acc, 0, k.nz, true, k.current, 0, k.kernelOf(z), k.kernelFirst(z));
        }

        /**
         * Transforms every output plane back before the last plane comes (plane z's term added),
         * a few planes at a time; stops once {@code waiting} says the last plane (or any plane) is
         * waiting: the planes left keep their spectra (with z's term added) for the finish.
         */
        private void transformBack(int z, Callable<Boolean> waiting) {
            long t0 = System.nanoTime();
            int wh = k.width * k.height, step = k.planes.planesPerCall();
            SpectrumBuffer kern = k.kernelOf(z);
            int first = k.kernelFirst(z);
            float[] out = new float[wh * k.nz];
            int o = 0;
            while (o < k.nz && !waiting(waiting)) {
                int to = Math.min(k.nz, o + step);
                k.planes.inverse(acc, o, to, k.current, 0, kern, first, out, o * wh, k.width, k.height);
                o = to;
            }
            if (o < k.nz) k.planes.multiply(acc, o, k.nz, true, k.current, 0, kern, first);
            else k.tBack = Kernel.average(k.tBack, System.nanoTime() - t0);
            preInverted = out;
            backDone = o;
        }

        private static boolean waiting(Callable<Boolean> waiting) {
            try {
                return waiting != null && waiting.call();
            } catch (Exception e) {
                return false; // keep going: the check is only a hint
            }
        }

        /**
         * After the last plane: the background (its samples are sorted already), then the last
         * plane's term, the inverse transforms and the background subtraction. Returns the
         * deconvolved stack (width x height x nz).
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
            float shift = k.extend ? 0f : (float) (b * k.w0), fb = k.extend ? (float) b : 0f;
            float[] u = k.extend && b != 0 ? k.unitResponse() : null;
            float[] out;
            long t0 = System.nanoTime();
            if (preInverted != null) {
                out = preInverted;
                preInverted = null;
                addLastLowRank(pending, out, shift, fb, u, backDone, acc);
                release();
            } else {
                out = invert(shift, fb, u);
                k.tBack = Kernel.average(k.tBack, System.nanoTime() - t0);
            }
            return new Volume(Shape.of(k.width, k.height, k.nz), voxel, out);
        }

        /** Transforms every output plane back (with the pending plane's term), minus shift + fb·u; releases the spectra. */
        float[] invert(float shift, float fb, float[] u) {
            float[] out = new float[k.width * k.height * k.nz];
            SpectrumBuffer p = pendingZ < 0 ? null : pending;
            k.planes.inverse(acc, 0, k.nz, p, 0, p == null ? null : k.kernelOf(pendingZ), k.kernelFirst(Math.max(0, pendingZ)),
                    out, 0, k.width, k.height);
            release();
            subtract(out, 0, k.nz, shift, fb, u);
            return out;
        }

        /**
         * Low-rank path, after the last plane (spectrum p): adds Σ_r u_r(o) F⁻¹(p · B_r) to the
         * output planes o < done of out (the other planes' result, transformed back before it came),
         * minus shift and fb · u; the planes from done on have their spectra in acc and go the plain way.
         */
        void addLastLowRank(SpectrumBuffer p, final float[] out, final float shift, final float fb, final float[] u,
                            final int done, SpectrumBuffer acc) {
            final int wh = k.width * k.height;
            if (done > 0) {
                if (k.lastTerms == null) k.lastTerms = new float[k.rank][wh];
                if (k.combine == null) k.combine = new float[k.host.threads()][];
                final float[][] t = k.lastTerms;
                k.planes.inverse(null, 0, k.rank, p, 0, k.basis, 0, t, k.width, k.height);
                k.host.forRange(done, new Parallel.RangeBody() {
                    @Override
                    public void run(int from, int to, int w) {
                        if (k.combine[w] == null) k.combine[w] = new float[wh];
                        float[] c = k.combine[w]; // Σ_r from index 0, in cache, then added to out in one pass
                        for (int o = from; o < to; o++) {
                            float[] wo = k.weight[o];
                            Arrays.fill(c, 0f);
                            for (int r = 0; r < k.rank; r++) axpy(c, t[r], wo[r]);
                            int base = o * wh;
                            if (u == null) {
                                for (int i = 0; i < wh; i++) out[base + i] += c[i] - shift;
                            } else {
                                for (int i = 0; i < wh; i++) out[base + i] += c[i] - shift - fb * u[base + i];
                            }
                        }
                    }
                });
            }
            if (done < k.nz) {
                k.planes.inverse(acc, done, k.nz, p, 0, k.kernelOf(k.nz - 1), k.kernelFirst(k.nz - 1), out, done * wh,
                        k.width, k.height);
                subtract(out, done, k.nz, shift, fb, u);
            }
        }

        /** c += a · y, both from index 0 (a form the JIT vectorises; with an offset it does not: 4x slower). */
        private static void axpy(float[] c, float[] y, float a) {
            for (int i = 0; i < c.length; i++) c[i] += a * y[i];
        }

        /** Output planes [from, to): minus shift and fb · u (u null: nothing more). */
        private void subtract(final float[] out, int from, int to, final float shift, final float fb, final float[] u) {
            if (shift == 0f && (u == null || fb == 0f)) return;
            final int wh = k.width * k.height, base = from * wh;
            k.host.forRange(to - from, new Parallel.RangeBody() {
                @Override
                public void run(int i0, int i1, int w) {
                    int a = base + i0 * wh, b = base + i1 * wh;
                    if (u == null) {
                        for (int i = a; i < b; i++) out[i] -= shift;
                    } else {
                        for (int i = a; i < b; i++) out[i] -= shift + fb * u[i];
                    }
                }
            });
        }
    }
}
