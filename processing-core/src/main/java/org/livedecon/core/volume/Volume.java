package org.livedecon.core.volume;

import java.util.Arrays;
import java.util.List;

/**
 * A float32 z-y-x volume with its voxel size in µm.
 *
 * <p>Storage is one {@code float[]} with voxel (x, y, z) at {@code x + nx * (y + ny * z)}. The
 * array is shared, not copied: whoever holds the volume may read and write its voxels, and
 * {@link #copy()} is the way to get an independent one. Not thread-safe for concurrent writes.
 */
public final class Volume {
    private final Shape shape;
    private final VoxelSize voxelSize;
    private final float[] data;

    public Volume(Shape shape, VoxelSize voxelSize, float[] data) {
        if (shape == null || voxelSize == null || data == null) {
            throw new IllegalArgumentException("shape, voxel size and data are required");
        }
        if (data.length != shape.voxels()) {
            throw new IllegalArgumentException("data has " + data.length + " values but shape "
                    + shape + " needs " + shape.voxels());
        }
        this.shape = shape;
        this.voxelSize = voxelSize;
        this.data = data;
    }

    /** A zero-filled volume. */
    public static Volume zeros(Shape shape, VoxelSize voxelSize) {
        return new Volume(shape, voxelSize, new float[shape.voxels()]);
    }

    /**
     * Builds a volume from camera planes of {@code nx * ny} pixels each, in z order. Each plane
     * is a {@code byte[]} (8-bit, unsigned), {@code short[]} (16-bit, unsigned) or {@code float[]}.
     *
     * @throws IllegalArgumentException naming the plane when its type or length is wrong
     */
    public static Volume fromPlanes(List<?> planes, int nx, int ny, VoxelSize voxelSize) {
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("a volume needs at least one plane, got none");
        }
        Shape shape = Shape.of(nx, ny, planes.size());
        float[] out = new float[shape.voxels()];
        int n = nx * ny;
        for (int z = 0; z < planes.size(); z++) {
            Planes.toFloat(planes.get(z), n, out, z * n, "plane z=" + z);
        }
        return new Volume(shape, voxelSize, out);
    }

    public Shape shape() { return shape; }
    public VoxelSize voxelSize() { return voxelSize; }
    public int nx() { return shape.nx(); }
    public int ny() { return shape.ny(); }
    public int nz() { return shape.nz(); }

    /** The backing array (shared, see class comment). */
    public float[] data() { return data; }

    public float get(int x, int y, int z) { return data[shape.index(x, y, z)]; }

    public void set(int x, int y, int z, float v) { data[shape.index(x, y, z)] = v; }

    public Volume copy() { return new Volume(shape, voxelSize, data.clone()); }

    public Volume withVoxelSize(VoxelSize v) { return new Volume(shape, v, data); }

    /** Sum of all voxels, accumulated in float64. */
    public double sum() {
        double s = 0;
        for (float v : data) s += v;
        return s;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) if (v > m) m = v;
        return m;
    }

    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : data) if (v < m) m = v;
        return m;
    }

    /** Plane z as a new array of nx*ny values. */
    public float[] plane(int z) {
        int n = nx() * ny();
        return Arrays.copyOfRange(data, z * n, (z + 1) * n);
    }

    @Override
    public String toString() { return "Volume " + shape + " (z,y,x) at " + voxelSize; }
}
