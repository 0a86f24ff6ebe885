package org.livedecon.core.backend;

import org.livedecon.core.volume.Shape;

/** Heap-backed buffers of the CPU backend. */
final class CpuBuffers {
    private CpuBuffers() {}

    static final class Real implements RealBuffer {
        final Shape shape;
        float[] data;

        Real(Shape shape) {
            this.shape = shape;
            this.data = new float[shape.voxels()];
        }

        @Override
        public Shape shape() { return shape; }

        @Override
        public void close() { data = null; }
    }

    static final class Spectrum implements SpectrumBuffer {
        final Shape shape;
        float[] data;

        Spectrum(Shape shape) {
            this.shape = shape;
            this.data = new float[floats(shape)];
        }

        static int floats(Shape s) {
            long n = 2L * (s.nx() / 2 + 1) * s.ny() * s.nz();
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("spectrum of " + s + " needs " + n
                        + " floats, more than one Java array holds: tile the volume");
            }
            return (int) n;
        }

        @Override
        public Shape shape() { return shape; }

        @Override
        public void close() { data = null; }
    }

    static float[] data(RealBuffer b) {
        float[] d = ((Real) b).data;
        if (d == null) throw new IllegalStateException("buffer " + b.shape() + " was already closed");
        return d;
    }

    static float[] data(SpectrumBuffer b) {
        float[] d = ((Spectrum) b).data;
        if (d == null) throw new IllegalStateException("spectrum " + b.shape() + " was already closed");
        return d;
    }
}
