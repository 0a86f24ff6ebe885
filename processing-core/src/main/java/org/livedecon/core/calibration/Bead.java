package org.livedecon.core.calibration;

import java.util.Locale;

/**
 * One detected bead: its position in the stack (voxel coordinates, sub-voxel after localisation),
 * its integrated intensity above the local background (stack units, e.g. ADU) and whether it was
 * used for the averaged PSF or why not. Immutable.
 */
public final class Bead {
    private final double x;
    private final double y;
    private final double z;
    private final double peak;
    private final double integrated;
    private final RejectionReason rejection;

    /**
     * @param x, y, z position in voxels of the stack (x + nx*(y + ny*z) indexing)
     * @param peak brightest smoothed value above the stack median at detection (stack units)
     * @param integrated intensity summed over the crop after background subtraction (NaN if not measured)
     * @param rejection why it was rejected, or {@code null} when it was used
     */
    public Bead(double x, double y, double z, double peak, double integrated, RejectionReason rejection) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.peak = peak;
        this.integrated = integrated;
        this.rejection = rejection;
    }

    public double x() { return x; }
    public double y() { return y; }
    public double z() { return z; }
    public double peak() { return peak; }
    public double integrated() { return integrated; }

    /** Why the bead was rejected, or {@code null} when it was used. */
    public RejectionReason rejection() { return rejection; }

    public boolean accepted() { return rejection == null; }

    Bead with(double nx, double ny, double nz, double nIntegrated, RejectionReason r) {
        return new Bead(nx, ny, nz, peak, nIntegrated, r);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "bead at (%.2f, %.2f, %.2f) voxels, integrated %.4g: %s", x, y, z,
                integrated, rejection == null ? "used" : "rejected (" + rejection.label() + ")");
    }
}
