package org.livedecon.core.backend.opencl;

import java.util.ArrayList;
import java.util.List;

import org.jocl.CL;
import org.jocl.Pointer;
import org.livedecon.core.backend.Parallel;
import org.livedecon.core.backend.PlaneSpectra;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.volume.Shape;

/**
 * {@link PlaneSpectra} on an OpenCL device: stacks are full complex spectra (as every spectrum of
 * {@link OpenClBackend}), products run as one kernel over a range of planes, and inverse
 * transforms go through a work stack of {@link #planesPerCall()} planes (the FFT passes transform
 * a whole buffer), read back per plane window.
 */
final class ClPlaneSpectra implements PlaneSpectra {
    private static final int PLANES_PER_CALL = 8;

    private final OpenClBackend cl;
    private final int nx, ny, nxy;
    private final Parallel host;
    private final List<ClBuffers.Base> owned = new ArrayList<ClBuffers.Base>();
    private ClBuffers.Spectrum one, work;
    private ClBuffers.Real oneReal, workReal;
    private boolean closed;

    ClPlaneSpectra(OpenClBackend cl, int nx, int ny, int hostThreads) {
        if (nx < 2 || ny < 2) throw new IllegalArgumentException("planes need at least 2x2 pixels, got " + nx + "x" + ny);
        this.cl = cl;
        this.nx = nx;
        this.ny = ny;
        this.nxy = nx * ny;
        this.host = new Parallel(Math.max(1, hostThreads));
    }

    @Override
    public int nx() { return nx; }

    @Override
    public int ny() { return ny; }

    @Override
    public SpectrumBuffer stack(int n) {
        Stack s = new Stack(cl, Shape.of(nx, ny, n));
        owned.add(s);
        cl.fillMem(s.mem(), 0f, 2 * s.shape().voxels());
        return s;
    }

    /** A stack that forgets itself here when closed. */
    private final class Stack extends ClBuffers.Spectrum {
        Stack(OpenClBackend owner, Shape shape) { super(owner, shape); }

        @Override
        public void close() {
            super.close();
            owned.remove(this);
        }
    }

    @Override
    public void upload(float[] half, SpectrumBuffer dst) {
        ClBuffers.Spectrum d = stackOf(dst);
        int planes = d.shape().nz(), nxh = nx / 2 + 1;
        if (half.length != 2 * nxh * ny * planes) {
            throw new IllegalArgumentException("a stack of " + d.shape() + " takes " + 2 * nxh * ny * planes
                    + " floats of half spectra, got " + half.length);
        }
        // the upper half of each row from Hermitian symmetry: F(kx, ky) = conj F(nx - kx, -ky)
        float[] full = new float[2 * nxy * planes];
        for (int p = 0; p < planes; p++) {
            for (int ky = 0; ky < ny; ky++) {
                int row = 2 * (nxy * p + nx * ky), src = 2 * nxh * (ky + ny * p);
                int mirror = 2 * nxh * ((ny - ky) % ny + ny * p);
                for (int kx = 0; kx < nx; kx++) {
                    if (kx < nxh) {
                        full[row + 2 * kx] = half[src + 2 * kx];
                        full[row + 2 * kx + 1] = half[src + 2 * kx + 1];
                    } else {
                        full[row + 2 * kx] = half[mirror + 2 * (nx - kx)];
                        full[row + 2 * kx + 1] = -half[mirror + 2 * (nx - kx) + 1];
                    }
                }
            }
        }
        OpenClException.check(CL.clEnqueueWriteBuffer(cl.queue(), d.mem(), true, 0, 4L * full.length, Pointer.to(full),
                0, null, null), "clEnqueueWriteBuffer (plane spectra)");
    }

    @Override
    public void forward(float[] real, SpectrumBuffer dst, int at) {
        ClBuffers.Spectrum d = stackOf(dst);
        if (one == null) {
            oneReal = new ClBuffers.Real(cl, Shape.of(nx, ny, 1));
            one = new ClBuffers.Spectrum(cl, Shape.of(nx, ny, 1));
        }
        OpenClException.check(CL.clEnqueueWriteBuffer(cl.queue(), oneReal.mem(), true, 0, 4L * nxy, Pointer.to(real),
                0, null, null), "clEnqueueWriteBuffer (plane)");
        cl.launch("real_to_complex", nxy, oneReal.mem(), one.mem(), nxy);
        cl.fft(one, -1f, 2);
        OpenClException.check(CL.clEnqueueCopyBuffer(cl.queue(), one.mem(), d.mem(), 0, 8L * nxy * at, 8L * nxy, 0, null,
                null), "clEnqueueCopyBuffer (plane)");
    }

    @Override
    public void multiply(SpectrumBuffer acc, int from, int to, boolean add, SpectrumBuffer p, int pAt, SpectrumBuffer k,
                         int kFirst) {
        if (to <= from) return;
        product(stackOf(acc), from, from, to - from, add, stackOf(p), pAt, stackOf(k), kFirst);
    }

    private void product(ClBuffers.Spectrum acc, int accFirst, int oFirst, int count, boolean add, ClBuffers.Spectrum p,
                         int pAt, ClBuffers.Spectrum k, int kFirst) {
        int n = nxy * count;
        cl.launch("plane_multiply", n, acc.mem(), accFirst, oFirst, p.mem(), pAt, k.mem(), kFirst, k.shape().nz(), nxy,
                add ? 1 : 0, n);
    }

    @Override
    public void inverse(SpectrumBuffer s, int from, int to, SpectrumBuffer p, int pAt, SpectrumBuffer k, int kFirst,
                        float[][] out, int width, int height) {
        float[] flat = new float[(to - from) * width * height];
        inverse(s, from, to, p, pAt, k, kFirst, flat, 0, width, height);
        for (int o = from; o < to; o++) {
            System.arraycopy(flat, (o - from) * width * height, out[o - from], 0, width * height);
        }
    }

    @Override
    public void inverse(SpectrumBuffer s, int from, int to, SpectrumBuffer p, int pAt, SpectrumBuffer k, int kFirst,
                        float[] out, int outOffset, int width, int height) {
        if (width > nx || height > ny) throw new IllegalArgumentException(width + "x" + height + " is larger than the plane");
        ClBuffers.Spectrum sd = s == null ? null : stackOf(s), pd = p == null ? null : stackOf(p);
        ClBuffers.Spectrum kd = k == null ? null : stackOf(k);
        if (work == null) {
            work = new ClBuffers.Spectrum(cl, Shape.of(nx, ny, PLANES_PER_CALL));
            workReal = new ClBuffers.Real(cl, Shape.of(nx, ny, PLANES_PER_CALL));
        }
        for (int c0 = from; c0 < to; c0 += PLANES_PER_CALL) {
            int count = Math.min(PLANES_PER_CALL, to - c0);
            if (sd != null) {
                OpenClException.check(CL.clEnqueueCopyBuffer(cl.queue(), sd.mem(), work.mem(), 8L * nxy * c0, 0,
                        8L * nxy * count, 0, null, null), "clEnqueueCopyBuffer (planes)");
            }
            if (pd != null) product(work, 0, c0, count, sd != null, pd, pAt, kd, kFirst);
            else if (sd == null) cl.fillMem(work.mem(), 0f, 2 * nxy * count);
            cl.fft(work, 1f, 2);
            cl.launch("complex_to_real", nxy * count, work.mem(), workReal.mem(), (float) (1.0 / nxy), nxy * count);
            OpenClException.check(CL.clEnqueueReadBufferRect(cl.queue(), workReal.mem(), true, new long[] {0, 0, 0},
                    new long[] {0, 0, 0}, new long[] {4L * width, height, count}, 4L * nx, 4L * nxy, 4L * width,
                    4L * width * height, Pointer.to(out).withByteOffset(4L * (outOffset + (long) (c0 - from) * width * height)),
                    0, null, null), "clEnqueueReadBufferRect (planes)");
        }
    }

    private ClBuffers.Spectrum stackOf(SpectrumBuffer b) {
        ClBuffers.Spectrum s = ClBuffers.spectrum(b, cl);
        if (s.shape().nx() != nx || s.shape().ny() != ny) {
            throw new IllegalArgumentException("stack " + s.shape() + " is not a stack of " + nx + "x" + ny + " planes");
        }
        return s;
    }

    @Override
    public int planesPerCall() { return PLANES_PER_CALL; }

    @Override
    public Parallel host() { return host; }

    @Override
    public long stackBytes(int n) { return 8L * nxy * n; }

    @Override
    public boolean onHeap() { return false; }

    /** Releases the work buffers, every stack still open and the host threads. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (ClBuffers.Base b : new ArrayList<ClBuffers.Base>(owned)) b.close();
        owned.clear();
        if (one != null) one.close();
        if (oneReal != null) oneReal.close();
        if (work != null) work.close();
        if (workReal != null) workReal.close();
        host.close();
        cl.closed(this);
    }
}
