package org.livedecon.core.calibration;

import java.util.ArrayList;
import java.util.List;

import org.livedecon.core.volume.Volume;

/**
 * Finds bead candidates in a 3D stack: maximum projection along z, Gaussian smoothing (σ = 1
 * pixel), robust noise (median and median absolute deviation of the smoothed projection), local
 * maxima within a window of about one lateral FWHM above {@code median + k·MAD}; then the focus
 * plane of each from its smoothed axial profile (3x3 pixel sum). Maxima below 5 % of a brighter
 * one within the crop half-width are dropped as the out-of-focus rings of that bead. Stateless.
 */
final class BeadDetector {
    /** Fraction of a brighter neighbour's height below which a maximum counts as its ring. */
    static final double SATELLITE_FRACTION = 0.05;

    private BeadDetector() {}

    /** Detection output: candidates (integer positions) and the numbers used. */
    static final class Detection {
        final List<int[]> positions = new ArrayList<int[]>();
        final List<Double> heights = new ArrayList<Double>();
        double median;
        double mad;
        double threshold;
    }

    static Detection detect(Volume stack, double thresholdMads, int window, int satelliteRadius) {
        int nx = stack.nx(), ny = stack.ny(), nz = stack.nz();
        float[] d = stack.data();
        int plane = nx * ny;
        double[] mip = new double[plane];
        java.util.Arrays.fill(mip, Double.NEGATIVE_INFINITY);
        for (int z = 0; z < nz; z++) {
            int o = z * plane;
            for (int i = 0; i < plane; i++) if (d[o + i] > mip[i]) mip[i] = d[o + i];
        }
        double[] s = smooth(mip, nx, ny, 1.0);
        Detection det = new Detection();
        det.median = PsfMeasures.median(s, s.length);
        double[] dev = new double[s.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            dev[i] = Math.abs(s[i] - det.median);
            max = Math.max(max, s[i]);
        }
        det.mad = PsfMeasures.median(dev, dev.length);
        double mad = Math.max(det.mad, 1e-6 * Math.max(1e-30, max - det.median));
        det.threshold = det.median + thresholdMads * mad;
        List<int[]> found = new ArrayList<int[]>();
        List<Double> heights = new ArrayList<Double>();
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double v = s[x + nx * y];
                if (v <= det.threshold || !isMax(s, nx, ny, x, y, window)) continue;
                found.add(new int[] {x, y, focusPlane(stack, x, y)});
                heights.add(v - det.median);
            }
        }
        for (int i = 0; i < found.size(); i++) {
            int[] p = found.get(i);
            boolean satellite = false;
            for (int j = 0; j < found.size() && !satellite; j++) {
                int[] q = found.get(j);
                if (i == j || heights.get(j) <= heights.get(i)) continue;
                double dx = p[0] - q[0], dy = p[1] - q[1];
                satellite = dx * dx + dy * dy <= (double) satelliteRadius * satelliteRadius
                        && heights.get(i) < SATELLITE_FRACTION * heights.get(j);
            }
            if (!satellite) {
                det.positions.add(p);
                det.heights.add(heights.get(i));
            }
        }
        return det;
    }

    /** Strict maximum against earlier pixels (index order) and ≥ later ones, in a (2w+1)² window. */
    private static boolean isMax(double[] s, int nx, int ny, int x, int y, int w) {
        double v = s[x + nx * y];
        for (int yy = Math.max(0, y - w); yy <= Math.min(ny - 1, y + w); yy++) {
            for (int xx = Math.max(0, x - w); xx <= Math.min(nx - 1, x + w); xx++) {
                double u = s[xx + nx * yy];
                boolean earlier = yy < y || (yy == y && xx < x);
                if (earlier ? u >= v : u > v) return false;
            }
        }
        return true;
    }

    /** Plane of the maximum of the [1,2,1]-smoothed 3x3 pixel sum through (x, y). */
    static int focusPlane(Volume stack, int x, int y) {
        int nx = stack.nx(), ny = stack.ny(), nz = stack.nz();
        double[] p = new double[nz];
        for (int z = 0; z < nz; z++) {
            double acc = 0;
            for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1); yy++) {
                for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) acc += stack.get(xx, yy, z);
            }
            p[z] = acc;
        }
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < nz; z++) {
            double v = 2 * p[z] + (z > 0 ? p[z - 1] : p[z]) + (z < nz - 1 ? p[z + 1] : p[z]);
            if (v > bestV) {
                bestV = v;
                best = z;
            }
        }
        return best;
    }

    /** Separable Gaussian smoothing of a plane, σ in pixels, kernel ±3σ renormalised at the edges. */
    static double[] smooth(double[] in, int nx, int ny, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        for (int i = -r; i <= r; i++) k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
        double[] tmp = new double[in.length];
        double[] out = new double[in.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double a = 0, w = 0;
                for (int d = Math.max(-r, -x); d <= Math.min(r, nx - 1 - x); d++) {
                    a += k[d + r] * in[x + d + nx * y];
                    w += k[d + r];
                }
                tmp[x + nx * y] = a / w;
            }
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double a = 0, w = 0;
                for (int d = Math.max(-r, -y); d <= Math.min(r, ny - 1 - y); d++) {
                    a += k[d + r] * tmp[x + nx * (y + d)];
                    w += k[d + r];
                }
                out[x + nx * y] = a / w;
            }
        }
        return out;
    }
}
