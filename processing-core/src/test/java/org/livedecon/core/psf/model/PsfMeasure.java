package org.livedecon.core.psf.model;

import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Volume;

/** Test helpers: profiles and FWHM through the centre voxel of a PSF. */
final class PsfMeasure {
    private PsfMeasure() {}

    /** Values along axis 0 (x), 1 (y) or 2 (z) through voxel (x, y, z). */
    static double[] line(Volume v, int axis, int x, int y, int z) {
        int n = v.shape().along(axis);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = axis == 0 ? v.get(i, y, z) : axis == 1 ? v.get(x, i, z) : v.get(x, y, i);
        }
        return out;
    }

    /** Line along the axis through the PSF centre voxel. */
    static double[] centreLine(Psf psf, int axis) {
        return line(psf.volume(), axis, psf.centreX(), psf.centreY(), psf.centreZ());
    }

    /**
     * Full width at half of the value at index c, in samples, with the half-maximum crossings on
     * either side found by linear interpolation.
     */
    static double fwhmSamples(double[] p, int c) {
        double half = p[c] / 2;
        int r = c;
        while (r + 1 < p.length && p[r + 1] > half) r++;
        if (r + 1 >= p.length) throw new AssertionError("profile does not fall to half maximum on the right");
        double right = r + (p[r] - half) / (p[r] - p[r + 1]);
        int l = c;
        while (l - 1 >= 0 && p[l - 1] > half) l--;
        if (l - 1 < 0) throw new AssertionError("profile does not fall to half maximum on the left");
        double left = l - (p[l] - half) / (p[l] - p[l - 1]);
        return right - left;
    }

    static double fwhmUm(Psf psf, int axis) {
        int c = axis == 0 ? psf.centreX() : axis == 1 ? psf.centreY() : psf.centreZ();
        return fwhmSamples(centreLine(psf, axis), c) * psf.voxelSize().along(axis);
    }

    /** Index of the largest voxel, as {x, y, z}. */
    static int[] argMax(Volume v) {
        float[] d = v.data();
        int best = 0;
        for (int i = 1; i < d.length; i++) if (d[i] > d[best]) best = i;
        int nx = v.nx(), ny = v.ny();
        return new int[] {best % nx, (best / nx) % ny, best / (nx * ny)};
    }

    /** Sum of plane z. */
    static double planeSum(Volume v, int z) {
        double s = 0;
        for (float f : v.plane(z)) s += f;
        return s;
    }
}
