package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
