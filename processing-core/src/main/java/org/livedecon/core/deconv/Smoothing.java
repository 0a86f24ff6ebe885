package org.livedecon.core.deconv;

import org.livedecon.core.volume.Shape;

/** Separable box smoothing (edges use the voxels that exist). */
final class Smoothing {
    private Smoothing() {}

    /** 3x3x3 mean (fewer voxels at the edges), as a new array. */
    static float[] box3(float[] in, Shape s) {
        float[] a = in.clone();
        float[] t = new float[a.length];
        alongX(a, t, s.nx());
        alongColumns(t, a, s.nx(), s.ny());
        alongColumns(a, t, s.nx() * s.ny(), s.nz());
        return t;
    }

    // Each voxel: (a[i] + a[before]) + a[after] over the voxels that exist, divided by their
    // count, in that order, so that results do not depend on how the loops are written; the
    // loops run along memory (an index division per voxel made this a tenth of a second of
    // every RL set-up).

    /** 3-mean along x, rows of {@code nx}. */
    private static void alongX(float[] a, float[] t, int nx) {
        for (int r = 0; r < a.length; r += nx) {
            if (nx == 1) {
                t[r] = a[r];
                continue;
            }
            t[r] = (a[r] + a[r + 1]) / 2f;
            int end = r + nx - 1;
            for (int i = r + 1; i < end; i++) t[i] = (a[i] + a[i - 1] + a[i + 1]) / 3f;
            t[end] = (a[end] + a[end - 1]) / 2f;
        }
    }

    /** 3-mean along an axis of {@code n} points {@code stride} apart, contiguous runs of {@code stride}. */
    private static void alongColumns(float[] a, float[] t, int stride, int n) {
        int block = stride * n;
        for (int b0 = 0; b0 < a.length; b0 += block) {
            for (int c = 0; c < n; c++) {
                int o = b0 + c * stride;
                boolean before = c > 0, after = c < n - 1;
                if (before && after) {
                    for (int i = o; i < o + stride; i++) t[i] = (a[i] + a[i - stride] + a[i + stride]) / 3f;
                } else if (before) {
                    for (int i = o; i < o + stride; i++) t[i] = (a[i] + a[i - stride]) / 2f;
                } else if (after) {
                    for (int i = o; i < o + stride; i++) t[i] = (a[i] + a[i + stride]) / 2f;
                } else {
                    System.arraycopy(a, o, t, o, stride);
                }
            }
        }
    }
}
