package org.livedecon.core.calibration;

/**
 * Removes the finite bead size from an averaged bead image: the image is the PSF convolved with a
 * uniform sphere of diameter d, so its spectrum is divided by the sphere's transform
 * {@code S(k) = 3 (sin x − x cos x) / x³}, {@code x = π |k| d} (|k| in cycles/µm), with Wiener
 * regularisation {@code S / (S² + ε)}. Negative values are clamped to 0. A separable DFT (direct
 * sums, any size) keeps it free of size restrictions; meant for PSF crops of some 10⁵ voxels.
 * Stateless and thread-safe.
 */
final class BeadCorrection {
    private BeadCorrection() {}

    /** Transform of a uniform sphere of diameter {@code d} µm at spatial frequency {@code k} cycles/µm. */
    static double sphere(double k, double d) {
        double x = Math.PI * k * d;
        if (x < 1e-3) return 1 - x * x / 10;
        return 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
    }

    /**
     * @param d volume, x fastest (dims x, y, z); not modified
     * @param voxel voxel size (x, y, z) in µm
     * @return the corrected volume, clamped at 0
     */
    static double[] apply(double[] d, int[] dims, double[] voxel, double diameterUm, double epsilon) {
        int n = d.length;
        double[] re = d.clone();
        double[] im = new double[n];
        for (int axis = 0; axis < 3; axis++) dft(re, im, dims, axis, -1);
        int nx = dims[0], ny = dims[1], nz = dims[2];
        for (int z = 0; z < nz; z++) {
            double kz = freq(z, nz) / (nz * voxel[2]);
            for (int y = 0; y < ny; y++) {
                double ky = freq(y, ny) / (ny * voxel[1]);
                for (int x = 0; x < nx; x++) {
                    double kx = freq(x, nx) / (nx * voxel[0]);
                    double s = sphere(Math.sqrt(kx * kx + ky * ky + kz * kz), diameterUm);
                    double w = s / (s * s + epsilon);
                    int i = x + nx * (y + ny * z);
                    re[i] *= w;
                    im[i] *= w;
                }
            }
        }
        for (int axis = 0; axis < 3; axis++) dft(re, im, dims, axis, +1);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = re[i] / n;
            out[i] = v > 0 ? v : 0;
        }
        return out;
    }

    private static int freq(int k, int n) {
        return k <= n / 2 ? k : k - n;
    }

    /** In-place unnormalised DFT along {@code axis}, sign −1 forward, +1 inverse. */
    private static void dft(double[] re, double[] im, int[] dims, int axis, int sign) {
        int n = dims[axis];
        if (n == 1) return;
        int stride = axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int k = 0; k < n; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = sign * Math.sin(2 * Math.PI * k / n);
        }
        double[] lr = new double[n];
        double[] li = new double[n];
        for (int base = 0; base < re.length; base++) {
            if ((base / stride) % n != 0) continue;
            for (int j = 0; j < n; j++) {
                lr[j] = re[base + j * stride];
                li[j] = im[base + j * stride];
            }
            for (int k = 0; k < n; k++) {
                double ar = 0, ai = 0;
                int idx = 0;
                for (int j = 0; j < n; j++) {
                    double c = cos[idx], s = sin[idx];
                    ar += lr[j] * c - li[j] * s;
                    ai += lr[j] * s + li[j] * c;
                    idx += k;
                    if (idx >= n) idx -= n;
                }
                re[base + k * stride] = ar;
                im[base + k * stride] = ai;
            }
        }
    }
}
