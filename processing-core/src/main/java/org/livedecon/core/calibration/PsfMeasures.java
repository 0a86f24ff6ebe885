package org.livedecon.core.calibration;

import java.util.Arrays;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Measurements on PSF volumes for the quality report and tests: FWHM, sub-voxel centre, NRMSE.
 * Stateless and thread-safe.
 */
public final class PsfMeasures {
    private PsfMeasures() {}

    /**
     * Full width at half maximum in µm along {@code axis} (0 x, 1 y, 2 z) of the profile through
     * the brightest voxel, half of that voxel's value, linear interpolation between voxels; NaN when
     * the profile does not fall below half inside the volume.
     */
    public static double fwhmUm(Volume v, int axis) {
        return fwhmUm(v, axis, peakVoxel(v));
    }

    /**
     * As {@link #fwhmUm(Volume, int)}, through voxel {@code through} (x, y, z) and half of its value,
     * e.g. the centre voxel (n/2) of a theoretical PSF.
     */
    public static double fwhmUm(Volume v, int axis, int[] through) {
        double[] p = profile(v, axis, through);
        int c = through[axis];
        double half = p[c] / 2;
        double right = Double.NaN, left = Double.NaN;
        for (int i = c; i + 1 < p.length; i++) {
            if (p[i + 1] < half) {
                right = i + (p[i] - half) / (p[i] - p[i + 1]);
                break;
            }
        }
        for (int i = c; i - 1 >= 0; i--) {
            if (p[i - 1] < half) {
                left = i - (p[i] - half) / (p[i] - p[i - 1]);
                break;
            }
        }
        return (right - left) * v.voxelSize().along(axis);
    }

    /** The voxel at the centre (n/2 along each axis) of {@code v}, (x, y, z). */
    public static int[] centreVoxel(Volume v) {
        return new int[] {v.nx() / 2, v.ny() / 2, v.shape().nz() / 2};
    }

    /** The line along {@code axis} through the brightest voxel of {@code v}. */
    public static double[] profile(Volume v, int axis) {
        return profile(v, axis, peakVoxel(v));
    }

    private static double[] profile(Volume v, int axis, int[] through) {
        Shape s = v.shape();
        int n = s.along(axis);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = axis == 0 ? v.get(i, through[1], through[2]) : axis == 1 ? v.get(through[0], i, through[2])
                    : v.get(through[0], through[1], i);
        }
        return p;
    }

    /** (x, y, z) of the brightest voxel (first in index order on ties). */
    public static int[] peakVoxel(Volume v) {
        float[] d = v.data();
        int best = 0;
        for (int i = 1; i < d.length; i++) if (d[i] > d[best]) best = i;
        int nx = v.nx(), ny = v.ny();
        return new int[] {best % nx, (best / nx) % ny, best / (nx * ny)};
    }

    /**
     * Sub-voxel peak position (x, y, z) in voxels: the brightest voxel refined by a parabola
     * through it and its two neighbours along each axis.
     */
    public static double[] subVoxelPeak(Volume v) {
        int[] p = peakVoxel(v);
        double[] out = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            int n = v.shape().along(axis);
            out[axis] = p[axis];
            if (p[axis] == 0 || p[axis] == n - 1) continue;
            int[] a = p.clone();
            int[] b = p.clone();
            a[axis]--;
            b[axis]++;
            double l = v.get(a[0], a[1], a[2]), c = v.get(p[0], p[1], p[2]), r = v.get(b[0], b[1], b[2]);
            double den = l - 2 * c + r;
            if (den < 0) out[axis] += 0.5 * (l - r) / den;
        }
        return out;
    }

    /**
     * Intensity-weighted centroid (x, y, z) in voxels of the voxels within {@code radius} voxels
     * (per axis, a box) of the brightest voxel.
     */
    public static double[] centroid(Volume v, int[] radius) {
        int[] p = peakVoxel(v);
        double sx = 0, sy = 0, sz = 0, s = 0;
        for (int z = Math.max(0, p[2] - radius[2]); z <= Math.min(v.nz() - 1, p[2] + radius[2]); z++) {
            for (int y = Math.max(0, p[1] - radius[1]); y <= Math.min(v.ny() - 1, p[1] + radius[1]); y++) {
                for (int x = Math.max(0, p[0] - radius[0]); x <= Math.min(v.nx() - 1, p[0] + radius[0]); x++) {
                    double w = Math.max(0, v.get(x, y, z));
                    sx += w * x;
                    sy += w * y;
                    sz += w * z;
                    s += w;
                }
            }
        }
        return new double[] {sx / s, sy / s, sz / s};
    }

    /**
     * Normalised RMS error ‖a − b‖₂ / ‖b‖₂ of two volumes of the same shape, both first scaled to
     * sum 1 (so a brightness difference does not count).
     */
    public static double nrmse(Volume a, Volume b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("NRMSE needs equal shapes, got " + a.shape() + " and " + b.shape());
        }
        double sa = a.sum(), sb = b.sum();
        float[] x = a.data(), y = b.data();
        double e = 0, n = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] / sa - y[i] / sb;
            e += d * d;
            n += (y[i] / sb) * (y[i] / sb);
        }
        return Math.sqrt(e / n);
    }

    /**
     * The part of {@code v} of shape {@code shape} centred on v's centre voxel n/2, padded with zeros
     * where it reaches outside. For comparing PSFs of different sizes.
     */
    public static Volume centredCrop(Volume v, Shape shape) {
        float[] out = new float[shape.voxels()];
        int ox = v.nx() / 2 - shape.nx() / 2, oy = v.ny() / 2 - shape.ny() / 2, oz = v.nz() / 2 - shape.nz() / 2;
        for (int z = 0; z < shape.nz(); z++) {
            for (int y = 0; y < shape.ny(); y++) {
                for (int x = 0; x < shape.nx(); x++) {
                    int sx = x + ox, sy = y + oy, sz = z + oz;
                    if (sx < 0 || sy < 0 || sz < 0 || sx >= v.nx() || sy >= v.ny() || sz >= v.nz()) continue;
                    out[shape.index(x, y, z)] = v.get(sx, sy, sz);
                }
            }
        }
        return new Volume(shape, v.voxelSize(), out);
    }

    static double median(double[] values, int n) {
        if (n == 0) return Double.NaN;
        double[] c = Arrays.copyOf(values, n);
        Arrays.sort(c);
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    static double median(float[] values) {
        float[] c = values.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * ((double) c[n / 2 - 1] + c[n / 2]);
    }
}
