package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The two in-place passes that build rl-wb's non-circulant normaliser give the documented formula. */
class UnmatchedNormaliserTest {
    @Test
    void twoPassesGiveZeroUnseenAndTheLargerOfBtMAndTheBoundElsewhere() {
        Random r = new Random(4);
        int n = 10000;
        float[] matched = new float[n], unmatched = new float[n], absolute = new float[n];
        for (int i = 0; i < n; i++) {
            // some voxels the camera never sees, B's negative lobes, bounds above and below Bᵀ M
            matched[i] = i % 7 == 0 ? RichardsonLucy.MIN_NORMALISER / 2 : r.nextFloat();
            unmatched[i] = (float) (r.nextGaussian() * 0.5);
            absolute[i] = 3 * r.nextFloat();
        }
        float absSum = 2.5f;
        float[] built = matched.clone();
        RlSteps.boundWhereSeen(built, absolute, absSum);
        RlSteps.raiseToUnmatched(built, unmatched);
        int zeros = 0, unseen = 0;
        for (int i = 0; i < n; i++) {
            float expected = matched[i] < RichardsonLucy.MIN_NORMALISER ? 0f : Math.max(unmatched[i], absolute[i] / absSum);
            assertEquals(expected, built[i], 0f, "voxel " + i);
            if (built[i] == 0f) zeros++;
            if (matched[i] < RichardsonLucy.MIN_NORMALISER) unseen++;
        }
        assertTrue(unseen >= (n + 6) / 7, "the test has unseen voxels: " + unseen);
        assertEquals(unseen, zeros, "exactly the unseen voxels are 0");
    }
}
