package org.livedecon.core.deconv;

import org.livedecon.core.volume.Shape;

/**
 * A small float64 complex FFT on the host for the one-time work on a PSF-sized box (the
 * Wiener–Butterworth back projector): radix-2 for powers of two, Bluestein's chirp-z for every
 * other length, so that any PSF size works. Not for the iterations: those use the backend.
 */
final class HostFft {
    private final int n;
    /** Power-of-two length of the radix-2 transform (n itself, or the Bluestein convolution length). */
    private final int m;
    private final double[] cos, sin;
    /** Bluestein: the chirp exp(-iπk²/n) and the FFT of its conjugate, zero-padded to m. */
    private final double[] chirpRe, chirpIm, kernelRe, kernelIm;

    HostFft(int n) {
        if (n < 1) throw new IllegalArgumentException("FFT length must be positive, got " + n);
        this.n = n;
        boolean pow2 = (n & (n - 1)) == 0;
        int len = 1;
        while (len < (pow2 ? n : 2 * n - 1)) len <<= 1;
        this.m = len;
        cos = new double[m / 2 + 1];
        sin = new double[m / 2 + 1];
        for (int k = 0; k < cos.length; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / m);
            sin[k] = Math.sin(2 * Math.PI * k / m);
        }
        if (pow2) {
            chirpRe = chirpIm = kernelRe = kernelIm = null;
        } else {
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                // k² mod 2n keeps the angle exact for large k
                long k2 = ((long) k * k) % (2L * n);
                double a = Math.PI * k2 / n;
                chirpRe[k] = Math.cos(a);
                chirpIm[k] = -Math.sin(a);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            for (int k = 0; k < n; k++) {
                kernelRe[k] = chirpRe[k];
                kernelIm[k] = -chirpIm[k];
                if (k > 0) {
                    kernelRe[m - k] = chirpRe[k];
                    kernelIm[m - k] = -chirpIm[k];
                }
            }
            radix2(kernelRe, kernelIm, false);
        }
    }

    /** In place: forward {@code Σ x_j e^{-2πijk/n}}, or inverse with {@code +} and 1/n. */
    void transform(double[] re, double[] im, boolean inverse) {
        if (inverse) {
            for (int i = 0; i < n; i++) im[i] = -im[i];
        }
        if (chirpRe == null) {
            radix2(re, im, false);
        } else {
            double[] ar = new double[m], ai = new double[m];
            for (int k = 0; k < n; k++) {
                ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
                ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
            }
            radix2(ar, ai, false);
            for (int k = 0; k < m; k++) {
                double r = ar[k] * kernelRe[k] - ai[k] * kernelIm[k];
                ai[k] = ar[k] * kernelIm[k] + ai[k] * kernelRe[k];
                ar[k] = r;
            }
            radix2(ar, ai, true);
            for (int k = 0; k < n; k++) {
                re[k] = ar[k] * chirpRe[k] - ai[k] * chirpIm[k];
                im[k] = ar[k] * chirpIm[k] + ai[k] * chirpRe[k];
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] = -im[i] / n;
            }
        }
    }

    /** Iterative radix-2 on the first m values; {@code inverse}: conjugate twiddles and 1/m. */
    private void radix2(double[] re, double[] im, boolean inverse) {
        for (int i = 1, j = 0; i < m; i++) {
            int bit = m >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= m; len <<= 1) {
            int step = m / len;
            for (int i = 0; i < m; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = cos[k * step], wi = sign * sin[k * step];
                    int a = i + k, b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < m; i++) {
                re[i] /= m;
                im[i] /= m;
            }
        }
    }

    /** 3D transform in place of a volume laid out {@code x + nx·(y + ny·z)}. */
    static void transform3d(double[] re, double[] im, Shape s, boolean inverse) {
        int[] dims = {s.nx(), s.ny(), s.nz()};
        int[] strides = {1, s.nx(), s.nx() * s.ny()};
        for (int axis = 0; axis < 3; axis++) {
            int len = dims[axis], stride = strides[axis];
            if (len == 1) continue;
            HostFft fft = new HostFft(len);
            double[] lr = new double[len], li = new double[len];
            for (int start = 0; start < re.length; start++) {
                // a line starts where the coordinate along this axis is 0
                if ((start / stride) % len != 0) continue;
                for (int k = 0; k < len; k++) {
                    lr[k] = re[start + k * stride];
                    li[k] = im[start + k * stride];
                }
                fft.transform(lr, li, inverse);
                for (int k = 0; k < len; k++) {
                    re[start + k * stride] = lr[k];
                    im[start + k * stride] = li[k];
                }
            }
        }
    }
}
