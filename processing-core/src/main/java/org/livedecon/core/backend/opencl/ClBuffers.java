package org.livedecon.core.backend.opencl;

import org.jocl.cl_mem;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.volume.Shape;

/** Device buffers of {@link OpenClBackend}: each wraps one cl_mem that close() releases. */
final class ClBuffers {
    private ClBuffers() {}

    /** Common part: the owning backend, the memory object and its size. */
    abstract static class Base implements AutoCloseable {
        final OpenClBackend owner;
        final Shape shape;
        final long bytes;
        cl_mem mem;

        Base(OpenClBackend owner, Shape shape, long bytes) {
            this.owner = owner;
            this.shape = shape;
            this.bytes = bytes;
            this.mem = owner.allocate(bytes, shape);
        }

        public Shape shape() { return shape; }

        cl_mem mem() {
            if (mem == null) throw new IllegalStateException("OpenCL buffer " + shape + " was already closed");
            return mem;
        }

        @Override
        public void close() {
            if (mem != null) {
                owner.release(mem, bytes);
                mem = null;
            }
        }
    }

    /** float32 volume, voxel (x, y, z) at {@code x + nx*(y + ny*z)}. */
    static final class Real extends Base implements RealBuffer {
        Real(OpenClBackend owner, Shape shape) {
            super(owner, shape, 4L * shape.voxels());
        }
    }

    /**
     * The full complex spectrum (float2, {@code nx*ny*nz} values in the real layout): simpler
     * than a half spectrum and the same FFT for every axis, at twice the memory.
     */
    static class Spectrum extends Base implements SpectrumBuffer {
        Spectrum(OpenClBackend owner, Shape shape) {
            super(owner, shape, 8L * shape.voxels());
        }
    }

    static Real real(org.livedecon.core.backend.RealBuffer b, OpenClBackend owner) {
        if (!(b instanceof Real) || ((Real) b).owner != owner) {
            throw new IllegalArgumentException("buffer " + b.shape() + " does not belong to " + owner.name());
        }
        return (Real) b;
    }

    static Spectrum spectrum(org.livedecon.core.backend.SpectrumBuffer b, OpenClBackend owner) {
        if (!(b instanceof Spectrum) || ((Spectrum) b).owner != owner) {
            throw new IllegalArgumentException("spectrum " + b.shape() + " does not belong to " + owner.name());
        }
        return (Spectrum) b;
    }
}
