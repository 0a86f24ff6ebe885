package org.livedecon.core.deconv;

import org.livedecon.core.volume.Shape;

/** Separable box smoothing (edges use the voxels that exist). */
final class Smoothing {
    private Smoothing() {}

    /** 3x3x3 mean (fewer voxels at the edges), as a new array. */
    static float[] box3(float[] in, Shape s) {
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
}
