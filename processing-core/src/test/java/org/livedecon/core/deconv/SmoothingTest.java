package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.volume.Shape;

class SmoothingTest {
    /** The 3x3x3 mean, voxel by voxel, in the order of additions box3 documents. */
    private static float[] reference(float[] in, Shape s) {
        float[] a = in.clone();
        float[] t = new float[a.length];
        int[] strides = {1, s.nx(), s.nx() * s.ny()};
        for (int axis = 0; axis < 3; axis++) {
            int n = s.along(axis), stride = strides[axis];
            for (int i = 0; i < a.length; i++) {
                int c = (i / stride) % n;
                float sum = a[i];
                int cnt = 1;
                if (c > 0) { sum += a[i - stride]; cnt++; }
                if (c < n - 1) { sum += a[i + stride]; cnt++; }
                t[i] = sum / cnt;
            }
            float[] swap = a;
            a = t;
            t = swap;
        }
        return a;
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"1,1,1", "1,5,3", "7,1,2", "2,2,1", "9,6,5", "33,17,4", "3,1,1"})
    void box3IsTheEdgeAwareMeanBitForBit(int nx, int ny, int nz) {
        Shape s = Shape.of(nx, ny, nz);
        Random rnd = new Random(nx * 1000L + ny * 10L + nz);
        float[] in = new float[s.voxels()];
        for (int i = 0; i < in.length; i++) in[i] = (float) (100 * rnd.nextDouble());
        float[] before = in.clone();
        float[] want = reference(in, s), got = Smoothing.box3(in, s);
        for (int i = 0; i < in.length; i++) {
            assertEquals(want[i], got[i], 0f, "voxel " + i + " of " + s);
            assertEquals(before[i], in[i], 0f, "input changed at voxel " + i);
        }
    }
}
