package org.livedecon.core.psf.model;

/**
 * Integrates a radially symmetric intensity I(r), given on the grid r_j = j·dr, over the area of
 * each camera pixel. The centre of pixel (x, y) is at ((x − cx)·vx, (y − cy)·vy); the pixel
 * value is the mean of I over the pixel by a composite 3-point Gauss–Legendre rule (cells × cells
 * sub-squares, 3 × 3 nodes each, error O(h⁶) for a smooth I), each node interpolated from the
 * radial grid with 4-point (cubic) Lagrange weights, I(−r) = I(r).
 *
 * <p>The integration is linear in I, so the weights that map the radial samples onto each pixel are
 * built once and applied to every plane. Only the quadrant of offsets |x − cx|, |y − cy| is
 * stored: the pattern is mirror-symmetric. Immutable after construction.
 */
final class PixelIntegrator {
    private final int hx;
    private final int hy;
    private final int[] first;  // first radial index per quadrant pixel
    private final int[] offset; // start of the pixel's weights in weights[]; length offset[p+1]-offset[p]
    private final double[] weights;
    private final int radii;

    /**
     * @param nx,ny plane size in pixels; centre at (nx/2, ny/2)
     * @param vx,vy pixel size in µm
     * @param dr radial grid step in µm
     * @param cells Gauss–Legendre cells per pixel along each axis
     */
    PixelIntegrator(int nx, int ny, double vx, double vy, double dr, int cells) {
        this.hx = nx / 2;
        this.hy = ny / 2;
        int pixels = (hx + 1) * (hy + 1);
        first = new int[pixels];
        offset = new int[pixels + 1];
        int[] lo = new int[pixels];
        int[] hi = new int[pixels];
        int total = 0;
        int maxIndex = 0;
        for (int dy = 0; dy <= hy; dy++) {
            for (int dx = 0; dx <= hx; dx++) {
                int p = dy * (hx + 1) + dx;
                double nearX = Math.max(0, (dx - 0.5) * vx);
                double nearY = Math.max(0, (dy - 0.5) * vy);
                double farX = (dx + 0.5) * vx;
                double farY = (dy + 0.5) * vy;
                lo[p] = Math.max(0, (int) Math.floor(Math.sqrt(nearX * nearX + nearY * nearY) / dr) - 2);
                hi[p] = (int) Math.floor(Math.sqrt(farX * farX + farY * farY) / dr) + 2;
                offset[p] = total;
                total += hi[p] - lo[p] + 1;
                maxIndex = Math.max(maxIndex, hi[p]);
            }
        }
        offset[pixels] = total;
        this.radii = maxIndex + 1;
        this.weights = new double[total];
        // 3-point Gauss–Legendre on [−1/2, 1/2] per cell: nodes 0, ±sqrt(3/5)/2, weights 8/18, 5/18
        int sub = 3 * cells;
        double[] node = new double[sub];
        double[] nodeWeight = new double[sub];
        double g = Math.sqrt(0.6) / 2;
        for (int c = 0; c < cells; c++) {
            double mid = (c + 0.5) / cells - 0.5;
            node[3 * c] = mid - g / cells;
            node[3 * c + 1] = mid;
            node[3 * c + 2] = mid + g / cells;
            nodeWeight[3 * c] = 5.0 / 18 / cells;
            nodeWeight[3 * c + 1] = 8.0 / 18 / cells;
            nodeWeight[3 * c + 2] = 5.0 / 18 / cells;
        }
        for (int dy = 0; dy <= hy; dy++) {
            for (int dx = 0; dx <= hx; dx++) {
                int p = dy * (hx + 1) + dx;
                first[p] = lo[p];
                int base = offset[p] - lo[p];
                for (int sy = 0; sy < sub; sy++) {
                    double y = (dy + node[sy]) * vy;
                    for (int sx = 0; sx < sub; sx++) {
                        double x = (dx + node[sx]) * vx;
                        double scale = nodeWeight[sx] * nodeWeight[sy];
                        double t = Math.sqrt(x * x + y * y) / dr;
                        int j = (int) Math.floor(t);
                        double f = t - j;
                        // cubic Lagrange through nodes j-1, j, j+1, j+2
                        double wm = -f * (f - 1) * (f - 2) / 6;
                        double w0 = (f + 1) * (f - 1) * (f - 2) / 2;
                        double w1 = -(f + 1) * f * (f - 2) / 2;
                        double w2 = (f + 1) * f * (f - 1) / 6;
                        weights[base + Math.abs(j - 1)] += wm * scale;
                        weights[base + j] += w0 * scale;
                        weights[base + j + 1] += w1 * scale;
                        weights[base + j + 2] += w2 * scale;
                    }
                }
            }
        }
    }

    /** Number of radial samples (indices 0 .. radii-1) the weights read. */
    int radii() { return radii; }

    /**
     * Writes the pixel-integrated plane into {@code out[offset .. offset + nx*ny)}, index
     * x + nx*y; negative interpolation overshoot is clipped to 0.
     */
    void plane(double[] intensity, int nx, int ny, double[] out, int outOffset) {
        int cx = nx / 2;
        int cy = ny / 2;
        double[] quadrant = new double[(hx + 1) * (hy + 1)];
        for (int p = 0; p < quadrant.length; p++) {
            int j0 = first[p];
            double s = 0;
            for (int q = offset[p], j = j0; q < offset[p + 1]; q++, j++) {
                s += weights[q] * intensity[j];
            }
            quadrant[p] = Math.max(0, s);
        }
        for (int y = 0; y < ny; y++) {
            int row = Math.abs(y - cy) * (hx + 1);
            int o = outOffset + y * nx;
            for (int x = 0; x < nx; x++) {
                out[o + x] = quadrant[row + Math.abs(x - cx)];
            }
        }
    }
}
