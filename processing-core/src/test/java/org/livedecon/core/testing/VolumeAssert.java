package org.livedecon.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/** Volume comparisons whose failure message names the worst voxel. */
public final class VolumeAssert {
    private VolumeAssert() {}

    /** Every voxel |a - e| <= tol * max|e|. */
    public static void assertClose(double[] expected, Volume actual, double relTol) {
        float[] a = actual.data();
        double max = 0;
        for (double v : expected) max = Math.max(max, Math.abs(v));
        int worst = -1;
        double worstErr = 0;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs(a[i] - expected[i]);
            if (e > worstErr) {
                worstErr = e;
                worst = i;
            }
        }
        if (worstErr > relTol * max) {
            Shape s = actual.shape();
            fail(String.format("worst voxel (x,y,z)=(%d,%d,%d): expected %.7g, got %.7g; error %.3g of max %.4g exceeds %.1g",
                    worst % s.nx(), (worst / s.nx()) % s.ny(), worst / (s.nx() * s.ny()), expected[worst], a[worst],
                    worstErr / max, max, relTol));
        }
    }

    public static void assertFinite(Volume v, String what) {
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) fail(what + ": voxel " + i + " is " + d[i]);
        }
    }
}
