package org.livedecon.core.calibration;

/**
 * Sub-voxel shifts of odd-sized volumes by band-limited (trigonometric) interpolation: the
 * Fourier phase-ramp shift {@code F'(k) = F(k) e^{-2πi k s / N}}, applied separably as a real
 * N × N circulant matrix per axis (Dirichlet kernel), so there is no size restriction and no
 * blur. Periodic: content leaving one side enters the other, so crops should fall to background
 * at their borders (pad them). Stateless and thread-safe.
 */
final class SubVoxelShift {
    private SubVoxelShift() {}

    /**
     * Matrix M with {@code out[i] = Σ_j M[i][j] in[j] = in(i − s)} for a signal of odd length n:
     * the periodic sinc D(u) = (1/n)(1 + 2 Σ_{f=1}^{(n−1)/2} cos(2π f u / n)).
     */
    static double[][] matrix(int n, double s) {
        double[][] m = new double[n][n];
        int half = (n - 1) / 2;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double u = i - s - j;
                double d = 1;
                for (int f = 1; f <= half; f++) d += 2 * Math.cos(2 * Math.PI * f * u / n);
                m[i][j] = d / n;
            }
        }
        return m;
    }

    /**
     * Shifts {@code d} (dims x, y, z; each odd or 1) by (sx, sy, sz) voxels: output(p) = input(p − s).
     * Axes of length 1 or shift 0 are left alone.
     */
    static double[] shift(double[] d, int[] dims, double[] s) {
        double[] cur = d;
        int[] strides = {1, dims[0], dims[0] * dims[1]};
        for (int axis = 0; axis < 3; axis++) {
            int n = dims[axis];
            if (n == 1 || s[axis] == 0) continue;
            if (n % 2 == 0) throw new IllegalArgumentException("shift needs odd sizes, got " + n + " along axis " + axis);
            double[][] m = matrix(n, s[axis]);
            int stride = strides[axis];
            double[] out = new double[cur.length];
            double[] line = new double[n];
            for (int base = 0; base < cur.length; base++) {
                if ((base / stride) % n != 0) continue;
                for (int j = 0; j < n; j++) line[j] = cur[base + j * stride];
                for (int i = 0; i < n; i++) {
                    double[] row = m[i];
                    double acc = 0;
                    for (int j = 0; j < n; j++) acc += row[j] * line[j];
                    out[base + i * stride] = acc;
                }
            }
            cur = out;
        }
        return cur;
    }
}
