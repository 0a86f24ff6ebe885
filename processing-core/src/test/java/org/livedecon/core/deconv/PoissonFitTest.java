package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.livedecon.core.backend.Region;
import org.livedecon.core.volume.Shape;

/** The fit measure of rl-wb's stop, against values worked out by hand. */
class PoissonFitTest {
    @Test
    void zeroForAPerfectPredictionAndPositiveOtherwise() {
        float[] y = {110, 100, 150, 0};
        float[] hx = {10, 0, 50, 0}; // with b = 100: μ = y except the last voxel (μ 100, y 0)
        double d = PoissonFit.divergence(y, hx, 1f, 100f, 1e-6f);
        assertEquals(100.0 / 4, d, 1e-9); // only y ≤ 0 contributes μ − y = 100
        float[] exact = {10, 0, 50, -100};
        assertEquals(0, PoissonFit.divergence(y, exact, 1f, 100f, 1e-6f), 1e-6); // μ floored at 1e-6 where y = 0
    }

    @Test
    void matchesTheFormulaAndScalesWithTheImageUnits() {
        float[] y = {120, 90};
        float[] hx = {10, 5};
        double mu0 = 2 * 10 + 100, mu1 = 2 * 5 + 100;
        double expected = ((mu0 - 120 + 120 * Math.log(120 / mu0)) + (mu1 - 90 + 90 * Math.log(90 / mu1))) / 2;
        assertEquals(expected, PoissonFit.divergence(y, hx, 2f, 100f, 1e-6f), 1e-9);
        // homogeneous of degree 1: the minimum over estimates does not depend on the camera gain
        float[] y3 = {360, 270};
        float[] hx3 = {30, 15};
        assertEquals(3 * expected, PoissonFit.divergence(y3, hx3, 2f, 300f, 1e-6f), 1e-6);
        assertTrue(expected > 0);
    }

    @Test
    void regionSumCountsOnlyTheRegion() {
        Shape s = Shape.of(3, 2, 2);
        float[] y = new float[s.voxels()], hx = new float[s.voxels()];
        java.util.Arrays.fill(y, 50);
        hx[s.index(1, 1, 1)] = 10; // the only misfit, inside the region
        hx[s.index(0, 0, 0)] = 99; // outside
        Region r = Region.of(new int[] {1, 1, 1}, new int[] {2, 1, 1});
        double expected = 60 - 50 + 50 * Math.log(50.0 / 60);
        assertEquals(expected, PoissonFit.divergenceSum(y, hx, s, r, 1f, 50f, 1e-6f), 1e-9);
    }

    @Test
    void relaxationOutsideItsRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackProjectorSettings.builder().relaxation(0).build());
        assertEquals("Wiener-Butterworth relaxation must be in (0, 1], got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackProjectorSettings.builder().relaxation(1.5).build());
        assertEquals(0.7, BackProjectorSettings.builder().relaxation(0.7).build().relaxation(), 0);
    }
}
