package org.livedecon.core.backend.opencl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.OtfCache;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.Region;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * The {@link Backend} on one OpenCL device through JOCL, with the project's own kernels
 * ({@code voxels.cl} and the FFT passes of {@link FftKernels}).
 *
 * <p><b>Memory.</b> A real buffer is {@code 4 * nx*ny*nz} bytes of device memory; a spectrum
 * holds the full complex spectrum, {@code 8 * nx*ny*nz} bytes (the layout is private: complex
 * value (kx, ky, kz) at {@code kx + nx*(ky + ny*kz)}). The FFT ping-pongs with one scratch
 * spectrum per grid shape, owned by the backend (the two most recent shapes are kept), so a job
 * with S spectra uses S + 1 on the device. FFT lengths whose prime factors are 2, 3, 5 and 7 use
 * Stockham passes; other lengths a direct DFT (O(N²) per line, meant for small odd sizes).
 *
 * <p><b>Failures.</b> Every OpenCL error surfaces as an {@link OpenClException} (a
 * {@link org.livedecon.core.backend.BackendFailure}); the job can then be rerun on the CPU backend
 * (see {@link org.livedecon.core.deconv.JobRunner}). Allocations beyond the device's
 * global memory (or the memory limit given) fail before they reach the driver.
 *
 * <p><b>Threading.</b> One job (one thread) at a time, like every backend: kernels and the single
 * in-order command queue are shared. Every method returns after its work is queued; methods that
 * return data (downloads, reductions) wait for the queue.
 */
public final class OpenClBackend implements Backend {
    private static final int OTF_CACHE_SIZE = 4;
    private static final int SCRATCH_CACHE_SIZE = 2;
    private static final int MAX_REDUCTION_GROUPS = 256;
    private static final int PREFERRED_LOCAL_SIZE = 64;
    private static final int PREFERRED_REDUCTION_LOCAL_SIZE = 256;
    private static final String VOXEL_SOURCE = "voxels.cl";

    private final OpenClDevice device;
    private final long memoryLimitBytes;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final Map<String, cl_kernel> kernels = new HashMap<String, cl_kernel>();
    private final Map<cl_kernel, Long> localSizes = new HashMap<cl_kernel, Long>();
    private final int reductionLocal;
    private final cl_mem partial;
    private final int accBytes;
    private final Map<Integer, AxisFft> axisFfts = new HashMap<Integer, AxisFft>();
    private final LinkedHashMap<Shape, ClBuffers.Spectrum> scratch = new LinkedHashMap<Shape, ClBuffers.Spectrum>();
    private final OtfCache<ClBuffers.Spectrum> otfs = new OtfCache<ClBuffers.Spectrum>(OTF_CACHE_SIZE);
    // plane operations made here and still open: closed with the backend
    private final List<ClPlaneSpectra> planeSpectra = new java.util.ArrayList<ClPlaneSpectra>();
    private long allocatedBytes;
    private int liveMemObjects;
    private boolean closed;

    /** A backend on {@code device}, limited to the device's global memory. */
    public OpenClBackend(OpenClDevice device) {
        this(device, device.globalMemBytes(), "");
    }

    /**
     * @param memoryLimitBytes device memory this backend may allocate in all; more fails with an
     *     out-of-memory {@link OpenClException}
     * @param extraSource OpenCL C appended to the program (tests inject broken code here)
     * @throws OpenClException when the context, queue or program cannot be made (the build log is
     *     in the message); nothing is left allocated then
     */
    OpenClBackend(OpenClDevice device, long memoryLimitBytes, String extraSource) {
        this.device = device;
        this.memoryLimitBytes = memoryLimitBytes;
        cl_context ctx = null;
        cl_command_queue q = null;
        cl_program prog = null;
        try {
            int[] err = new int[1];
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL.CL_CONTEXT_PLATFORM, device.platformId);
            ctx = CL.clCreateContext(props, 1, new cl_device_id[] {device.deviceId}, null, null, err);
            OpenClException.check(err[0], "clCreateContext on " + device);
            q = createQueue(ctx, device.deviceId, err);
            OpenClException.check(err[0], "clCreateCommandQueue on " + device);
            String source = resource(VOXEL_SOURCE) + "\n" + FftKernels.source() + "\n" + extraSource;
            prog = CL.clCreateProgramWithSource(ctx, 1, new String[] {source}, new long[] {source.length()}, err);
            OpenClException.check(err[0], "clCreateProgramWithSource");
            int rc = CL.clBuildProgram(prog, 1, new cl_device_id[] {device.deviceId}, device.fp64() ? "-DUSE_FP64" : "",
                    null, null);
            if (rc != CL.CL_SUCCESS) {
                throw new OpenClException("OpenCL kernel build failed on " + device + ": " + OpenClException.codeName(rc)
                        + "\n" + buildLog(prog, device.deviceId), rc, null);
            }
        } catch (RuntimeException e) {
            releaseQuietly(prog, q, ctx);
            throw e;
        } catch (LinkageError e) {
            releaseQuietly(prog, q, ctx);
            throw new OpenClException("OpenCL library not usable: " + e, 0, e);
        }
        this.context = ctx;
        this.queue = q;
        this.program = prog;
        this.accBytes = device.fp64() ? Sizeof.cl_double : Sizeof.cl_float;
        try {
            long maxGroup = OpenClDevices.deviceSize(device.deviceId, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE);
            long limit = Math.min(PREFERRED_REDUCTION_LOCAL_SIZE, Math.min(maxGroup,
                    Math.min(kernelGroupSize(kernel("biggs_gradient")), kernelGroupSize(kernel("sum_window")))));
            int local = 1;
            while (local * 2 <= limit) local *= 2;
            this.reductionLocal = local;
            this.partial = allocate(2L * accBytes * MAX_REDUCTION_GROUPS, Shape.of(2 * MAX_REDUCTION_GROUPS, 1, 1));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static cl_command_queue createQueue(cl_context ctx, cl_device_id dev, int[] err) {
        // clCreateCommandQueue is deprecated in OpenCL 2.0 but present everywhere, 1.2 devices included
        @SuppressWarnings("deprecation")
        cl_command_queue q = CL.clCreateCommandQueue(ctx, dev, 0, err);
        return q;
    }

    /** The device this backend computes on. */
    public OpenClDevice device() { return device; }

    @Override
    public String name() { return "opencl (" + device.name() + ", " + device.platform() + ")"; }

    /** Device memory objects currently allocated by this backend (buffers, caches, twiddles). */
    public int liveMemObjects() { return liveMemObjects; }

    /** Device bytes currently allocated by this backend. */
    public long allocatedBytes() { return allocatedBytes; }

    /**
     * What is left of the device memory (or the test limit), less what job plans do not count
     * ({@link org.livedecon.core.backend.MemoryBudget#deviceBytes}).
     */
    @Override
    public long memoryBudgetBytes() { return org.livedecon.core.backend.MemoryBudget.deviceBytes(memoryLimitBytes - allocatedBytes); }

    // ---- memory ----

    cl_mem allocate(long bytes, Shape shape) {
        if (closed) throw new IllegalStateException(name() + " is closed");
        if (bytes > device.maxAllocBytes() || allocatedBytes + bytes > memoryLimitBytes) {
            throw new OpenClException("out of device memory: a buffer of " + shape + " needs " + (bytes >> 20)
                    + " MiB, " + (allocatedBytes >> 20) + " MiB are in use of " + (memoryLimitBytes >> 20)
                    + " MiB, largest buffer " + (device.maxAllocBytes() >> 20) + " MiB on " + device,
                    CL.CL_MEM_OBJECT_ALLOCATION_FAILURE, null);
        }
        int[] err = new int[1];
        cl_mem m = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, Math.max(bytes, 4), null, err);
        OpenClException.check(err[0], "clCreateBuffer of " + bytes + " bytes for " + shape);
        allocatedBytes += bytes;
        liveMemObjects++;
        return m;
    }

    void release(cl_mem m, long bytes) {
        CL.clReleaseMemObject(m);
        allocatedBytes -= bytes;
        liveMemObjects--;
    }

    @Override
    public RealBuffer real(Shape shape) {
        ClBuffers.Real r = new ClBuffers.Real(this, shape);
        fillMem(r.mem(), 0f, shape.voxels());
        return r;
    }

    @Override
    public SpectrumBuffer spectrum(Shape shape) {
        ClBuffers.Spectrum s = new ClBuffers.Spectrum(this, shape);
        fillMem(s.mem(), 0f, 2 * shape.voxels());
        return s;
    }

    @Override
    public long realBytes(Shape shape) { return 4L * shape.voxels(); }

    /** The full complex spectrum: 8 bytes per voxel (plus the backend's one scratch spectrum per shape). */
    @Override
    public long spectrumBytes(Shape shape) { return 8L * shape.voxels(); }

    // ---- transfers ----

    @Override
    public void upload(float[] src, Shape s, RealBuffer dstBuffer) {
        ClBuffers.Real dst = ClBuffers.real(dstBuffer, this);
        Shape p = dst.shape();
        if (s.nx() > p.nx() || s.ny() > p.ny() || s.nz() > p.nz()) {
            throw new IllegalArgumentException("cannot place " + s + " into a buffer of " + p);
        }
        if (src.length < s.voxels()) {
            throw new IllegalArgumentException("source has " + src.length + " values, shape " + s + " needs " + s.voxels());
        }
        if (s.equals(p)) {
            OpenClException.check(CL.clEnqueueWriteBuffer(queue, dst.mem(), true, 0, 4L * s.voxels(), Pointer.to(src),
                    0, null, null), "clEnqueueWriteBuffer");
            return;
        }
        fillMem(dst.mem(), 0f, p.voxels());
        OpenClException.check(CL.clEnqueueWriteBufferRect(queue, dst.mem(), true, new long[] {0, 0, 0},
                new long[] {0, 0, 0}, new long[] {4L * s.nx(), s.ny(), s.nz()}, 4L * p.nx(), 4L * p.nx() * p.ny(),
                4L * s.nx(), 4L * s.nx() * s.ny(), Pointer.to(src), 0, null, null), "clEnqueueWriteBufferRect");
    }

    @Override
    public void download(RealBuffer srcBuffer, float[] out, Shape s) {
        ClBuffers.Real src = ClBuffers.real(srcBuffer, this);
        Shape p = src.shape();
        if (s.nx() > p.nx() || s.ny() > p.ny() || s.nz() > p.nz() || out.length < s.voxels()) {
            throw new IllegalArgumentException("cannot read " + s + " from a buffer of " + p + " into "
                    + out.length + " values");
        }
        if (s.equals(p)) {
            OpenClException.check(CL.clEnqueueReadBuffer(queue, src.mem(), true, 0, 4L * s.voxels(), Pointer.to(out),
                    0, null, null), "clEnqueueReadBuffer");
            return;
        }
        OpenClException.check(CL.clEnqueueReadBufferRect(queue, src.mem(), true, new long[] {0, 0, 0},
                new long[] {0, 0, 0}, new long[] {4L * s.nx(), s.ny(), s.nz()}, 4L * p.nx(), 4L * p.nx() * p.ny(),
                4L * s.nx(), 4L * s.nx() * s.ny(), Pointer.to(out), 0, null, null), "clEnqueueReadBufferRect");
    }

    // ---- FFT ----

    @Override
    public SpectrumBuffer otf(Psf psf, Shape padded) {
        return otfs.get(psf, padded, new OtfCache.Maker<ClBuffers.Spectrum>() {
            @Override
            public ClBuffers.Spectrum make(float[] wrapped, Shape grid) {
                ClBuffers.Spectrum out = new ClBuffers.Spectrum(OpenClBackend.this, grid);
                try (RealBuffer r = real(grid)) {
                    upload(wrapped, grid, r);
                    forward(r, out, grid);
                } catch (RuntimeException e) {
                    out.close();
                    throw e;
                }
                return out;
            }
        });
    }

    @Override
    public void forward(RealBuffer inBuffer, SpectrumBuffer outBuffer, Shape nonZero) {
        ClBuffers.Real in = ClBuffers.real(inBuffer, this);
        ClBuffers.Spectrum out = ClBuffers.spectrum(outBuffer, this);
        sameShape(in.shape(), out.shape());
        int n = in.shape().voxels();
        launch("real_to_complex", n, in.mem(), out.mem(), n);
        fft(out, -1f);
    }

    @Override
    public void inverse(SpectrumBuffer inBuffer, RealBuffer outBuffer, Shape needed) {
        ClBuffers.Spectrum in = ClBuffers.spectrum(inBuffer, this);
        ClBuffers.Real out = ClBuffers.real(outBuffer, this);
        sameShape(in.shape(), out.shape());
        fft(in, 1f);
        int n = in.shape().voxels();
        launch("complex_to_real", n, in.mem(), out.mem(), (float) (1.0 / n), n);
    }

    /** Unscaled complex FFT of {@code sp} along x, y and z; dir -1 forward, +1 inverse. */
    private void fft(ClBuffers.Spectrum sp, float dir) { fft(sp, dir, 3); }

    /** As {@link #fft(ClBuffers.Spectrum, float)} along the first {@code axes} axes only (2: each plane in 2D). */
    void fft(ClBuffers.Spectrum sp, float dir, int axes) {
        Shape s = sp.shape();
        ClBuffers.Spectrum tmp = scratch(s);
        cl_mem[] buf = {sp.mem(), tmp.mem()};
        int cur = 0;
        int total = s.voxels();
        int inner = 1;
        for (int axis = 0; axis < axes; axis++) {
            int n = s.along(axis);
            if (n > 1) {
                AxisFft f = axisFft(n);
                if (f.radices == null) {
                    launch(FftKernels.DIRECT, total, buf[cur], buf[1 - cur], f.twiddles, n, inner, total, dir);
                    cur = 1 - cur;
                } else {
                    int ns = 1;
                    for (int p = 0; p < f.radices.size(); p++) {
                        int r = f.radices.get(p);
                        int work = total / r;
                        launch(FftKernels.kernelName(r), work, buf[cur], buf[1 - cur], f.twiddles, f.offsets[p], n, ns,
                                inner, work, dir);
                        cur = 1 - cur;
                        ns *= r;
                    }
                }
            }
            inner *= n;
        }
        if (cur == 1) { // the result is in the scratch buffer: swap the two memory objects
            sp.mem = buf[1];
            tmp.mem = buf[0];
        }
    }

    private ClBuffers.Spectrum scratch(Shape s) {
        ClBuffers.Spectrum t = scratch.remove(s);
        if (t == null) {
            if (scratch.size() >= SCRATCH_CACHE_SIZE) {
                Iterator<ClBuffers.Spectrum> it = scratch.values().iterator();
                it.next().close();
                it.remove();
            }
            t = new ClBuffers.Spectrum(this, s);
        }
        scratch.put(s, t);
        return t;
    }

    private AxisFft axisFft(int n) {
        AxisFft f = axisFfts.get(n);
        if (f == null) {
            f = new AxisFft(n);
            axisFfts.put(n, f);
        }
        return f;
    }

    /** Passes and device twiddles for one FFT length. */
    private final class AxisFft {
        final List<Integer> radices;
        final int[] offsets;
        final cl_mem twiddles;
        final long bytes;

        AxisFft(int n) {
            radices = FftKernels.factor(n);
            float[] t;
            if (radices != null) {
                offsets = new int[radices.size()];
                t = FftKernels.twiddles(radices, offsets);
            } else {
                offsets = new int[0];
                t = FftKernels.roots(n);
            }
            bytes = 4L * t.length;
            twiddles = allocate(bytes, Shape.of(t.length, 1, 1));
            OpenClException.check(CL.clEnqueueWriteBuffer(queue, twiddles, true, 0, bytes, Pointer.to(t), 0, null,
                    null), "clEnqueueWriteBuffer (twiddles)");
        }
    }

    // ---- per-voxel steps ----

    @Override
    public void multiply(SpectrumBuffer s, SpectrumBuffer otf, boolean conjugate) {
        sameShape(s.shape(), otf.shape());
        int n = s.shape().voxels();
        launch("multiply_c", n, ClBuffers.spectrum(s, this).mem(), ClBuffers.spectrum(otf, this).mem(),
                conjugate ? -1f : 1f, n);
    }

    @Override
    public void wiener(SpectrumBuffer s, SpectrumBuffer otf, float lambda) {
        sameShape(s.shape(), otf.shape());
        int n = s.shape().voxels();
        launch("wiener_c", n, ClBuffers.spectrum(s, this).mem(), ClBuffers.spectrum(otf, this).mem(), lambda, n);
    }

    @Override
    public void scale(RealBuffer b, float factor) {
        int n = b.shape().voxels();
        launch("scale_f", n, ClBuffers.real(b, this).mem(), factor, n);
    }

    @Override
    public void fill(RealBuffer b, float value) {
        fillMem(ClBuffers.real(b, this).mem(), value, b.shape().voxels());
    }

    void fillMem(cl_mem m, float value, int n) {
        launch("fill_f", n, m, value, n);
    }

    @Override
    public void copy(RealBuffer src, RealBuffer dst) {
        sameShape(src.shape(), dst.shape());
        int n = src.shape().voxels();
        launch("copy_f", n, ClBuffers.real(src, this).mem(), ClBuffers.real(dst, this).mem(), n);
    }

    @Override
    public void ratio(RealBuffer observed, RealBuffer blurred, float background, float floor, Shape window) {
        sameShape(observed.shape(), blurred.shape());
        Shape p = blurred.shape();
        int n = p.voxels();
        launch("ratio_k", n, ClBuffers.real(observed, this).mem(), ClBuffers.real(blurred, this).mem(), background,
                floor, p.nx(), p.ny(), Math.min(window.nx(), p.nx()), Math.min(window.ny(), p.ny()),
                Math.min(window.nz(), p.nz()), n);
    }

    @Override
    public void rlUpdate(RealBuffer estimate, RealBuffer correction, RealBuffer normaliser, float minNormaliser,
                         RealBuffer tvFactor) {
        sameShape(estimate.shape(), correction.shape());
        cl_mem c = ClBuffers.real(correction, this).mem();
        int n = estimate.shape().voxels();
        // an unused buffer argument gets a valid memory object that the kernel never reads
        launch("rl_update", n, ClBuffers.real(estimate, this).mem(), c,
                normaliser == null ? c : ClBuffers.real(normaliser, this).mem(), normaliser == null ? 0 : 1,
                minNormaliser, tvFactor == null ? c : ClBuffers.real(tvFactor, this).mem(), tvFactor == null ? 0 : 1, n);
    }

    @Override
    public void tvFactor(RealBuffer x, float lambda, RealBuffer out) {
        sameShape(x.shape(), out.shape());
        Shape s = x.shape();
        launch("tv_factor", s.voxels(), ClBuffers.real(x, this).mem(), ClBuffers.real(out, this).mem(), lambda,
                s.nx(), s.ny(), s.nz());
    }

    @Override
    public double[] biggsGradient(RealBuffer xNew, RealBuffer prediction, RealBuffer gPrev, Region counted) {
        int n = xNew.shape().voxels();
        return reduce("biggs_gradient", n, concat(new Object[] {ClBuffers.real(xNew, this).mem(),
                ClBuffers.real(prediction, this).mem(), ClBuffers.real(gPrev, this).mem(), n},
                regionArgs(xNew.shape(), counted)));
    }

    @Override
    public double[] biggsPredict(RealBuffer xNew, RealBuffer xPrev, RealBuffer prediction, float alpha, Region counted) {
        int n = xNew.shape().voxels();
        return reduce("biggs_predict", n, concat(new Object[] {ClBuffers.real(xNew, this).mem(),
                ClBuffers.real(xPrev, this).mem(), ClBuffers.real(prediction, this).mem(), alpha, n},
                regionArgs(xNew.shape(), counted)));
    }

    @Override
    public double[] change(RealBuffer a, RealBuffer b, Region counted) {
        int n = a.shape().voxels();
        return reduce("change_k", n, concat(new Object[] {ClBuffers.real(a, this).mem(), ClBuffers.real(b, this).mem(), n},
                regionArgs(a.shape(), counted)));
    }

    @Override
    public double sum(RealBuffer b, Region region) {
        int n = b.shape().voxels();
        return reduce("sum_region", n, concat(new Object[] {ClBuffers.real(b, this).mem(), n},
                regionArgs(b.shape(), region)))[0];
    }

    @Override
    public boolean buffersOnHeap() { return false; }

    @Override
    public org.livedecon.core.backend.PlaneSpectra planes(int nx, int ny, int hostThreads) {
        ClPlaneSpectra p = new ClPlaneSpectra(this, nx, ny, hostThreads);
        planeSpectra.add(p);
        return p;
    }

    /** The command queue, for the plane operations' transfers. */
    cl_command_queue queue() { return queue; }

    void closed(ClPlaneSpectra p) { planeSpectra.remove(p); }

    /** Kernel arguments of a region: nx, ny, nz, then from and length per axis, then "whole" (null region). */
    private static Object[] regionArgs(Shape s, Region r) {
        Object[] a = new Object[10];
        a[0] = s.nx();
        a[1] = s.ny();
        a[2] = s.nz();
        for (int axis = 0; axis < 3; axis++) {
            int n = s.along(axis);
            a[3 + 2 * axis] = r == null ? 0 : Math.floorMod(r.from(axis), n);
            a[4 + 2 * axis] = r == null ? n : Math.min(r.length(axis), n);
        }
        a[9] = r == null ? 1 : 0;
        return a;
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] c = new Object[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Override
    public double dot(RealBuffer a, RealBuffer b) {
        sameShape(a.shape(), b.shape());
        int n = a.shape().voxels();
        return reduce("dot_k", n, ClBuffers.real(a, this).mem(), ClBuffers.real(b, this).mem(), n)[0];
    }

    @Override
    public double sum(RealBuffer b, Shape window) {
        Shape p = b.shape();
        int wx = Math.min(window.nx(), p.nx()), wy = Math.min(window.ny(), p.ny()), wz = Math.min(window.nz(), p.nz());
        int wn = wx * wy * wz;
        return reduce("sum_window", wn, ClBuffers.real(b, this).mem(), p.nx(), p.ny(), wx, wy, wn)[0];
    }

    // ---- kernel plumbing ----

    /** Marks a __local argument of the given size in bytes. */
    private static final class Local {
        final long bytes;

        Local(long bytes) { this.bytes = bytes; }
    }

    private cl_kernel kernel(String name) {
        cl_kernel k = kernels.get(name);
        if (k == null) {
            int[] err = new int[1];
            k = CL.clCreateKernel(program, name, err);
            OpenClException.check(err[0], "clCreateKernel " + name);
            kernels.put(name, k);
        }
        return k;
    }

    private long kernelGroupSize(cl_kernel k) {
        long[] v = new long[1];
        OpenClException.check(CL.clGetKernelWorkGroupInfo(k, device.deviceId, CL.CL_KERNEL_WORK_GROUP_SIZE,
                Sizeof.size_t, Pointer.to(v), null), "clGetKernelWorkGroupInfo");
        return v[0];
    }

    private void setArgs(cl_kernel k, String name, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int rc;
            if (a instanceof cl_mem) {
                rc = CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to((cl_mem) a));
            } else if (a instanceof Integer) {
                rc = CL.clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) a}));
            } else if (a instanceof Float) {
                rc = CL.clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {(Float) a}));
            } else if (a instanceof Local) {
                rc = CL.clSetKernelArg(k, i, ((Local) a).bytes, null);
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " of " + name + ": " + a);
            }
            OpenClException.check(rc, "clSetKernelArg " + i + " of " + name);
        }
    }

    /** Runs {@code name} over at least {@code n} work items (the kernel checks its bound). */
    void launch(String name, long n, Object... args) {
        if (n <= 0) return;
        cl_kernel k = kernel(name);
        setArgs(k, name, args);
        Long local = localSizes.get(k);
        if (local == null) {
            local = Math.max(1L, Math.min(PREFERRED_LOCAL_SIZE, kernelGroupSize(k)));
            localSizes.put(k, local);
        }
        long global = (n + local - 1) / local * local;
        OpenClException.check(CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {global}, new long[] {local},
                0, null, null), "clEnqueueNDRangeKernel " + name + " over " + n);
    }

    /** Runs a reduction kernel and adds its per-group pairs of partial sums in double. */
    private double[] reduce(String name, long n, Object... args) {
        int groups = (int) Math.max(1, Math.min(MAX_REDUCTION_GROUPS, (n + reductionLocal - 1) / reductionLocal));
        Object[] all = new Object[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = partial;
        all[args.length + 1] = new Local((long) accBytes * reductionLocal);
        all[args.length + 2] = new Local((long) accBytes * reductionLocal);
        cl_kernel k = kernel(name);
        setArgs(k, name, all);
        OpenClException.check(CL.clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {(long) groups * reductionLocal},
                new long[] {reductionLocal}, 0, null, null), "clEnqueueNDRangeKernel " + name + " over " + n);
        double[] r = new double[2];
        if (accBytes == Sizeof.cl_double) {
            double[] p = new double[2 * groups];
            OpenClException.check(CL.clEnqueueReadBuffer(queue, partial, true, 0, 8L * p.length, Pointer.to(p), 0, null,
                    null), "clEnqueueReadBuffer (partial sums)");
            for (int g = 0; g < groups; g++) {
                r[0] += p[2 * g];
                r[1] += p[2 * g + 1];
            }
        } else {
            float[] p = new float[2 * groups];
            OpenClException.check(CL.clEnqueueReadBuffer(queue, partial, true, 0, 4L * p.length, Pointer.to(p), 0, null,
                    null), "clEnqueueReadBuffer (partial sums)");
            for (int g = 0; g < groups; g++) {
                r[0] += p[2 * g];
                r[1] += p[2 * g + 1];
            }
        }
        return r;
    }

    private static void sameShape(Shape a, Shape b) {
        if (!a.equals(b)) throw new IllegalArgumentException("buffer shapes differ: " + a + " vs " + b);
    }

    private static String buildLog(cl_program prog, cl_device_id dev) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(prog, dev, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] b = new byte[(int) Math.min(size[0], 1 << 20)];
            CL.clGetProgramBuildInfo(prog, dev, CL.CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null);
            String log = new String(b, StandardCharsets.UTF_8).trim();
            return log.length() > 4000 ? log.substring(0, 4000) + "..." : log;
        } catch (RuntimeException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    private static String resource(String name) {
        try (InputStream in = OpenClBackend.class.getResourceAsStream(name)) {
            if (in == null) throw new OpenClException("kernel source " + name + " missing from the jar");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OpenClException("cannot read kernel source " + name + ": " + e.getMessage(), 0, e);
        }
    }

    private static void releaseQuietly(cl_program prog, cl_command_queue q, cl_context ctx) {
        try {
            if (prog != null) CL.clReleaseProgram(prog);
            if (q != null) CL.clReleaseCommandQueue(q);
            if (ctx != null) CL.clReleaseContext(ctx);
        } catch (RuntimeException | LinkageError e) {
            // already failing: the first error is the one reported
        }
    }

    /**
     * Releases cached OTFs, scratch spectra, twiddles, kernels, the program, the queue and the
     * context. Buffers the caller still holds must be closed by the caller (they keep the context
     * alive until then). Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        try {
            if (queue != null) CL.clFinish(queue);
        } catch (RuntimeException e) {
            // release what we can
        }
        for (ClPlaneSpectra p : new java.util.ArrayList<ClPlaneSpectra>(planeSpectra)) p.close();
        List<ClBuffers.Spectrum> owned = otfs.drain();
        owned.addAll(scratch.values());
        scratch.clear();
        for (ClBuffers.Spectrum s : owned) s.close();
        for (AxisFft f : axisFfts.values()) release(f.twiddles, f.bytes);
        axisFfts.clear();
        if (partial != null) release(partial, 2L * accBytes * MAX_REDUCTION_GROUPS);
        for (cl_kernel k : kernels.values()) CL.clReleaseKernel(k);
        kernels.clear();
        closed = true;
        releaseQuietly(program, queue, context);
    }

}
