package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

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

/** Stopping rules, progress reports, cancellation and the OTF cache. */
class StoppingTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);
    private static CpuBackend backend;
    private static Psf psf;
    private static Volume image;

    @BeforeAll
    static void open() {
        backend = new CpuBackend(2);
        psf = TestPsfs.gaussian(Shape.of(9, 9, 11), VOXEL, 1.3, 1.3, 2.2);
        image = SyntheticStack.builder(Shape.of(48, 48, 24), VOXEL).seed(8).build(psf, backend).image();
    }

    @AfterAll
    static void close() { backend.close(); }

    private static DeconvolutionResult run(DeconvolutionSettings s, ProgressListener l) {
        return Deconvolvers.create(s, backend).deconvolve(image, psf, l);
    }

    @Test
    void reportsEveryIterationWithChangeAndTime() {
        final List<double[]> seen = new ArrayList<double[]>();
        DeconvolutionResult r = run(DeconvolutionSettings.builder().iterations(7).build(), new ProgressListener() {
            @Override
            public void iterationDone(int done, int planned, double change, long elapsed) {
                seen.add(new double[] {done, planned, change, elapsed});
            }
        });
        assertEquals(7, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1, seen.get(i)[0], 0);
            assertEquals(7, seen.get(i)[1], 0);
            assertTrue(seen.get(i)[2] >= 0 && seen.get(i)[2] < 10, "relative change " + seen.get(i)[2]);
            if (i > 0) assertTrue(seen.get(i)[3] >= seen.get(i - 1)[3], "elapsed time must not go back");
        }
        assertEquals(7, r.iterations());
        assertEquals(DeconvolutionResult.StopReason.ITERATIONS, r.stopReason());
    }

    @Test
    void stopsOnRelativeChangeTolerance() {
        final List<Double> changes = new ArrayList<Double>();
        DeconvolutionResult r = run(DeconvolutionSettings.builder().algorithm(Algorithm.RICHARDSON_LUCY).iterations(500)
                .tolerance(0.05).build(), new ProgressListener() {
                    @Override
                    public void iterationDone(int done, int planned, double change, long elapsed) { changes.add(change); }
                });
        assertEquals(DeconvolutionResult.StopReason.TOLERANCE, r.stopReason());
        assertTrue(r.iterations() < 500 && r.iterations() >= 2, "iterations " + r.iterations());
        assertTrue(changes.get(changes.size() - 1) < 0.05);
        assertTrue(changes.get(changes.size() - 2) >= 0.05, "should stop at the first iteration below tolerance");
    }

    @Test
    void stopsBeforeExceedingTheTimeBudget() {
        DeconvolutionResult r = run(DeconvolutionSettings.builder().iterations(100000).timeBudgetSeconds(0.5).build(),
                ProgressListener.NONE);
        assertEquals(DeconvolutionResult.StopReason.TIME_BUDGET, r.stopReason());
        assertTrue(r.iterations() >= 1);
        // generous: the rule predicts from the mean iteration time, a slow CI machine may jitter
        assertTrue(r.elapsedNanos() / 1e9 < 0.5 + 3 * r.secondsPerIteration() + 0.5, "took " + r.elapsedNanos() / 1e9 + " s");
    }

    @Test
    void interruptingTheThreadCancelsTheRun() {
        assertThrows(CancellationException.class, () -> run(DeconvolutionSettings.builder().iterations(50).build(),
                new ProgressListener() {
                    @Override
                    public void iterationDone(int done, int planned, double change, long elapsed) {
                        if (done == 2) Thread.currentThread().interrupt();
                    }
                }));
        assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller"); // and clears it
    }

    @Test
    void otfIsComputedOncePerPsfAndGrid() {
        Shape grid = Shape.of(30, 28, 20);
        assertSame(backend.otf(psf, grid), backend.otf(psf, grid));
        Psf other = TestPsfs.gaussian(Shape.of(9, 9, 11), VOXEL, 1.3, 1.3, 2.2);
        assertTrue(backend.otf(other, grid) != backend.otf(psf, grid), "a different PSF object gets its own OTF");
    }

    @Test
    void planPredictsTheGridAndMemory() {
        DeconvolutionPlan p = Deconvolvers.create(DeconvolutionSettings.builder().build(), backend)
                .plan(Shape.of(256, 256, 64), TestPsfs.gaussian(Shape.of(65, 65, 33), VOXEL, 2, 2, 4));
        assertEquals(Shape.of(320, 320, 96), p.grid(), "64x256x256 with a 33x65x65 PSF pads to 96x320x320");
        // 6 real + 2 half spectra of 9.8 M voxels, plus input and output
        long grid = 96L * 320 * 320;
        long expected = 6 * 4 * grid + 2 * 8L * 161 * 320 * 96 + 2 * 4L * 64 * 256 * 256;
        assertEquals(expected, p.bytes());
        assertTrue(p.toString().contains("MiB"), p.toString());
    }
}
