package org.livedecon.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.volume.Shape;

class JTransformsFft3dTest {

    @ParameterizedTest(name = "{0}x{1}x{2}, {3} threads")
    @CsvSource({"8,6,4,1", "7,5,3,2", "9,1,1,1", "1,6,5,2", "10,7,1,2", "15,14,6,2", "1,1,1,1", "2,3,5,2"})
    void forwardMatchesNaiveDftAndInverseRestoresInput(int nx, int ny, int nz, int threads) {
        Shape s = Shape.of(nx, ny, nz);
        Random rnd = new Random(nx * 100 + ny * 10 + nz);
        float[] in = new float[s.voxels()];
        for (int i = 0; i < in.length; i++) in[i] = (float) rnd.nextGaussian();
        try (Parallel par = new Parallel(threads)) {
            JTransformsFft3d fft = new JTransformsFft3d(s, par);
            int nxh = nx / 2 + 1;
            float[] spec = new float[2 * nxh * ny * nz];
            fft.forward(in.clone(), spec, s);
            double maxAbs = 0, maxErr = 0;
            for (int kz = 0; kz < nz; kz++) {
                for (int ky = 0; ky < ny; ky++) {
                    for (int kx = 0; kx < nxh; kx++) {
                        double re = 0, im = 0;
                        for (int z = 0; z < nz; z++) {
                            for (int y = 0; y < ny; y++) {
                                for (int x = 0; x < nx; x++) {
                                    double ph = -2 * Math.PI * ((double) kx * x / nx + (double) ky * y / ny + (double) kz * z / nz);
                                    double v = in[x + nx * (y + ny * z)];
                                    re += v * Math.cos(ph);
                                    im += v * Math.sin(ph);
                                }
                            }
                        }
                        int i = 2 * (kx + nxh * (ky + ny * kz));
                        maxAbs = Math.max(maxAbs, Math.hypot(re, im));
                        maxErr = Math.max(maxErr, Math.max(Math.abs(spec[i] - re), Math.abs(spec[i + 1] - im)));
                    }
                }
            }
            assertEquals(0, maxErr / maxAbs, 1e-5, "forward transform differs from the naive DFT");
            float[] back = new float[in.length];
            fft.inverse(spec, back, s);
            for (int i = 0; i < in.length; i++) assertEquals(in[i], back[i], 1e-5, "voxel " + i);
        }
    }
}
