package org.livedecon.sim;

import org.livedecon.core.volume.Shape;

/** Deposits light onto a voxel grid: points by trilinear splatting, spheres by supersampling. */
final class Splat {
    private static final int SUB = 4;

    private Splat() {}

    /**
     * Adds {@code photons} at the point (x, y, z) given in voxel units (voxel centres at integers),
     * shared among the up to 8 surrounding voxels by trilinear weights; weights falling outside
     * the grid are lost. A point exactly on a voxel centre lands on that voxel alone.
     */
    static void point(float[] data, Shape s, double x, double y, double z, double photons) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double fx = x - x0, fy = y - y0, fz = z - z0;
        for (int dz = 0; dz < 2; dz++) {
            double wz = dz == 0 ? 1 - fz : fz;
            int zz = z0 + dz;
            if (wz == 0 || zz < 0 || zz >= s.nz()) continue;
            for (int dy = 0; dy < 2; dy++) {
                double wy = dy == 0 ? 1 - fy : fy;
                int yy = y0 + dy;
                if (wy == 0 || yy < 0 || yy >= s.ny()) continue;
                for (int dx = 0; dx < 2; dx++) {
                    double wx = dx == 0 ? 1 - fx : fx;
                    int xx = x0 + dx;
                    if (wx == 0 || xx < 0 || xx >= s.nx()) continue;
                    data[s.index(xx, yy, zz)] += (float) (photons * wx * wy * wz);
                }
            }
        }
    }

    /**
     * Adds a uniform sphere of {@code photons} in total, centre (cx, cy, cz) µm and radius
     * {@code r} µm, with voxel size (vx, vy, vz) µm. Each voxel gets the fraction of its volume
     * inside the sphere, estimated with 4x4x4 sub-samples, and the result is scaled so the sphere
     * holds exactly {@code photons} (less what falls outside the grid). A sphere that covers no
     * sub-sample is splatted as a point.
     */
    static void sphere(float[] data, Shape s, double vx, double vy, double vz,
                       double cx, double cy, double cz, double r, double photons) {
        int x0 = Math.max(0, (int) Math.floor((cx - r) / vx - 0.5)), x1 = Math.min(s.nx() - 1, (int) Math.ceil((cx + r) / vx + 0.5));
        int y0 = Math.max(0, (int) Math.floor((cy - r) / vy - 0.5)), y1 = Math.min(s.ny() - 1, (int) Math.ceil((cy + r) / vy + 0.5));
        int z0 = Math.max(0, (int) Math.floor((cz - r) / vz - 0.5)), z1 = Math.min(s.nz() - 1, (int) Math.ceil((cz + r) / vz + 0.5));
        if (x0 > x1 || y0 > y1 || z0 > z1) return;
        // the full (unclipped) sub-sample count sets the normalisation, so clipping loses light
        double fullCount = 0;
        int nxb = x1 - x0 + 1, nyb = y1 - y0 + 1;
        double[] frac = new double[nxb * nyb * (z1 - z0 + 1)];
        double r2 = r * r;
        for (int k = z0; k <= z1; k++) {
            for (int j = y0; j <= y1; j++) {
                for (int i = x0; i <= x1; i++) {
                    int inside = 0;
                    for (int c = 0; c < SUB; c++) {
                        double dz = (k - 0.5 + (c + 0.5) / SUB) * vz - cz;
                        for (int b = 0; b < SUB; b++) {
                            double dy = (j - 0.5 + (b + 0.5) / SUB) * vy - cy;
                            for (int a = 0; a < SUB; a++) {
                                double dx = (i - 0.5 + (a + 0.5) / SUB) * vx - cx;
                                if (dx * dx + dy * dy + dz * dz <= r2) inside++;
                            }
                        }
                    }
                    frac[(i - x0) + nxb * ((j - y0) + nyb * (k - z0))] = inside;
                }
            }
        }
        double analytic = 4.0 / 3.0 * Math.PI * r * r * r / (vx * vy * vz) * SUB * SUB * SUB;
        for (double f : frac) fullCount += f;
        if (fullCount == 0) {
            point(data, s, cx / vx, cy / vy, cz / vz, photons);
            return;
        }
        // normalise by the analytic volume when the sphere is clipped by the grid, else by the count
        boolean clipped = (cx - r) / vx - 0.5 < 0 || (cy - r) / vy - 0.5 < 0 || (cz - r) / vz - 0.5 < 0
                || (cx + r) / vx + 0.5 > s.nx() - 1 || (cy + r) / vy + 0.5 > s.ny() - 1 || (cz + r) / vz + 0.5 > s.nz() - 1;
        double norm = photons / (clipped ? Math.max(analytic, fullCount) : fullCount);
        for (int k = z0; k <= z1; k++) {
            for (int j = y0; j <= y1; j++) {
                for (int i = x0; i <= x1; i++) {
                    double f = frac[(i - x0) + nxb * ((j - y0) + nyb * (k - z0))];
                    if (f > 0) data[s.index(i, j, k)] += (float) (f * norm);
                }
            }
        }
    }
}
