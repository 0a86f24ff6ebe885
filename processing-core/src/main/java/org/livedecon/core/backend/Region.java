package org.livedecon.core.backend;

import java.util.Arrays;

import org.livedecon.core.volume.Shape;

/**
 * The voxels a reduction counts: along each axis a circular interval {@code [from, from + length)}
 * modulo the buffer's length on that axis, the region being the product of the three. Circular so
 * that the part of a padded FFT grid that lies beyond a stack's far edge and the part that wraps
 * around to stand for "before its near edge" can be counted with the voxels next to them. Tiles
 * use it to count every voxel of a stack exactly once in sums over the whole stack.
 */
public final class Region {
    private final int[] from;
    private final int[] length;

    private Region(int[] from, int[] length) {
        this.from = from;
        this.length = length;
    }

    /**
     * @param from   first voxel along x, y, z (taken modulo the buffer's length)
     * @param length voxels along x, y, z, each at least 0
     */
    public static Region of(int[] from, int[] length) {
        if (from.length != 3 || length.length != 3) throw new IllegalArgumentException("a region needs 3 axes");
        for (int a = 0; a < 3; a++) {
            if (length[a] < 0) throw new IllegalArgumentException("negative length " + length[a] + " on axis " + a);
        }
        return new Region(from.clone(), length.clone());
    }

    /** The box {@code [0, window)} at the origin. */
    public static Region window(Shape window) {
        return new Region(new int[3], new int[] {window.nx(), window.ny(), window.nz()});
    }

    public int from(int axis) { return from[axis]; }

    public int length(int axis) { return length[axis]; }

    /** Whether coordinate {@code c} of an axis of {@code n} voxels lies in the region. */
    public boolean contains(int axis, int c, int n) {
        if (length[axis] >= n) return true;
        int d = c - Math.floorMod(from[axis], n);
        if (d < 0) d += n;
        return d < length[axis];
    }

    /** Membership of every coordinate along {@code axis} of {@code shape}. */
    public boolean[] mask(int axis, Shape shape) {
        int n = shape.along(axis);
        boolean[] m = new boolean[n];
        for (int c = 0; c < n; c++) m[c] = contains(axis, c, n);
        return m;
    }

    /** Voxels of {@code shape} in the region. */
    public long voxels(Shape shape) {
        long v = 1;
        for (int a = 0; a < 3; a++) v *= Math.min(length[a], shape.along(a));
        return v;
    }

    @Override
    public String toString() {
        return "region from " + Arrays.toString(from) + " length " + Arrays.toString(length) + " (x,y,z)";
    }
}
