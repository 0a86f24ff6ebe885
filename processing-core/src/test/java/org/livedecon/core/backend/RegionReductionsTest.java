package org.livedecon.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.livedecon.core.volume.Shape;

/** Reductions over a {@link Region} (circular per axis) against plain loops over its voxels. */
public class RegionReductionsTest {
    static final Shape SHAPE = Shape.of(13, 9, 7);
    /** Wraps around x (from 10, 6 long: 10, 11, 12, 0, 1, 2), a plain box along y, all of z. */
    static final Region REGION = Region.of(new int[] {10, 2, 0}, new int[] {6, 4, 7});

    static float[] random(long seed) {
        Random r = new Random(seed);
        float[] a = new float[SHAPE.voxels()];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 0.5f;
        return a;
    }

    static boolean in(int i) {
        int x = i % SHAPE.nx(), y = (i / SHAPE.nx()) % SHAPE.ny(), z = i / (SHAPE.nx() * SHAPE.ny());
        return (x >= 10 || x <= 2) && y >= 2 && y < 6 && z >= 0;
    }

    /** The expected sums and buffers, computed voxel by voxel. */
    static double[][] expected(float[] a, float[] b, float[] c, float alpha) {
        double sum = 0, gAb = 0, gBb = 0, pDd = 0, pPp = 0, cDd = 0, cBb = 0;
        float[] gp = c.clone(), xp = b.clone(), pred = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            float g = a[i] - b[i];
            float d = a[i] - b[i];
            float p = a[i] + alpha * d;
            pred[i] = p > 0 ? p : 0;
            gp[i] = g;
            xp[i] = a[i];
            if (!in(i)) continue;
            sum += a[i];
            gAb += (double) g * c[i];
            gBb += (double) c[i] * c[i];
            pDd += (double) d * d;
            pPp += (double) b[i] * b[i];
            double dd = (double) a[i] - b[i];
            cDd += dd * dd;
            cBb += (double) b[i] * b[i];
        }
        return new double[][] {{sum}, {gAb, gBb}, {pDd, pPp}, {cDd, cBb}, toDouble(gp), toDouble(xp), toDouble(pred)};
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** Runs every region reduction of {@code backend} and checks it against {@link #expected}. */
    public static void check(Backend backend) {
        float[] a = random(1), b = random(2), c = random(3);
        float alpha = 0.7f;
        double[][] e = expected(a, b, c, alpha);
        try (RealBuffer ba = backend.real(SHAPE); RealBuffer bb = backend.real(SHAPE); RealBuffer bc = backend.real(SHAPE);
             RealBuffer bp = backend.real(SHAPE)) {
            backend.upload(a, SHAPE, ba);
            backend.upload(b, SHAPE, bb);
            backend.upload(c, SHAPE, bc);
            assertEquals(e[0][0], backend.sum(ba, REGION), 1e-4, "sum");
            assertArrayEquals(e[3], backend.change(ba, bb, REGION), 1e-4, "change");
            assertArrayEquals(e[1], backend.biggsGradient(ba, bb, bc, REGION), 1e-4, "biggsGradient");
            float[] out = new float[SHAPE.voxels()];
            backend.download(bc, out, SHAPE);
            assertArrayEquals(e[4], toDouble(out), 1e-6, "g stored everywhere");
            backend.upload(b, SHAPE, bc);
            assertArrayEquals(e[2], backend.biggsPredict(ba, bc, bp, alpha, REGION), 1e-4, "biggsPredict");
            backend.download(bp, out, SHAPE);
            assertArrayEquals(e[6], toDouble(out), 1e-6, "prediction everywhere");
            backend.download(bc, out, SHAPE);
            assertArrayEquals(e[5], toDouble(out), 1e-6, "previous x updated everywhere");
            // a region over everything counts what no region counts
            Region all = Region.of(new int[] {5, 3, 2}, new int[] {13, 9, 7});
            backend.upload(b, SHAPE, bb);
            assertArrayEquals(backend.change(ba, bb), backend.change(ba, bb, all), 1e-6);
            assertEquals(backend.sum(ba, SHAPE), backend.sum(ba, all), 1e-4);
            assertTrue(Math.abs(backend.sum(ba, REGION) - backend.sum(ba, SHAPE)) > 1, "the region counts fewer voxels");
        }
    }

    @Test
    void cpuReductionsCountTheRegionOnly() {
        try (CpuBackend cpu = new CpuBackend(2)) {
            check(cpu);
        }
    }

    @Test
    void circularMembership() {
        assertTrue(REGION.contains(0, 12, 13));
        assertTrue(REGION.contains(0, 0, 13));
        assertTrue(REGION.contains(0, 2, 13));
        assertTrue(!REGION.contains(0, 3, 13));
        assertTrue(!REGION.contains(0, 9, 13));
        assertEquals(6L * 4 * 7, REGION.voxels(SHAPE));
    }
}
