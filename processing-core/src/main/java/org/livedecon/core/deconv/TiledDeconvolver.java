package org.livedecon.core.deconv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Deconvolves a stack that does not fit a memory budget in overlapping tiles. Splits x and y
 * (then z when that is not enough) so every tile's job fits, extends each tile by a margin of
 * the PSF half-size on every inner side, deconvolves the tiles with the wrapped method, and blends
 * them with linear ramps across the middle of each overlap: a tile's own edges, where its
 * reconstruction is least certain, get weight 0, and the weights of neighbouring tiles add up to
 * exactly 1. A stack that fits is passed through untouched.
 *
 * <p>The background is resolved once for the whole stack and given to every tile as a fixed value:
 * estimating it per tile would leave steps at the seams. Wiener tiles run one after another. The
 * Richardson–Lucy variants run their tiles in <b>lockstep</b> ({@link LockstepTiles}): every tile
 * takes one step of an iteration before any tile takes the next, and the numbers the untiled job
 * sums over the whole stack — the flux scale Σ_window Hx, the Biggs–Andrews sums behind the step
 * size α, the change behind the stopping rule, the final flux — are summed over each tile's own
 * voxels (its core, plus the padding beyond the stack's faces for tiles on a face), in float64,
 * and applied to all tiles alike. The tiles start as the untiled job does (the smoothed y − b,
 * the whole stack's mean outside the view). Tiled results then agree with the untiled ones to
 * well under 1 % of their range, the seams being what is left (on a 24x100x120 stack with a
 * 11x13x13 PSF, 3x2 tiles: 0.25 % for accelerated RL after 10 iterations, 0.6 % after 20, 0.64 %
 * for RL-TV; each tile with its own α drifted 1.3 %, 3.1 % and 2.9 % away).
 *
 * <p><b>Memory.</b> The backend holds one tile's job at a time. Between steps each lockstep tile
 * keeps its state in host memory: the estimate, and for accelerated RL and RL-TV the previous
 * estimate and gradient, on its FFT grid, plus its blur on its window
 * ({@link DeconvolutionPlan#tileStateBytes()}, printed in the plan). On a backend whose buffers
 * share the heap (the CPU one) that state must fit the budget next to a tile's job; where no tile
 * count allows it the tiles run one after another with their own α and flux scale, as the plan then
 * says, and accelerated RL may differ by a few % of the range.
 */
public final class TiledDeconvolver implements Deconvolver {
    private final DeconvolutionSettings settings;
    private final Backend backend;
    private final long budgetBytes;
    /** Tile counts (x, y, z) fixed by the caller (tests), or null to derive them from the budget. */
    private final int[] fixedCounts;

    /** @param budgetBytes memory one tile's job may use on the backend (see {@link DeconvolutionPlan#bytes()}) */
    public TiledDeconvolver(DeconvolutionSettings settings, Backend backend, long budgetBytes) {
        if (budgetBytes <= 0) throw new IllegalArgumentException("memory budget must be positive, got " + budgetBytes + " bytes");
        this.settings = settings;
        this.backend = backend;
        this.budgetBytes = budgetBytes;
        this.fixedCounts = null;
    }

    /** Always these tile counts (x, y, z), whatever the memory (for tests). */
    TiledDeconvolver(DeconvolutionSettings settings, Backend backend, int[] tileCounts) {
        this.settings = settings;
        this.backend = backend;
        this.budgetBytes = Long.MAX_VALUE;
        this.fixedCounts = tileCounts.clone();
    }

    @Override
    public DeconvolutionPlan plan(Shape image, Psf psf) {
        Deconvolver whole = Deconvolvers.create(settings, backend);
        DeconvolutionPlan single = whole.plan(image, psf);
        if (fixedCounts == null && single.bytes() <= budgetBytes) return single;
        boolean lockstep = settings.algorithm().iterative();
        boolean noRoom = false;
        int[] tiles;
        if (fixedCounts != null) {
            tiles = fixedCounts.clone();
        } else {
            try {
                tiles = tileCounts(image, psf, lockstep);
            } catch (IllegalArgumentException e) {
                if (!lockstep) throw e;
                // no room for every tile's state next to a tile's job: independent tiles, which drift apart
                lockstep = false;
                noRoom = true;
                tiles = tileCounts(image, psf, false);
            }
        }
        if (tiles[0] * tiles[1] * tiles[2] == 1) return single;
        Shape tile = largestTile(image, psf, tiles);
        DeconvolutionPlan perTile = whole.plan(tile, psf);
        return new DeconvolutionPlan(image, psf.shape(), perTile.grid(), perTile.realBuffers(), perTile.spectrumBuffers(),
                perTile.bytes() + 4L * image.voxels(), backend.name(), tiles, tile,
                lockstep ? LockstepTiles.stateBytes(settings.algorithm(), tile, perTile.grid()) : noRoom ? -1 : 0);
    }

    @Override
    public DeconvolutionResult deconvolve(Volume image, Psf psf, final ProgressListener progress) {
        long t0 = System.nanoTime();
        DeconvolutionPlan plan = plan(image.shape(), psf);
        if (!plan.tiled()) return Deconvolvers.create(settings, backend).deconvolve(image, psf, progress);
        Jobs.checkInputs(image, psf);
        double b = settings.background().resolve(image);
        DeconvolutionSettings fixed = settings.toBuilder().background(Background.fixed(b)).build();
        Shape s = image.shape();
        int[] counts = plan.tileCounts();
        int[] margin = margin(psf, settings.algorithm());
        List<int[][]> cores = new ArrayList<int[][]>(), exts = new ArrayList<int[][]>();
        for (int tz = 0; tz < counts[2]; tz++) {
            for (int ty = 0; ty < counts[1]; ty++) {
                for (int tx = 0; tx < counts[0]; tx++) {
                    int[] t = {tx, ty, tz};
                    int[][] core = new int[3][], ext = new int[3][];
                    for (int a = 0; a < 3; a++) {
                        core[a] = split(s.along(a), counts[a], t[a]);
                        ext[a] = extended(s.along(a), counts[a], core[a], margin[a]);
                    }
                    cores.add(core);
                    exts.add(ext);
                }
            }
        }
        float[] acc = new float[s.voxels()];
        // the blend weights are products of one ramp per axis over a grid of tiles, so their sum
        // over the tiles is the product of three 1D sums: no second stack-sized array
        float[] weightSum = null;
        int iterations = 0;
        // time in iterations, the rest is set-up (per tile), tiling and blending: reported as the
        // untiled job reports its set-up, so that s/iteration and the rate compare across tilings
        long iterating = 0;
        DeconvolutionResult.StopReason reason = DeconvolutionResult.StopReason.NOT_ITERATIVE;
        if (plan.lockstep()) {
            LockstepTiles.Outcome o = LockstepTiles.run(fixed, backend, image, psf, b, cores, exts, plan.tile(), plan.grid(),
                    margin, progress, t0, acc, weightSum);
            iterations = o.iterations;
            reason = o.reason;
            iterating = o.iteratingNanos;
        } else {
            // RL tiles start outside their view from the whole stack's mean, as the untiled job does
            Deconvolver inner = fixed.algorithm().iterative()
                    ? new RichardsonLucy(fixed, backend, Jobs.meanAbove(image, b)) : Deconvolvers.create(fixed, backend);
            int total = cores.size();
            for (int index = 0; index < total; index++) {
                int[][] core = cores.get(index), ext = exts.get(index);
                Volume tile = crop(image, ext);
                final int base = index * Math.max(1, settings.iterations());
                final int planned = total * Math.max(1, settings.iterations());
                DeconvolutionResult r = inner.deconvolve(tile, psf, new ProgressListener() {
                    @Override
                    public void iterationDone(int done, int p, double change, long elapsed) {
                        // time since the whole job began, not since this tile began: it never runs backwards
                        progress.iterationDone(base + done, planned, change, System.nanoTime() - t0);
                    }
                });
                iterations = r.iterations();
                reason = r.stopReason();
                iterating += r.elapsedNanos() - r.setupNanos();
                blend(r.volume(), ext, core, margin, s, acc, weightSum);
            }
        }
        normalise(acc, s, cores, margin);
        long elapsed = System.nanoTime() - t0;
        long setup = fixed.algorithm().iterative() ? Math.max(0, elapsed - iterating) : 0;
        return new DeconvolutionResult(new Volume(s, image.voxelSize(), acc), plan, settings, b, iterations, reason, setup,
                elapsed);
    }

    /**
     * Tiles per axis (x, y, z): split the longest lateral axis until a tile's job fits, then z. With
     * {@code lockstep} on a backend whose buffers share the heap, every tile's state must fit too.
     */
    private int[] tileCounts(Shape image, Psf psf, boolean lockstep) {
        int[] counts = {1, 1, 1};
        Deconvolver whole = Deconvolvers.create(settings, backend);
        int[] margin = margin(psf, settings.algorithm());
        for (int guard = 0; guard < 10000; guard++) {
            Shape tile = largestTile(image, psf, counts);
            DeconvolutionPlan job = whole.plan(tile, psf);
            long state = lockstep && backend.buffersOnHeap()
                    ? (long) counts[0] * counts[1] * counts[2] * LockstepTiles.stateBytes(settings.algorithm(), tile, job.grid())
                    : 0;
            // a tiled job also holds the blended result, one float per voxel of the stack
            long result = counts[0] * counts[1] * counts[2] > 1 ? 4L * image.voxels() : 0;
            if (job.bytes() + state + result <= budgetBytes) return counts;
            // a tile core narrower than twice its margin would be mostly overlap: stop splitting that axis
            boolean xOk = image.nx() / (counts[0] + 1) >= 2 * Math.max(1, margin[0]);
            boolean yOk = image.ny() / (counts[1] + 1) >= 2 * Math.max(1, margin[1]);
            boolean zOk = image.nz() / (counts[2] + 1) >= 2 * Math.max(1, margin[2]);
            if (xOk && (!yOk || image.nx() / counts[0] >= image.ny() / counts[1])) counts[0]++;
            else if (yOk) counts[1]++;
            else if (zOk) counts[2]++;
            else {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "image %s with PSF %s does not fit a memory "
                        + "budget of %.0f MiB even in tiles of %s: it needs at least %.0f MiB (the result %.0f MiB, one "
                        + "tile's job %.0f MiB%s); allow more memory or use a smaller PSF",
                        image, psf.shape(), budgetBytes / 1048576.0, largestTile(image, psf, counts),
                        (job.bytes() + state + result) / 1048576.0, result / 1048576.0, job.bytes() / 1048576.0,
                        state > 0 ? String.format(Locale.ROOT, ", tile states %.0f MiB", state / 1048576.0) : ""));
            }
        }
        throw new IllegalStateException("tiling did not converge for " + image);
    }

    /** The largest extended tile for these counts. */
    private Shape largestTile(Shape image, Psf psf, int[] counts) {
        int[] margin = margin(psf, settings.algorithm());
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            int n = image.along(a);
            int core = (n + counts[a] - 1) / counts[a];
            size[a] = counts[a] == 1 ? n : Math.min(n, core + 2 * margin[a]);
        }
        return Shape.of(size[0], size[1], size[2]);
    }

    /**
     * The overlap of a tile on each inner side: the PSF's half-size, twice that for rl-wb, whose
     * sharper steps carry a tile's edge effects further in (on the tiling test stack, 3x2 tiles:
     * one half-size left seams of 5-7 % of the range, two leave 0.1-0.2 %).
     */
    static int[] margin(Psf psf, Algorithm algorithm) {
        int f = algorithm == Algorithm.RL_WB ? 2 : 1;
        return new int[] {f * psf.centreX(), f * psf.centreY(), f * psf.centreZ()};
    }

    /**
     * The extended range of a tile: its core plus the margin on both sides, and every tile of an
     * axis the same length (shifted inward at the image's edges), so all tiles share one FFT grid,
     * one OTF and one set of plans.
     */
    static int[] extended(int n, int count, int[] core, int margin) {
        if (count == 1) return new int[] {0, n};
        int size = Math.min(n, (n + count - 1) / count + 2 * margin);
        int from = Math.max(0, Math.min(core[0] - margin, n - size));
        return new int[] {from, from + size};
    }

    /** Core range {@code [from, to)} of tile {@code i} of {@code count} along an axis of {@code n}. */
    static int[] split(int n, int count, int i) {
        return new int[] {(int) ((long) n * i / count), (int) ((long) n * (i + 1) / count)};
    }

    static Volume crop(Volume v, int[][] r) {
        Shape s = Shape.of(r[0][1] - r[0][0], r[1][1] - r[1][0], r[2][1] - r[2][0]);
        float[] out = new float[s.voxels()];
        crop(v, r, out);
        return new Volume(s, v.voxelSize(), out);
    }

    /** The box {@code r} ({@code [axis][from, to)}) of {@code v} into {@code out}. */
    static void crop(Volume v, int[][] r, float[] out) {
        Shape s = Shape.of(r[0][1] - r[0][0], r[1][1] - r[1][0], r[2][1] - r[2][0]);
        for (int z = 0; z < s.nz(); z++) {
            for (int y = 0; y < s.ny(); y++) {
                System.arraycopy(v.data(), v.shape().index(r[0][0], r[1][0] + y, r[2][0] + z), out, s.index(0, y, z), s.nx());
            }
        }
    }

    /**
     * Weight of coordinate {@code c} for a tile whose core is {@code [c0, c1)} on an axis of length
     * {@code n}: 1 in the core, linear ramps of width {@code m} centred on the core's inner
     * boundaries (complementary between neighbours), 1 up to the image's own edges.
     */
    static float weight(int c, int c0, int c1, int n, int m) {
        float w = 1f;
        if (c0 > 0) w = Math.min(w, ramp(c - c0, m));
        if (c1 < n) w = Math.min(w, ramp(c1 - 1 - c, m));
        return w;
    }

    /** 0 at d <= -m/2, 1 at d >= m/2 - 1, linear between (d = voxel distance inside the boundary). */
    private static float ramp(int d, int m) {
        if (m <= 0) return d >= 0 ? 1f : 0f;
        float t = (d + m / 2f + 0.5f) / m;
        return Math.max(0f, Math.min(1f, t));
    }

    /**
     * Divides the blended sum by the total weight, Wx(x)·Wy(y)·Wz(z) with W the sum of one axis'
     * ramps over that axis' tiles (tiles form a grid and each weight is a product of ramps).
     */
    static void normalise(float[] acc, Shape s, List<int[][]> cores, int[] margin) {
        double[][] w = new double[3][];
        for (int a = 0; a < 3; a++) {
            int n = s.along(a);
            w[a] = new double[n];
            java.util.Set<Integer> seen = new java.util.HashSet<Integer>();
            for (int[][] core : cores) {
                if (!seen.add(core[a][0])) continue; // each tile of this axis once
                for (int c = 0; c < n; c++) w[a][c] += weight(c, core[a][0], core[a][1], n, margin[a]);
            }
        }
        for (int z = 0; z < s.nz(); z++) {
            for (int y = 0; y < s.ny(); y++) {
                double wyz = w[1][y] * w[2][z];
                int row = s.index(0, y, z);
                for (int x = 0; x < s.nx(); x++) {
                    double total = wyz * w[0][x];
                    acc[row + x] = total > 0 ? (float) (acc[row + x] / total) : 0f;
                }
            }
        }
    }

    /** Adds the tile's result, weighted, into {@code acc}, and the weights into {@code wsum} unless it is null. */
    static void blend(Volume tile, int[][] ext, int[][] core, int[] margin, Shape s, float[] acc, float[] wsum) {
        Shape ts = tile.shape();
        float[] d = tile.data();
        // the x weights once per tile rather than once per voxel
        float[] wxs = new float[ts.nx()];
        for (int x = 0; x < ts.nx(); x++) wxs[x] = weight(ext[0][0] + x, core[0][0], core[0][1], s.nx(), margin[0]);
        for (int z = 0; z < ts.nz(); z++) {
            int gz = ext[2][0] + z;
            float wz = weight(gz, core[2][0], core[2][1], s.nz(), margin[2]);
            if (wz == 0f) continue;
            for (int y = 0; y < ts.ny(); y++) {
                int gy = ext[1][0] + y;
                float wy = wz * weight(gy, core[1][0], core[1][1], s.ny(), margin[1]);
                if (wy == 0f) continue;
                int row = s.index(ext[0][0], gy, gz), src = ts.index(0, y, z);
                for (int x = 0; x < ts.nx(); x++) {
                    float w = wy * wxs[x];
                    if (w == 0f) continue;
                    int i = row + x;
                    acc[i] += w * d[src + x];
                    if (wsum != null) wsum[i] += w;
                }
            }
        }
    }
}
