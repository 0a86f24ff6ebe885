package org.livedecon.core.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.RealBuffer;
import org.livedecon.core.backend.SpectrumBuffer;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

/** The OpenCL FFT against the CPU backend's, per size: round trip, and forward through a convolution. */
class OpenClFftTest extends OpenClAndCpu {

    private static float[] random(Shape s, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[s.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = (float) rnd.nextGaussian();
        return d;
    }

    /** forward then inverse; and forward, multiply by an OTF (conjugate or not), inverse. */
    private static float[] convolve(Backend b, float[] data, Shape s, Psf psf, boolean conjugate, boolean roundTripOnly) {
        float[] out = new float[s.voxels()];
        try (RealBuffer r = b.real(s); SpectrumBuffer sp = b.spectrum(s)) {
            b.upload(data, s, r);
            b.forward(r, sp, s);
            if (!roundTripOnly) b.multiply(sp, b.otf(psf, s), conjugate);
            b.inverse(sp, r, s);
            b.download(r, out, s);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"8,8,8", "16,4,2", "12,10,6", "9,15,5", "7,14,21", "49,1,1", "1,1,1", "1,25,1",
        "11,13,3", "17,6,4", "2,3,1", "60,35,8"})
    void fftAgreesWithCpuBackend(int nx, int ny, int nz) {
        Shape s = Shape.of(nx, ny, nz);
        float[] x = random(s, nx * 1000 + ny * 10 + nz);
        float[] round = convolve(ocl, x, s, null, false, true);
        double rt = OpenClTestDevices.relRms(x, round);
        assertTrue(rt < 1e-5, "round trip " + s + " relative RMS " + rt);
        Psf psf = TestPsfs.gaussian(Shape.of(Math.min(5, nx | 1), Math.min(5, ny | 1), Math.min(3, nz | 1)),
                VoxelSize.of(0.1, 0.2), 0.9, 1.2, 0.8);
        for (boolean conj : new boolean[] {false, true}) {
            float[] expected = convolve(cpu, x, s, psf, conj, false);
            float[] actual = convolve(ocl, x, s, psf, conj, false);
            double e = OpenClTestDevices.relRms(expected, actual);
            assertTrue(e < 1e-5, "convolution " + s + (conj ? " (correlation)" : "") + " relative RMS " + e);
        }
    }
}
