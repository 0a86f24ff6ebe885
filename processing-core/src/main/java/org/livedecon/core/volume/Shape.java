package org.livedecon.core.volume;

/**
 * Size of a z-y-x volume in voxels. Immutable. Linear index of voxel (x, y, z) is
 * {@code x + nx * (y + ny * z)}.
 */
public final class Shape {
    private final int nx;
    private final int ny;
    private final int nz;

    private Shape(int nx, int ny, int nz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
    }

    /**
     * @throws IllegalArgumentException if a size is below 1 or the volume exceeds 2^31-1 voxels
     */
    public static Shape of(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("volume size must be at least 1 in x, y and z, got "
                    + nx + "x" + ny + "x" + nz + " (x,y,z)");
        }
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("volume " + nx + "x" + ny + "x" + nz
                    + " has " + n + " voxels; at most " + (Integer.MAX_VALUE - 8) + " fit in one array: tile it");
        }
        return new Shape(nx, ny, nz);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }

    /** Size along axis 0 = x, 1 = y, 2 = z. */
    public int along(int axis) {
        switch (axis) {
            case 0: return nx;
            case 1: return ny;
            case 2: return nz;
            default: throw new IllegalArgumentException("axis must be 0 (x), 1 (y) or 2 (z), got " + axis);
        }
    }

    public int voxels() { return nx * ny * nz; }

    public int index(int x, int y, int z) { return x + nx * (y + ny * z); }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Shape)) return false;
        Shape s = (Shape) o;
        return nx == s.nx && ny == s.ny && nz == s.nz;
    }

    @Override
    public int hashCode() { return (nz * 31 + ny) * 31 + nx; }

    /** "ZxYxX", the order microscopists read stacks in (planes x rows x columns). */
    @Override
    public String toString() { return nz + "x" + ny + "x" + nx; }
}
