package org.livedecon.core.deconv;

/**
 * How Wiener fills the padding of a non-circulant grid, shared by the whole-stack and the
 * streaming Wiener so both give the same result: each face is continued by its own values times
 * a half cosine falling from 1 to 0 over {@code taper} voxels (at most half the gap), the rest of
 * the gap is 0 (the background level of y − b). Linear in the data, and each face depends only on
 * itself, so a tile of a stack is padded like the whole stack near a shared face.
 */
public final class EdgeTaper {
    private EdgeTaper() {}

    /** Voxels over which a face is tapered, for a gap of {@code gap} voxels. */
    public static int length(int taper, int gap) {
        return Math.max(0, Math.min(taper, gap / 2));
    }

    /** Weight of the k-th padding voxel (k = 1 … length) away from its face. */
    public static float weight(int k, int length) {
        return (float) (0.5 * (1 + Math.cos(Math.PI * k / (length + 1))));
    }

    /**
     * Fills a line of {@code total} values at {@code offset}, {@code stride} apart, whose first
     * {@code n} are data: after the last data value its taper, before the first (wrapped to the end
     * of the line) the first value's taper, zeros between.
     */
    public static void fill(float[] a, int offset, int stride, int n, int total, int taper) {
        int gap = total - n;
        if (gap <= 0) return;
        float last = a[offset + (n - 1) * stride];
        float first = a[offset];
        int t = length(taper, gap);
        for (int k = 1; k <= gap; k++) a[offset + (n - 1 + k) * stride] = 0f;
        for (int k = 1; k <= t; k++) {
            float f = weight(k, t);
            a[offset + (n - 1 + k) * stride] = last * f;
            a[offset + (total - k) * stride] = first * f;
        }
    }
}
