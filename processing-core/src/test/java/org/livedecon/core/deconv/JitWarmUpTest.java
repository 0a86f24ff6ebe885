package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.volume.Shape;

/** The JIT warm-up trains the radices real grids use, and runs every algorithm's small job. */
class JitWarmUpTest {
    @Test
    void warmUpGridUsesRadicesTwoThreeFourAndFive() {
        // 60 = 4·3·5 along x and y, 30 = 2·3·5 along z: the passes of a 96x320x320 grid and more
        assertEquals(Shape.of(60, 60, 30), PaddedSizes.grid(JitWarmUp.IMAGE, JitWarmUp.PSF, Boundary.NON_CIRCULANT));
    }

    @Test
    void everyAlgorithmsSmallJobRuns() {
        for (Algorithm a : Algorithm.values()) {
            DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(30).build();
            assertEquals(1, JitWarmUp.unstarted().run(s, 2, 1), a.toString());
        }
    }

    @Test
    void aStoppedWarmUpRunsNoFurtherRound() {
        JitWarmUp w = JitWarmUp.unstarted();
        w.stop();
        assertEquals(0, w.run(DeconvolutionSettings.builder().build(), 1, 3));
    }

    @Test
    void readsTheCompilerQueueForOurOptimisedCompilations() {
        String busy = "1361:\nCurrent compiles: \nC2 CompilerThread0   461       4       "
                + "org.livedecon.core.backend.StockhamFft3d::joinHalfSpectra (400 bytes)\n\nC1 compile queue:\nEmpty\n";
        String queued = "Current compiles: \n\nC2 compile queue:\n 465 %     4       org.livedecon.core.psf.Psf::<init> @ 15 (244 bytes)\n";
        String others = "Current compiles: \nC2 CompilerThread0   12       4       java.lang.String::hashCode (49 bytes)\n"
                + "C1 compile queue:\n  4       3       org.livedecon.core.backend.LineFft::pass2 (160 bytes)\n"
                + "C2 compile queue:\nEmpty\n";
        assertTrue(JitWarmUp.compiling(busy));
        assertTrue(JitWarmUp.compiling(queued));
        assertFalse(JitWarmUp.compiling(others), "C1 work and other code do not hold the job");
        assertFalse(JitWarmUp.compiling("1361:\nCurrent compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n"));
    }

    @Test
    void settlingEndsWithinItsLimit() {
        JitWarmUp w = JitWarmUp.unstarted();
        long t0 = System.nanoTime();
        w.settle(50_000_000L);
        // it returns (whether or not this JVM has the diagnostic command); no time is asserted
        w.stop();
        w.settle(Long.MAX_VALUE / 4);
        assertTrue(System.nanoTime() >= t0);
    }
}
