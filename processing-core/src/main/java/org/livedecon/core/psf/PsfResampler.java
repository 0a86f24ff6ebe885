package org.livedecon.core.psf;

import java.util.Arrays;

/**
 * Separable, area-weighted (flux-preserving) resampling of a centred, odd-sized PSF.
 *
 * <p>Along one axis, source voxel {@code i} of a volume with half-width {@code h} and step
 * {@code s} µm is the box {@code [(i - h - 1/2) s, (i - h + 1/2) s]} carrying its value as flux;
 * target voxel {@code j} (half-width {@code H}, step {@code t}) receives
 * {@code sum_i src[i] * |box_i ∩ box_j| / s}. The centre voxel maps onto the centre voxel,
 * the total is preserved whenever the target grid covers the source (which
 * {@link #targetHalfWidth} guarantees), and the same formula serves up- and down-sampling
 * (upsampling by it is piecewise constant). The axes are done one after another (x, y, z);
 * each output value is accumulated in float64.
 *
 * <p>Layout of all arrays: {@code index = x + nx * (y + ny * z)}. Stateless, thread-safe.
 */
final class PsfResampler {
    private PsfResampler() {}

    /**
     * Smallest half-width {@code H} whose grid covers the whole source extent:
     * {@code (H + 1/2) t >= (h + 1/2) s}, so no flux falls outside.
     */
    static int targetHalfWidth(int h, double sourceStep, double targetStep) {
        double exact = (h + 0.5) * sourceStep / targetStep - 0.5;
        int hw = (int) Math.ceil(exact - 1e-9);
        return Math.max(hw, 0);
    }

    /** Weights mapping a source line of length 2h+1 onto a target line of length 2H+1. */
    static final class AxisWeights {
        final int targetLength;
        /** First source index contributing to target j. */
        final int[] first;
        /** Weights of source first[j], first[j]+1, ... for target j. */
        final double[][] weights;

        private AxisWeights(int targetLength, int[] first, double[][] weights) {
            this.targetLength = targetLength;
            this.first = first;
            this.weights = weights;
        }
    }

    static AxisWeights weights(int h, double sourceStep, int hw, double targetStep) {
        int m = 2 * h + 1;
        int targetLength = 2 * hw + 1;
        double ratio = targetStep / sourceStep;
        int[] first = new int[targetLength];
        double[][] w = new double[targetLength][];
        for (int j = 0; j < targetLength; j++) {
            // target box in source index units, where source voxel i covers [i - 1/2, i + 1/2]
            double a = (j - hw - 0.5) * ratio + h;
            double b = (j - hw + 0.5) * ratio + h;
            int lo = Math.max(0, (int) Math.floor(a + 0.5));
            int hi = Math.min(m - 1, (int) Math.ceil(b - 0.5));
            if (hi < lo) {
                first[j] = 0;
                w[j] = new double[0];
                continue;
            }
            first[j] = lo;
            w[j] = new double[hi - lo + 1];
            for (int i = lo; i <= hi; i++) {
                double overlap = Math.min(b, i + 0.5) - Math.max(a, i - 0.5);
                w[j][i - lo] = overlap > 0 ? overlap : 0;
            }
        }
        return new AxisWeights(targetLength, first, w);
    }

    /**
     * Resamples {@code in} (sizes {@code dims} = {nx, ny, nz}) along {@code axis} (0 = x, 1 = y,
     * 2 = z). On return {@code dims[axis]} holds the new length.
     */
    static float[] resampleAxis(float[] in, int[] dims, int axis, AxisWeights aw) {
        int n = dims[axis];
        int stride = 1;
        for (int a = 0; a < axis; a++) stride *= dims[a];
        int outer = 1;
        for (int a = axis + 1; a < 3; a++) outer *= dims[a];
        int m = aw.targetLength;
        float[] out = new float[stride * m * outer];
        double[] acc = new double[stride];
        for (int o = 0; o < outer; o++) {
            int inBase = stride * n * o;
            int outBase = stride * m * o;
            for (int j = 0; j < m; j++) {
                double[] w = aw.weights[j];
                int first = aw.first[j];
                Arrays.fill(acc, 0);
                for (int k = 0; k < w.length; k++) {
                    double wk = w[k];
                    if (wk == 0) continue;
                    int src = inBase + stride * (first + k);
                    for (int i0 = 0; i0 < stride; i0++) acc[i0] += wk * in[src + i0];
                }
                int dst = outBase + stride * j;
                for (int i0 = 0; i0 < stride; i0++) out[dst + i0] = (float) acc[i0];
            }
        }
        dims[axis] = m;
        return out;
    }
}
