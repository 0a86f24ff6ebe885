package org.livedecon.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.deconv.BackgroundEstimator;
import org.livedecon.core.volume.Shape;

/**
 * The automatic b is the camera offset plus truly uniform light, not haze: on simulated cell
 * (dense: at 128x128 the cell and its blur fill most of the field) and bead (sparse) stacks with
 * offsets of 100 and 500 ADU, read noise 1.5 e⁻ and 10 uniform photons per pixel, it is within 1
 * count of the true b.
 */
class AutoBackgroundTest {

    @Test
    void autoBackgroundIsOffsetPlusUniformLightOnCellsAndBeads() throws Exception {
        for (String sample : new String[] {"cell", "beads"}) {
            for (double offset : new double[] {100, 500}) {
                QualityBench.Case c = QualityBench.simulate(sample, Shape.of(128, 128, 32), offset, 1.5, 10, 42);
                // 10 photons x QE 0.8 x gain 0.5 ADU/e- = 4 ADU of uniform light, plus 0.025 ADU of dark current
                assertEquals(offset + 4.025, c.trueBackground, 1e-9);
                BackgroundEstimator.Estimate e = BackgroundEstimator.estimateDetailed(c.raw);
                assertEquals(c.trueBackground, e.value(), 1.0, sample + ", offset " + offset + ": " + e);
                assertTrue(e.toString().contains("darkest"), e.toString());
            }
        }
    }
}
