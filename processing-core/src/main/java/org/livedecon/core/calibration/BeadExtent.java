package org.livedecon.core.calibration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.livedecon.core.volume.Volume;

/**
 * How large the beads of a stack really are, measured before cropping them: the in-focus lateral
 * FWHM and the axial room the scan leaves about their focus. The extractor sizes its crop from
 * these when the theory (from optics the user typed in) disagrees. Stateless.
 */
final class BeadExtent {
    private BeadExtent() {}

    /**
     * Median over the candidates of the half-maximum width (pixels) of the x and y profiles through
     * each candidate's peak in its focus plane, above that plane's median (the background of a
     * sparse bead field). NaN when no candidate gives a width.
     *
     * @param positions candidates {x, y, focus plane}
     */
    static double lateralFwhmPx(Volume stack, List<int[]> positions) {
        Map<Integer, Double> planeMedian = new HashMap<Integer, Double>();
        double[] widths = new double[positions.size()];
        int k = 0;
        int reach = Math.max(4, Math.min(stack.nx(), stack.ny()) / 4);
        for (int[] p : positions) {
            Double bg = planeMedian.get(p[2]);
            if (bg == null) {
                bg = planeMedian(stack, p[2]);
                planeMedian.put(p[2], bg);
            }
            double peak = stack.get(p[0], p[1], p[2]) - bg;
            if (!(peak > 0)) continue;
            double half = bg + peak / 2;
            double wx = halfWidth(stack, p, half, 1, 0, reach) + halfWidth(stack, p, half, -1, 0, reach);
            double wy = halfWidth(stack, p, half, 0, 1, reach) + halfWidth(stack, p, half, 0, -1, reach);
            if (wx > 0 && wy > 0) widths[k++] = 0.5 * (wx + wy);
        }
        return k == 0 ? Double.NaN : PsfMeasures.median(widths, k);
    }

    /**
     * Planes between the median focus plane of the candidates and the nearer end of the stack: the
     * largest axial half-width a crop about a typical bead can have.
     */
    static int axialRoom(Volume stack, List<int[]> positions) {
        double[] z = new double[positions.size()];
        for (int i = 0; i < z.length; i++) z[i] = positions.get(i)[2];
        int zf = (int) Math.round(PsfMeasures.median(z, z.length));
        return Math.min(zf, stack.nz() - 1 - zf);
    }

    /** Distance (pixels, linearly interpolated) from p to where the profile falls below {@code level}; 0 if it never does. */
    private static double halfWidth(Volume s, int[] p, double level, int dx, int dy, int reach) {
        double prev = s.get(p[0], p[1], p[2]);
        for (int d = 1; d <= reach; d++) {
            int x = p[0] + d * dx, y = p[1] + d * dy;
            if (x < 0 || y < 0 || x >= s.nx() || y >= s.ny()) return 0;
            double v = s.get(x, y, p[2]);
            if (v < level) return d - 1 + (prev - level) / (prev - v);
            prev = v;
        }
        return 0;
    }

    private static double planeMedian(Volume s, int z) {
        int n = s.nx() * s.ny();
        double[] v = new double[n];
        float[] d = s.data();
        int o = z * n;
        for (int i = 0; i < n; i++) v[i] = d[o + i];
        return PsfMeasures.median(v, n);
    }
}
