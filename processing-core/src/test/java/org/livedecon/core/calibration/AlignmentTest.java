package org.livedecon.core.calibration;

import org.livedecon.core.io.JsonWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlignmentTest {

    @Test
    void integerShiftMovesASinglePointExactly() {
        int[] dims = {7, 5, 3};
        double[] d = new double[7 * 5 * 3];
        d[3 + 7 * (2 + 5 * 1)] = 1;
        double[] s = SubVoxelShift.shift(d, dims, new double[] {1, -1, 0});
        assertEquals(1, s[4 + 7 * (1 + 5 * 1)], 1e-12);
        double total = 0;
        for (double v : s) total += Math.abs(v);
        assertEquals(1, total, 1e-9);
    }

    @Test
    void subVoxelShiftsComposeToTheIdentity() {
        int[] dims = {9, 9, 1};
        double[] d = new double[81];
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 9; x++) d[x + 9 * y] = Math.exp(-((x - 4) * (x - 4) + (y - 4.3) * (y - 4.3)) / 2.0);
        }
        double[] there = SubVoxelShift.shift(d, dims, new double[] {0.37, -0.21, 0});
        double[] back = SubVoxelShift.shift(there, dims, new double[] {-0.37, 0.21, 0});
        for (int i = 0; i < d.length; i++) assertEquals(d[i], back[i], 1e-9);
    }

    @Test
    void beadCorrectionKeepsAPointAndSharpensABlur() {
        assertEquals(1, BeadCorrection.sphere(0, 0.1), 1e-12);
        assertTrue(BeadCorrection.sphere(5, 0.1) < 0.8);
        int[] dims = {9, 9, 9};
        double[] d = new double[729];
        d[4 + 9 * (4 + 9 * 4)] = 1;
        double[] c = BeadCorrection.apply(d, dims, new double[] {0.1, 0.1, 0.1}, 0.1, 0.01);
        int peak = 0;
        for (int i = 1; i < c.length; i++) if (c[i] > c[peak]) peak = i;
        assertEquals(4 + 9 * (4 + 9 * 4), peak, "centre stays the centre");
    }

    @Test
    void jsonWriterEscapesAndNests() {
        String json = new JsonWriter().beginObject().field("a", "x\"y").field("n", 1.5).field("nan", Double.NaN)
                .beginArray("l").element(1).element(2).endArray().endObject().toString();
        assertTrue(json.contains("\"a\": \"x\\\"y\""), json);
        assertTrue(json.contains("\"nan\": null"), json);
        assertTrue(json.contains("\"n\": 1.50000"), json);
    }
}
