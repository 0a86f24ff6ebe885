package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The background gathered plane by plane equals the whole-stack estimate exactly, in any arrival order. */
class ProgressiveBackgroundTest {

    @Test
    void shortPlanesInAnyOrderGiveTheWholeStackEstimate() {
        check(37, 251, 261, 'S', 1); // 292,500 blocks: every 3rd sampled, a layer is not a multiple of 3
        check(8, 64, 64, 'S', 2);    // every block
        check(5, 33, 20, 'S', 3);    // odd nz: the last plane is in no block
    }

    @Test
    void byteAndFloatPlanesWithNonFiniteValues() {
        check(6, 40, 30, 'B', 4);
        check(7, 40, 30, 'F', 5);
    }

    @Test
    void singlePlaneStacks() {
        check(1, 50, 41, 'S', 6);
        check(1, 1, 9, 'F', 7);
    }

    private static void check(int nz, int ny, int nx, char type, long seed) {
        Random r = new Random(seed);
        final Object[] planes = new Object[nz];
        for (int z = 0; z < nz; z++) {
            int n = nx * ny;
            switch (type) {
                case 'B': {
                    byte[] p = new byte[n];
                    for (int i = 0; i < n; i++) p[i] = (byte) (20 + r.nextInt(10) + (r.nextInt(50) == 0 ? 200 : 0));
                    planes[z] = p;
                    break;
                }
                case 'F': {
                    float[] p = new float[n];
                    for (int i = 0; i < n; i++) p[i] = 100.5f + (float) r.nextGaussian() * 3 + (r.nextInt(40) == 0 ? 900 : 0);
                    if (n > 3) p[r.nextInt(n)] = Float.NaN;
                    planes[z] = p;
                    break;
                }
                default: {
                    short[] p = new short[n];
                    for (int i = 0; i < n; i++) p[i] = (short) (100 + r.nextInt(30) + (i % 11 == 0 ? 40000 : 0));
                    planes[z] = p;
                }
            }
        }
        double expected = BackgroundEstimator.estimate(nx, ny, nz, new BackgroundEstimator.Planes() {
            @Override
            public float value(int z, int index) {
                Object p = planes[z];
                if (p instanceof short[]) return ((short[]) p)[index] & 0xffff;
                if (p instanceof byte[]) return ((byte[]) p)[index] & 0xff;
                return ((float[]) p)[index];
            }
        });
        assertTrue(expected > 0, "estimate " + expected);
        for (int order = 0; order < 3; order++) {
            List<Integer> zs = new ArrayList<Integer>();
            for (int z = 0; z < nz; z++) zs.add(z);
            if (order == 1) Collections.reverse(zs);
            if (order == 2) Collections.shuffle(zs, r);
            BackgroundEstimator.Progressive p = new BackgroundEstimator.Progressive(nx, ny, nz);
            for (int i = 0; i < nz; i++) {
                assertFalse(p.complete());
                p.add(zs.get(i), planes[zs.get(i)]);
            }
            assertTrue(p.complete());
            assertEquals(expected, p.estimate(), 0.0, nz + "x" + ny + "x" + nx + " " + type + ", order " + zs);
        }
    }
}
