package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Tiling: a stack split to fit a memory budget gives the untiled result within 1 % of its range. */
class TiledDeconvolverTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);
    private static CpuBackend backend;
    private static Psf psf;
    private static Volume image;
    private static final Map<String, Volume> untiled = new HashMap<String, Volume>();

    @BeforeAll
    static void open() {
        backend = new CpuBackend(2);
        psf = TestPsfs.gaussian(Shape.of(13, 13, 11), VOXEL, 1.4, 1.4, 2.0);
        image = SyntheticStack.builder(Shape.of(120, 100, 24), VOXEL).seed(11).pointsPerMegavoxel(800).pointPhotons(20000)
                .filamentsPerMegavoxel(60).build(psf, backend).image();
    }

    @AfterAll
    static void close() { backend.close(); }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"WIENER", "RICHARDSON_LUCY"})
    void tiledResultMatchesUntiledWithinOnePercentOfTheRange(Algorithm a) {
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(20).build();
        DeconvolutionPlan whole = Deconvolvers.create(s, backend).plan(image.shape(), psf);
        // a budget of 40 % of the whole job forces several tiles
        TiledDeconvolver tiled = new TiledDeconvolver(s, backend, (long) (0.4 * whole.bytes()));
        DeconvolutionPlan plan = tiled.plan(image.shape(), psf);
        assertTrue(plan.tiled(), plan.toString());
        assertTrue(plan.toString().contains("tiles"), plan.toString());
        Volume expected = Deconvolvers.create(s, backend).deconvolve(image, psf, ProgressListener.NONE).volume();
        DeconvolutionResult r = tiled.deconvolve(image, psf, ProgressListener.NONE);
        assertWithinOnePercent(a + " " + plan, expected, r.volume());
        assertSetUpReported(a, r);
    }

    /**
     * A tiled iterative job reports its tiles' set-up (and tiling, blending) apart from the
     * iterations, as the untiled job does, so that s/iteration compares across tilings.
     */
    private static void assertSetUpReported(Algorithm a, DeconvolutionResult r) {
        if (!a.iterative()) {
            assertEquals(0, r.setupNanos(), "one pass: no set-up apart");
            return;
        }
        assertTrue(r.setupNanos() > 0 && r.setupNanos() < r.elapsedNanos(), r.setupNanos() + " of " + r.elapsedNanos());
        assertEquals((r.elapsedNanos() - r.setupNanos()) / 1e9 / r.iterations(), r.secondsPerIteration(), 1e-12);
    }

    static Stream<Arguments> lockstepCases() {
        return Stream.of(
                Arguments.of(Algorithm.RICHARDSON_LUCY, 20, new int[] {3, 2, 1}),
                Arguments.of(Algorithm.ACCELERATED_RL, 10, new int[] {3, 2, 1}),
                Arguments.of(Algorithm.ACCELERATED_RL, 20, new int[] {3, 2, 1}),
                Arguments.of(Algorithm.RL_TV, 20, new int[] {3, 2, 1}),
                Arguments.of(Algorithm.ACCELERATED_RL, 20, new int[] {2, 1, 2}),
                Arguments.of(Algorithm.RL_TV, 10, new int[] {1, 2, 2}));
    }

    /**
     * Accelerated RL and RL-TV: the tiles run in lockstep with one Biggs–Andrews α and one flux
     * scale for the whole stack, so they follow the untiled trajectory (each tile with its own α
     * drifted 1.8 % of the range away after 10 iterations and 4.4 % after 20).
     */
    @ParameterizedTest(name = "{0}, {1} iterations, tiles {2}")
    @MethodSource("lockstepCases")
    void iterativeTilesInLockstepMatchUntiledWithinOnePercentOfTheRange(Algorithm a, int iterations, int[] counts) {
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(iterations).build();
        TiledDeconvolver tiled = new TiledDeconvolver(s, backend, counts);
        DeconvolutionPlan plan = tiled.plan(image.shape(), psf);
        assertEquals(counts[0], plan.tileCounts()[0]);
        assertEquals(counts[1], plan.tileCounts()[1]);
        assertEquals(counts[2], plan.tileCounts()[2]);
        assertTrue(plan.lockstep(), plan.toString());
        // state per tile: the estimate (and for accelerated RL the previous x and gradient) on the grid, Hx on the tile
        int grids = a == Algorithm.RICHARDSON_LUCY ? 1 : 3;
        assertEquals(4L * (grids * plan.grid().voxels() + plan.tile().voxels()), plan.tileStateBytes());
        assertTrue(plan.toString().contains(String.format(java.util.Locale.ROOT, "%.1f MiB of state in host memory",
                plan.tileStateBytes() / 1048576.0)), plan.toString());
        String key = a + "/" + iterations;
        Volume expected = untiled.get(key);
        if (expected == null) {
            expected = Deconvolvers.create(s, backend).deconvolve(image, psf, ProgressListener.NONE).volume();
            untiled.put(key, expected);
        }
        DeconvolutionResult r = tiled.deconvolve(image, psf, ProgressListener.NONE);
        assertEquals(iterations, r.iterations(), "every tile ran every iteration");
        assertWithinOnePercent(a + " " + iterations + " it, " + plan, expected, r.volume());
        assertSetUpReported(a, r);
    }

    /** Largest |tiled - untiled| anywhere must stay within 1 % of the untiled range; prints it for the record. */
    private static void assertWithinOnePercent(String what, Volume expected, Volume got) {
        float lo = expected.min(), hi = expected.max();
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < expected.data().length; i++) {
            double d = Math.abs(got.data()[i] - expected.data()[i]);
            if (d > worst) {
                worst = d;
                worstAt = i;
            }
        }
        Shape sh = image.shape();
        String msg = String.format(java.util.Locale.ROOT, "%s: worst difference %.4g at (x,y,z)=(%d,%d,%d) is %.3f %% "
                        + "of the range %.4g", what, worst, worstAt % sh.nx(), (worstAt / sh.nx()) % sh.ny(),
                worstAt / (sh.nx() * sh.ny()), 100 * worst / (hi - lo), hi - lo);
        System.out.println("[tiling] " + msg);
        assertTrue(worst <= 0.01 * (hi - lo), msg);
    }

    /** In lockstep the tiles share the stopping rule: they stop together, at the untiled job's iteration. */
    @Test
    void lockstepTilesStopTogetherOnTheTolerance() {
        // the untiled relative changes; a tolerance well inside a drop of them stops the job at that iteration
        final double[] rel = new double[21];
        DeconvolutionSettings free = DeconvolutionSettings.builder().algorithm(Algorithm.ACCELERATED_RL).iterations(20).build();
        Deconvolvers.create(free, backend).deconvolve(image, psf, new ProgressListener() {
            @Override
            public void iterationDone(int done, int planned, double change, long elapsed) { rel[done] = change; }
        });
        int stopAt = -1;
        double tolerance = 0;
        double min = rel[2];
        for (int k = 3; k <= 20 && stopAt < 0; k++) {
            if (rel[k] < 0.95 * min) {
                stopAt = k;
                tolerance = Math.sqrt(rel[k] * min);
            }
            min = Math.min(min, rel[k]);
        }
        assertTrue(stopAt > 0, "relative changes " + java.util.Arrays.toString(rel));
        DeconvolutionSettings s = free.toBuilder().tolerance(tolerance).build();
        DeconvolutionResult whole = Deconvolvers.create(s, backend).deconvolve(image, psf, ProgressListener.NONE);
        assertEquals(DeconvolutionResult.StopReason.TOLERANCE, whole.stopReason());
        assertEquals(stopAt, whole.iterations());
        final int[] reports = new int[1];
        DeconvolutionResult tiled = new TiledDeconvolver(s, backend, new int[] {2, 2, 1}).deconvolve(image, psf,
                new ProgressListener() {
                    @Override
                    public void iterationDone(int done, int planned, double change, long elapsed) {
                        reports[0]++;
                        assertEquals(20, planned, "one report per iteration of all tiles");
                    }
                });
        assertEquals(DeconvolutionResult.StopReason.TOLERANCE, tiled.stopReason());
        assertEquals(stopAt, tiled.iterations(), "tiled and untiled stop at the same iteration");
        assertEquals(stopAt, reports[0]);
    }

    /** Every voxel of the stack, and every voxel of the padding beyond its faces, is owned by exactly one tile. */
    @Test
    void ownedRegionsCountEveryVoxelOnce() {
        Shape s = Shape.of(50, 41, 23);
        int[] margin = {6, 5, 4};
        int[] counts = {3, 2, 2};
        Shape tile = null;
        for (int a = 0; a < 3; a++) assertTrue(TiledDeconvolver.extended(s.along(a), counts[a], TiledDeconvolver.split(
                s.along(a), counts[a], 0), margin[a])[1] > 0);
        int[] t = new int[3];
        for (int a = 0; a < 3; a++) t[a] = TiledDeconvolver.extended(s.along(a), counts[a],
                TiledDeconvolver.split(s.along(a), counts[a], 0), margin[a])[1];
        tile = Shape.of(t[0], t[1], t[2]);
        Shape grid = Shape.of(t[0] + 12, t[1] + 10, t[2] + 8);
        // global coordinates -pad/2 .. n + pad/2 along each axis: the stack and its padding on both sides
        int[] pad = {12, 10, 8};
        int[][][] owners = new int[s.nz() + pad[2]][s.ny() + pad[1]][s.nx() + pad[0]];
        for (int tz = 0; tz < counts[2]; tz++) {
            for (int ty = 0; ty < counts[1]; ty++) {
                for (int tx = 0; tx < counts[0]; tx++) {
                    int[] ti = {tx, ty, tz};
                    int[][] core = new int[3][], ext = new int[3][];
                    for (int a = 0; a < 3; a++) {
                        core[a] = TiledDeconvolver.split(s.along(a), counts[a], ti[a]);
                        ext[a] = TiledDeconvolver.extended(s.along(a), counts[a], core[a], margin[a]);
                        assertEquals(tile.along(a), ext[a][1] - ext[a][0], "all tiles share one shape");
                    }
                    org.livedecon.core.backend.Region owned = LockstepTiles.ownedRegion(s, core, ext, tile, grid);
                    org.livedecon.core.backend.Region flux = LockstepTiles.fluxRegion(core, ext);
                    for (int z = -pad[2] / 2; z < s.nz() + pad[2] / 2; z++) {
                        for (int y = -pad[1] / 2; y < s.ny() + pad[1] / 2; y++) {
                            for (int x = -pad[0] / 2; x < s.nx() + pad[0] / 2; x++) {
                                int[] g = {x, y, z};
                                boolean in = true, inFlux = true;
                                for (int a = 0; a < 3 && in; a++) {
                                    int local = g[a] - ext[a][0]; // tile coordinate; the padding wraps
                                    if (local < -pad[a] / 2 || local >= tile.along(a) + pad[a] / 2) in = false;
                                    else {
                                        int c = Math.floorMod(local, grid.along(a));
                                        in = owned.contains(a, c, grid.along(a));
                                        inFlux &= flux.contains(a, c, grid.along(a)) && local >= 0 && local < tile.along(a);
                                    }
                                }
                                if (in) owners[z + pad[2] / 2][y + pad[1] / 2][x + pad[0] / 2]++;
                                boolean inCore = true;
                                for (int a = 0; a < 3; a++) inCore &= g[a] >= core[a][0] && g[a] < core[a][1];
                                assertEquals(inCore, in && inFlux, "flux region = core at " + x + "," + y + "," + z);
                            }
                        }
                    }
                }
            }
        }
        for (int z = 0; z < owners.length; z++) {
            for (int y = 0; y < owners[z].length; y++) {
                for (int x = 0; x < owners[z][y].length; x++) {
                    assertEquals(1, owners[z][y][x], "owners of voxel " + (x - pad[0] / 2) + "," + (y - pad[1] / 2) + ","
                            + (z - pad[2] / 2));
                }
            }
        }
    }

    /**
     * On the CPU backend the tiles' state shares the heap with a tile's job: a budget too small for
     * it falls back to independent tiles and says so; a larger one runs in lockstep within it.
     */
    @Test
    void lockstepStateCountsAgainstAHeapBudget() {
        // plans only: a stack large next to its PSF, where the padding of small tiles does not dominate
        Shape big = Shape.of(512, 512, 64);
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.ACCELERATED_RL).iterations(5).build();
        long whole = Deconvolvers.create(s, backend).plan(big, psf).bytes();
        DeconvolutionPlan tight = new TiledDeconvolver(s, backend, (long) (0.3 * whole)).plan(big, psf);
        assertTrue(tight.tiled() && !tight.lockstep(), tight.toString());
        assertTrue(tight.toString().contains("no room"), tight.toString());
        long budget = (long) (0.8 * whole);
        DeconvolutionPlan roomy = new TiledDeconvolver(s, backend, budget).plan(big, psf);
        assertTrue(roomy.tiled() && roomy.lockstep(), roomy.toString());
        int n = roomy.tileCounts()[0] * roomy.tileCounts()[1] * roomy.tileCounts()[2];
        // the plan counts one tile's job plus the blended result; with every tile's state it fits
        assertTrue(roomy.bytes() + n * roomy.tileStateBytes() <= budget, roomy + " within " + budget);
    }

    @Test
    void stackThatFitsIsNotTiled() {
        DeconvolutionSettings s = DeconvolutionSettings.builder().build();
        assertFalse(new TiledDeconvolver(s, backend, Long.MAX_VALUE).plan(image.shape(), psf).tiled());
    }

    @Test
    void blendWeightsAddUpToOneAcrossEveryBoundary() {
        int n = 101, m = 6;
        for (int count : new int[] {2, 3, 5}) {
            for (int c = 0; c < n; c++) {
                float sum = 0;
                for (int i = 0; i < count; i++) {
                    int[] core = TiledDeconvolver.split(n, count, i);
                    int e0 = Math.max(0, core[0] - m), e1 = Math.min(n, core[1] + m);
                    if (c >= e0 && c < e1) sum += TiledDeconvolver.weight(c, core[0], core[1], n, m);
                    else assertEquals(0f, TiledDeconvolver.weight(c, core[0], core[1], n, m) * (c >= e0 && c < e1 ? 1 : 0));
                }
                assertEquals(1f, sum, 1e-6f, "weights at " + c + " of " + count + " tiles");
            }
        }
    }
}
