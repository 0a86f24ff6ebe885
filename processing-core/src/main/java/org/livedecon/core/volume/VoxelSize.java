package org.livedecon.core.volume;

import java.util.Locale;

/**
 * Physical size of one voxel in micrometres (µm): x and y are the camera pixel size at the
 * sample, z the focus step between planes. Immutable.
 */
public final class VoxelSize {
    private final double x;
    private final double y;
    private final double z;

    private VoxelSize(double x, double y, double z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /**
     * @throws IllegalArgumentException if any size is not a finite positive number of µm
     */
    public static VoxelSize of(double xUm, double yUm, double zUm) {
        check("x", xUm);
        check("y", yUm);
        check("z", zUm);
        return new VoxelSize(xUm, yUm, zUm);
    }

    /** Square pixels of {@code pixelUm} and a z step of {@code zStepUm}. */
    public static VoxelSize of(double pixelUm, double zStepUm) {
        return of(pixelUm, pixelUm, zStepUm);
    }

    private static void check(String axis, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(
                    "voxel size " + axis + " must be a positive number of µm, got " + v);
        }
    }

    public double x() { return x; }
    public double y() { return y; }
    public double z() { return z; }

    /** Size along axis 0 = x, 1 = y, 2 = z. */
    public double along(int axis) {
        switch (axis) {
            case 0: return x;
            case 1: return y;
            case 2: return z;
            default: throw new IllegalArgumentException("axis must be 0 (x), 1 (y) or 2 (z), got " + axis);
        }
    }

    /** True when every axis agrees to a relative 1e-6 (calibrations round-trip through text). */
    public boolean approximatelyEquals(VoxelSize o) {
        return close(x, o.x) && close(y, o.y) && close(z, o.z);
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VoxelSize)) return false;
        VoxelSize v = (VoxelSize) o;
        return x == v.x && y == v.y && z == v.z;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(x) * 31 * 31 + Double.hashCode(y) * 31 + Double.hashCode(z);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4gx%.4gx%.4g µm (x,y,z)", x, y, z);
    }
}
