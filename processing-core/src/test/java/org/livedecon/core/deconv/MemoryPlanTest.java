package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * Issue 15, item 10: a tiled plan counts every array the run holds (one tile's job, every tile's
 * state in lockstep, and the blended result), a job that cannot fit is refused before any work
 * with the memory it needs, and progress over independent tiles never runs backwards.
 */
class MemoryPlanTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);
    private static CpuBackend backend;
    private static Psf psf;

    @BeforeAll
    static void open() {
        backend = new CpuBackend(2);
        psf = TestPsfs.gaussian(Shape.of(9, 9, 7), VOXEL, 1.4, 1.4, 2.0);
    }

    @AfterAll
    static void close() { backend.close(); }

    @Test
    void tiledPlanCountsTheResultAndStaysInsideTheBudget() {
        Shape big = Shape.of(512, 512, 48);
        for (Algorithm a : new Algorithm[] {Algorithm.WIENER, Algorithm.RICHARDSON_LUCY, Algorithm.ACCELERATED_RL}) {
            DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(5).build();
            long whole = Deconvolvers.create(s, backend).plan(big, psf).bytes();
            for (double f : new double[] {0.3, 0.5, 0.8}) {
                long budget = (long) (f * whole);
                DeconvolutionPlan p = new TiledDeconvolver(s, backend, budget).plan(big, psf);
                assertTrue(p.tiled(), p.toString());
                int n = p.tileCounts()[0] * p.tileCounts()[1] * p.tileCounts()[2];
                long perTile = Deconvolvers.create(s, backend).plan(p.tile(), psf).bytes();
                assertEquals(perTile + 4L * big.voxels(), p.bytes(), "one tile's job plus the result: " + p);
                long state = p.lockstep() && backend.buffersOnHeap() ? n * p.tileStateBytes() : 0;
                assertTrue(p.bytes() + state <= budget, a + " at " + f + ": " + p + " within " + budget);
            }
        }
    }

    @Test
    void jobThatCannotFitIsRefusedBeforeAnyWorkWithWhatItNeeds() {
        Volume image = Volume.zeros(Shape.of(64, 64, 16), VOXEL);
        image.data()[100] = 5;
        DeconvolutionSettings s = DeconvolutionSettings.builder().iterations(3).build();
        // less than the result alone
        TiledDeconvolver d = new TiledDeconvolver(s, backend, 2L * image.shape().voxels());
        final List<Integer> progress = new ArrayList<Integer>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.deconvolve(image, psf, (done, planned, change, elapsed) -> progress.add(done)));
        assertTrue(e.getMessage().contains("does not fit a memory budget of") && e.getMessage().contains("it needs at least")
                && e.getMessage().contains("the result 0 MiB"), e.getMessage());
        assertTrue(progress.isEmpty(), "no work done");
    }

    @Test
    void progressOfIndependentTilesNeverRunsBackwards() {
        Volume image;
        try (CpuBackend b = new CpuBackend(1)) {
            image = SyntheticStack.builder(Shape.of(64, 48, 12), VOXEL).seed(2).build(psf, b).image();
        }
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(Algorithm.WIENER).build();
        final List<Long> elapsed = new ArrayList<Long>();
        new TiledDeconvolver(s, backend, new int[] {2, 2, 1}).deconvolve(image, psf,
                (done, planned, change, ns) -> elapsed.add(ns));
        assertEquals(4, elapsed.size(), "one report per tile");
        for (int i = 1; i < elapsed.size(); i++) {
            assertTrue(elapsed.get(i) >= elapsed.get(i - 1), "elapsed " + elapsed);
        }
    }
}
