package org.livedecon.core.psf;

import java.util.Arrays;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Turns a raw PSF volume (measured from beads, or loaded from a file) into a {@link Psf} for a
 * given image voxel size.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li><b>Validate</b>: every voxel finite; not all zero; positive total intensity.</li>
 *   <li><b>Background</b> ({@link PsfOptions#background()}): subtract it, clamping negative
 *       voxels to 0 (camera noise is not an error). A PSF with nothing left is rejected.</li>
 *   <li><b>Normalise</b> to sum 1.</li>
 *   <li><b>Centre</b>: the peak is the maximum of a lightly smoothed copy (3x3x3 box sum,
 *       zero outside the volume), so a single hot voxel does not move it; ties go to the voxel
 *       nearest the middle of the volume. The volume is then shifted by whole voxels so the peak
 *       sits exactly at the centre voxel {@code n / 2}: along an axis of length {@code n} with
 *       the peak at {@code p}, the output length is {@code 2 * max(p, n - 1 - p) + 1} (always odd),
 *       padded with zeros. Centring is to the nearest voxel only; a sub-voxel offset of the
 *       true PSF centre is kept.</li>
 *   <li><b>Resample</b> to {@link PsfOptions#targetVoxelSize()} along each axis whose step
 *       differs from the PSF's by more than a relative 1e-3 (area-weighted, flux-preserving,
 *       separable x, y, z; centre voxel onto centre voxel; see {@link PsfResampler}). Axes
 *       within 1e-3, and axes of length 1 (a 2D PSF stays one plane), are not resampled but
 *       carry the target step. The output voxel size is the target's.</li>
 *   <li><b>Crop by energy</b> ({@link PsfOptions#energyFraction()} below 1): starting from
 *       the full volume, repeatedly remove the pair of outer slabs (one axis, both sides, so the
 *       size stays odd and centred) that carries the least intensity, as long as the box still
 *       holds at least the fraction of the total. This greedy search gives a small box, not
 *       necessarily the smallest one.</li>
 *   <li><b>Cap</b> at {@link PsfOptions#maxShape()} (per axis, rounded down to odd), about the
 *       centre.</li>
 *   <li><b>Renormalise</b> to sum 1.</li>
 * </ol>
 * All sums are accumulated in float64. Stateless and thread-safe; the raw volume is not modified.
 */
public final class PsfPreparer {
    /** Relative difference of voxel steps below which an axis is not resampled. */
    static final double RESAMPLE_TOLERANCE = 1e-3;

    private PsfPreparer() {}

    /**
     * @param raw the raw PSF: any size (odd or even, one plane allowed), any non-negative
     *     offset, its own voxel size in µm; not modified
     * @param name used in messages and as {@link Psf#source()} (e.g. the file name)
     * @param options background, resampling, cropping
     * @return a PSF that is finite, non-negative, sums to 1, is odd-sized in every axis and has its
     *     peak at the centre voxel
     * @throws IllegalArgumentException naming {@code name}, the value and the voxel when the PSF
     *     has a NaN or infinite voxel, is all zero, does not sum to a positive value, or is all
     *     zero after background subtraction
     */
    public static Psf prepare(Volume raw, String name, PsfOptions options) {
        String label = name == null || name.isEmpty() ? "(unnamed)" : name;
        if (raw == null) {
            throw new IllegalArgumentException("PSF " + label + ": no volume given");
        }
        if (options == null) {
            throw new IllegalArgumentException("PSF " + label + ": no options given (use PsfOptions.defaults())");
        }
        Shape shape = raw.shape();
        validate(raw, label);

        // background, clamped at 0
        double bg = backgroundOf(raw, options);
        float[] work = subtractClamped(raw.data(), bg);
        int hot = replaceHotPixels(work, new int[] {shape.nx(), shape.ny(), shape.nz()});
        if (hot > 0) label = label + " (" + hot + " hot pixel" + (hot == 1 ? "" : "s") + " replaced)";
        double sum = sum(work);
        if (!(sum > 0)) {
            throw new IllegalArgumentException("PSF " + label + " is all zero after subtracting the background "
                    + bg + " (" + describeBackground(raw, options) + "): no voxel is brighter than it. "
                    + "Check the PSF file, or use --psf-background none");
        }
        scale(work, 1.0 / sum);

        // centre on the (smoothed) peak
        int[] dims = {shape.nx(), shape.ny(), shape.nz()};
        int[] peak = smoothedPeak(work, dims);
        work = centre(work, dims, peak);

        // resample
        VoxelSize own = raw.voxelSize();
        VoxelSize target = options.targetVoxelSize();
        VoxelSize outSize = own;
        if (target != null) {
            for (int axis = 0; axis < 3; axis++) {
                double s = own.along(axis);
                double t = target.along(axis);
                if (dims[axis] > 1 && Math.abs(s - t) > RESAMPLE_TOLERANCE * Math.max(s, t)) {
                    int h = dims[axis] / 2;
                    int hw = PsfResampler.targetHalfWidth(h, s, t);
                    work = PsfResampler.resampleAxis(work, dims, axis, PsfResampler.weights(h, s, hw, t));
                }
            }
            outSize = target;
        }

        // crop by energy, then cap
        int[] half = {dims[0] / 2, dims[1] / 2, dims[2] / 2};
        if (options.energyFraction() < 1) {
            energyCropHalfWidths(work, dims, options.energyFraction(), half);
        }
        Shape cap = options.maxShape();
        if (cap != null) {
            for (int axis = 0; axis < 3; axis++) {
                half[axis] = Math.min(half[axis], (cap.along(axis) - 1) / 2);
            }
        }
        int[] outDims = {2 * half[0] + 1, 2 * half[1] + 1, 2 * half[2] + 1};
        if (!Arrays.equals(outDims, dims)) {
            work = cropCentred(work, dims, half);
        }

        double finalSum = sum(work);
        if (!(finalSum > 0)) {
            throw new IllegalArgumentException("PSF " + label + " has no intensity left inside the size cap "
                    + cap + " (z,y,x): its intensity lies away from the peak; allow a larger PSF");
        }
        scale(work, 1.0 / finalSum);
        Volume out = new Volume(Shape.of(outDims[0], outDims[1], outDims[2]), outSize, work);
        return new Psf(out, label);
    }

    /** A voxel is hot when its 26 neighbours all stay below this fraction of it. */
    static final double HOT_NEIGHBOUR_FRACTION = 0.05;
    /** ... and it holds at least this fraction of the brightest voxel (noise is left alone). */
    static final double HOT_MIN_FRACTION = 0.1;

    /**
     * Replaces hot pixels (a camera defect or a cosmic ray: one voxel far above all its 26
     * neighbours) by the median of those neighbours; returns how many. A PSF is spread over
     * several voxels: even sampled at twice the Nyquist step in all three axes its peak's brightest
     * neighbour holds well over 5 % of it, so a real peak is never taken for a hot pixel. A hot
     * pixel kept at 10x the peak put the result 17.7 % off.
     */
    static int replaceHotPixels(float[] d, int[] dims) {
        float max = 0;
        for (float v : d) max = Math.max(max, v);
        if (!(max > 0)) return 0;
        int nx = dims[0], ny = dims[1], nz = dims[2];
        int count = 0;
        float[] around = new float[26];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    float v = d[i];
                    if (!(v >= HOT_MIN_FRACTION * max)) continue;
                    int n = 0;
                    float brightest = 0;
                    for (int dz = -1; dz <= 1; dz++) {
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                int xx = x + dx, yy = y + dy, zz = z + dz;
                                if ((dx | dy | dz) == 0 || xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                                    continue;
                                }
                                float a = d[xx + nx * (yy + ny * zz)];
                                around[n++] = a;
                                brightest = Math.max(brightest, a);
                            }
                        }
                    }
                    if (n >= 3 && brightest < HOT_NEIGHBOUR_FRACTION * v) {
                        float[] sorted = Arrays.copyOf(around, n);
                        Arrays.sort(sorted);
                        d[i] = sorted[n / 2];
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /**
     * The background {@link PsfOptions.Background#AUTO} uses: the median of the border shell of
     * {@code v}, i.e. the voxels at the first or last index of any axis longer than 1 (the whole
     * volume when no axis is longer than 1). Even counts average the two middle values.
     */
    public static double estimateBackground(Volume v) {
        float[] shell = borderShell(v);
        Arrays.sort(shell);
        int k = shell.length;
        if (k % 2 == 1) return shell[k / 2];
        return 0.5 * ((double) shell[k / 2 - 1] + shell[k / 2]);
    }

    // ---- validation and background -------------------------------------------------------

    private static void validate(Volume raw, String label) {
        float[] d = raw.data();
        double sum = 0;
        boolean anyNonZero = false;
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                throw new IllegalArgumentException("PSF " + label + " has " + v + " at (x,y,z)="
                        + coordinates(i, raw.shape()) + ": every PSF voxel must be a finite number");
            }
            if (v != 0) anyNonZero = true;
            sum += v;
        }
        if (!anyNonZero) {
            throw new IllegalArgumentException("PSF " + label + " is all zero (" + raw.shape()
                    + " (z,y,x) voxels): it holds no PSF");
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("PSF " + label + " sums to " + sum
                    + ": a PSF must have positive total intensity");
        }
    }

    private static String coordinates(int i, Shape s) {
        int x = i % s.nx();
        int y = (i / s.nx()) % s.ny();
        int z = i / (s.nx() * s.ny());
        return "(" + x + "," + y + "," + z + ")";
    }

    private static double backgroundOf(Volume raw, PsfOptions options) {
        switch (options.background()) {
            case AUTO: return estimateBackground(raw);
            case FIXED: return options.fixedBackground();
            default: return 0;
        }
    }

    private static String describeBackground(Volume raw, PsfOptions options) {
        switch (options.background()) {
            case AUTO: return "auto: median of the " + borderShell(raw).length + " border voxels";
            case FIXED: return "fixed";
            default: return "none";
        }
    }

    private static float[] borderShell(Volume v) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        float[] d = v.data();
        float[] buf = new float[d.length];
        int k = 0;
        for (int z = 0; z < nz; z++) {
            boolean zEdge = nz > 1 && (z == 0 || z == nz - 1);
            for (int y = 0; y < ny; y++) {
                boolean yEdge = ny > 1 && (y == 0 || y == ny - 1);
                int row = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    boolean xEdge = nx > 1 && (x == 0 || x == nx - 1);
                    if (zEdge || yEdge || xEdge) buf[k++] = d[row + x];
                }
            }
        }
        if (k == 0) return d.clone(); // a single voxel
        return Arrays.copyOf(buf, k);
    }

    private static float[] subtractClamped(float[] d, double bg) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            double v = d[i] - bg;
            out[i] = v > 0 ? (float) v : 0f;
        }
        return out;
    }

    private static double sum(float[] d) {
        double s = 0;
        for (float v : d) s += v;
        return s;
    }

    private static void scale(float[] d, double f) {
        for (int i = 0; i < d.length; i++) d[i] = (float) (d[i] * f);
    }

    // ---- centring ------------------------------------------------------------------------

    /**
     * Index (x, y, z) of the maximum of the 3x3x3 box sum of {@code d} (zero outside). Exact
     * ties go to the voxel nearest the middle ((n-1)/2 per axis), then to the lowest index.
     */
    static int[] smoothedPeak(float[] d, int[] dims) {
        float[] s = d;
        for (int axis = 0; axis < 3; axis++) s = boxSum3(s, dims, axis);
        int nx = dims[0], ny = dims[1];
        double mx = (dims[0] - 1) / 2.0, my = (dims[1] - 1) / 2.0, mz = (dims[2] - 1) / 2.0;
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        float bestVal = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            float v = s[i];
            if (v < bestVal) continue;
            int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
            double dist = (x - mx) * (x - mx) + (y - my) * (y - my) + (z - mz) * (z - mz);
            if (v > bestVal || dist < bestDist) {
                best = i;
                bestVal = v;
                bestDist = dist;
            }
        }
        return new int[] {best % nx, (best / nx) % ny, best / (nx * ny)};
    }

    /** Sum of each voxel and its two neighbours along {@code axis} (zero outside). */
    private static float[] boxSum3(float[] in, int[] dims, int axis) {
        int n = dims[axis];
        int stride = 1;
        for (int a = 0; a < axis; a++) stride *= dims[a];
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int k = (i / stride) % n;
            double v = in[i];
            if (k > 0) v += in[i - stride];
            if (k < n - 1) v += in[i + stride];
            out[i] = (float) v;
        }
        return out;
    }

    /** Shifts {@code peak} to the centre of a zero-padded odd volume; updates {@code dims}. */
    private static float[] centre(float[] d, int[] dims, int[] peak) {
        int[] half = new int[3];
        int[] offset = new int[3];
        int[] outDims = new int[3];
        for (int a = 0; a < 3; a++) {
            half[a] = Math.max(peak[a], dims[a] - 1 - peak[a]);
            outDims[a] = 2 * half[a] + 1;
            offset[a] = half[a] - peak[a];
        }
        if (Arrays.equals(outDims, dims)) return d; // already centred and odd
        Shape.of(outDims[0], outDims[1], outDims[2]); // fails clearly when too large
        float[] out = new float[outDims[0] * outDims[1] * outDims[2]];
        int nx = dims[0], ny = dims[1], nz = dims[2];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int src = nx * (y + ny * z);
                int dst = offset[0] + outDims[0] * ((y + offset[1]) + outDims[1] * (z + offset[2]));
                System.arraycopy(d, src, out, dst, nx);
            }
        }
        System.arraycopy(outDims, 0, dims, 0, 3);
        return out;
    }

    // ---- cropping ------------------------------------------------------------------------

    /**
     * Greedy energy crop of a centred odd volume: shrinks {@code half} (initially the full
     * half-widths) one slab pair at a time, always the pair with the least intensity, while the
     * box keeps at least {@code fraction} of the total.
     */
    static void energyCropHalfWidths(float[] d, int[] dims, double fraction, int[] half) {
        double total = sum(d);
        double threshold = fraction * total;
        double energy = total;
        int[] c = {dims[0] / 2, dims[1] / 2, dims[2] / 2};
        while (true) {
            int bestAxis = -1;
            double bestSlab = Double.POSITIVE_INFINITY;
            for (int axis = 0; axis < 3; axis++) {
                if (half[axis] == 0) continue;
                double slab = slabPairSum(d, dims, c, half, axis);
                if (slab < bestSlab) {
                    bestSlab = slab;
                    bestAxis = axis;
                }
            }
            if (bestAxis < 0 || energy - bestSlab < threshold) return;
            energy -= bestSlab;
            half[bestAxis]--;
        }
    }

    /** Intensity in the two outer slabs (index c ± half) of {@code axis} within the current box. */
    private static double slabPairSum(float[] d, int[] dims, int[] c, int[] half, int axis) {
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = c[a] - half[a];
            hi[a] = c[a] + half[a];
        }
        double s = 0;
        int nx = dims[0], ny = dims[1];
        for (int side = 0; side < 2; side++) {
            int[] l = lo.clone();
            int[] h = hi.clone();
            int at = side == 0 ? lo[axis] : hi[axis];
            l[axis] = at;
            h[axis] = at;
            for (int z = l[2]; z <= h[2]; z++) {
                for (int y = l[1]; y <= h[1]; y++) {
                    int row = nx * (y + ny * z);
                    for (int x = l[0]; x <= h[0]; x++) s += d[row + x];
                }
            }
        }
        return s;
    }

    /** The box of half-widths {@code half} about the centre voxel. */
    private static float[] cropCentred(float[] d, int[] dims, int[] half) {
        int mx = 2 * half[0] + 1, my = 2 * half[1] + 1, mz = 2 * half[2] + 1;
        int x0 = dims[0] / 2 - half[0], y0 = dims[1] / 2 - half[1], z0 = dims[2] / 2 - half[2];
        float[] out = new float[mx * my * mz];
        for (int z = 0; z < mz; z++) {
            for (int y = 0; y < my; y++) {
                int src = x0 + dims[0] * ((y + y0) + dims[1] * (z + z0));
                System.arraycopy(d, src, out, mx * (y + my * z), mx);
            }
        }
        return out;
    }
}
