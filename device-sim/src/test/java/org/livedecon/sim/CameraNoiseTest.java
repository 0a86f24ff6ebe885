package org.livedecon.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.livedecon.core.hardware.Roi;

class CameraNoiseTest {

    private static SimulatedMicroscope flatField(CameraModel camera, long seed) {
        return SimulatedMicroscope.builder().sample(UniformSample.of(2000)).camera(camera)
                .pixelSizeUm(0.1).zStepUm(0.2).sampleThicknessUm(6).focusStartUm(3).seed(seed).realTime(false).build();
    }

    @Test
    void flatFieldMeanAndVarianceFollowTheNoiseModel() throws Exception {
        CameraModel model = CameraModel.builder().sensor(256, 256).bitDepth(16).quantumEfficiency(0.8)
                .gainAduPerE(0.5).offsetAdu(100).readNoiseE(3).darkCurrentEPerS(20).build();
        SimulatedMicroscope m = flatField(model, 7);
        SimCamera cam = m.camera();
        // choose the exposure for about 4000 photo-electrons per pixel
        float[] flux = m.photonsPerSecond(cam.roi());
        double phi = flux[flux.length / 2 + 128];
        cam.setExposureMs(1000 * 4000 / (0.8 * phi));
        double t = cam.exposureMs() / 1000;
        double electrons = 0.8 * phi * t + 20 * t;
        double expectedMean = 100 + 0.5 * electrons;
        double expectedVar = 0.25 * electrons + 0.25 * 9 + 1.0 / 12;
        double[] expectedAdu = cam.expectedAdu();
        assertEquals(expectedMean, expectedAdu[expectedAdu.length / 2 + 128], 1e-3 * expectedMean);

        int[] v = SimTesting.values(cam.snap());
        double sum = 0, sum2 = 0;
        for (int a : v) sum += a;
        double mean = sum / v.length;
        for (int a : v) sum2 += (a - mean) * (a - mean);
        double var = sum2 / (v.length - 1);
        double meanErr = (mean - expectedMean) / expectedMean;
        double signalErr = (mean - 100 - 0.5 * electrons) / (0.5 * electrons);
        double varErr = (var - expectedVar) / expectedVar;
        assertTrue(Math.abs(meanErr) < 0.02, "mean " + mean + " vs " + expectedMean);
        assertTrue(Math.abs(signalErr) < 0.02, "signal above offset " + (mean - 100) + " vs " + 0.5 * electrons);
        assertTrue(Math.abs(varErr) < 0.02, "variance " + var + " vs " + expectedVar);
        System.out.printf("flat field: mean %.3f (expected %.3f, rel err %.2e; signal err %.2e), variance %.3f "
                + "(expected %.3f, rel err %.2e)%n", mean, expectedMean, meanErr, signalErr, var, expectedVar, varErr);
    }

    @Test
    void saturatedPixelsClipAtTheLargestValue() throws Exception {
        for (int bits : new int[] {8, 12, 14, 16}) {
            CameraModel model = CameraModel.builder().sensor(32, 32).bitDepth(bits).gainAduPerE(4).build();
            SimulatedMicroscope m = SimulatedMicroscope.builder().sample(UniformSample.of(1e7)).camera(model)
                    .zStepUm(0.2).sampleThicknessUm(6).focusStartUm(3).realTime(false).build();
            m.camera().setExposureMs(1000);
            Object image = m.camera().snap();
            assertTrue(bits == 8 ? image instanceof byte[] : image instanceof short[], "type for " + bits + " bits");
            int[] v = SimTesting.values(image);
            for (int a : v) assertEquals((1 << bits) - 1, a, bits + "-bit saturation");
        }
    }

    @Test
    void darkPixelsClipAtZero() throws Exception {
        CameraModel model = CameraModel.builder().sensor(32, 32).offsetAdu(0).readNoiseE(5).darkCurrentEPerS(0).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(UniformSample.of(0)).camera(model)
                .sampleThicknessUm(1).realTime(false).build();
        int[] v = SimTesting.values(m.camera().snap());
        int zeros = 0;
        for (int a : v) {
            assertTrue(a >= 0 && a < 100, "value " + a);
            if (a == 0) zeros++;
        }
        assertTrue(zeros > v.length / 3, "about half the pixels clip at 0, got " + zeros);
    }

    @Test
    void sameSeedGivesIdenticalPlanesAndOtherSeedsDiffer() throws Exception {
        CameraModel model = CameraModel.builder().sensor(48, 40).hotPixels(5, 500).build();
        SimulatedMicroscope a = flatField(model, 42);
        SimulatedMicroscope b = flatField(model, 42);
        SimulatedMicroscope c = flatField(model, 43);
        for (int i = 0; i < 3; i++) {
            double z = 2.5 + 0.3 * i;
            int[] pa = SimTesting.snapAt(a, z);
            int[] pb = SimTesting.snapAt(b, z);
            int[] pc = SimTesting.snapAt(c, z);
            assertArrayEquals(pa, pb, "snap " + i);
            assertFalse(Arrays.equals(pa, pc), "snap " + i + " with another seed");
        }
        // consecutive snaps of one camera differ (fresh noise per snap)
        assertFalse(Arrays.equals(SimTesting.values(a.camera().snap()), SimTesting.values(a.camera().snap())));
    }

    @Test
    void hotPixelsSitAtFixedPositionsAndShineBright() throws Exception {
        CameraModel model = CameraModel.builder().sensor(64, 64).hotPixels(10, 20000).darkCurrentEPerS(0).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(UniformSample.of(0)).camera(model)
                .sampleThicknessUm(1).seed(3).realTime(false).build();
        m.camera().setExposureMs(100);
        int[] v = SimTesting.values(m.camera().snap());
        int hot = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean isHot = m.camera().isHotPixel(x, y);
                if (isHot) {
                    hot++;
                    assertTrue(v[x + 64 * y] > 100 + 0.5 * 1500, "hot pixel (" + x + "," + y + ") = " + v[x + 64 * y]);
                } else {
                    assertTrue(v[x + 64 * y] < 130, "ordinary pixel (" + x + "," + y + ") = " + v[x + 64 * y]);
                }
            }
        }
        assertEquals(10, hot);
    }

    @Test
    void doublingTheExposureDoublesTheSignalAboveOffset() throws Exception {
        CameraModel model = CameraModel.builder().sensor(96, 96).noise(false).offsetAdu(100).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(CellSample.builder().seed(5).build()).camera(model)
                .sampleThicknessUm(4).focusStartUm(2).realTime(false).build();
        m.camera().setExposureMs(500);
        int[] one = SimTesting.values(m.camera().snap());
        m.camera().setExposureMs(1000);
        int[] two = SimTesting.values(m.camera().snap());
        double s1 = 0, s2 = 0;
        for (int i = 0; i < one.length; i++) {
            s1 += one[i] - 100;
            s2 += two[i] - 100;
            assertEquals(2 * (one[i] - 100), two[i] - 100, 1.0, "pixel " + i);
        }
        assertTrue(s1 > 50.0 * one.length, "enough signal to compare: " + s1);
        for (int a : two) assertTrue(a < 65535, "no saturation");
        assertEquals(2.0, s2 / s1, 1e-3);
        System.out.printf("exposure: signal sum ratio %.6f%n", s2 / s1);
    }

    @Test
    void roiCropsTheSameImage() throws Exception {
        CameraModel model = CameraModel.builder().sensor(64, 48).noise(false).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(CellSample.builder().build()).camera(model)
                .sampleThicknessUm(3).focusStartUm(1.5).realTime(false).build();
        int[] full = SimTesting.values(m.camera().snap());
        m.camera().setRoi(new Roi(10, 5, 20, 30));
        int[] part = SimTesting.values(m.camera().snap());
        assertEquals(600, part.length);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 20; x++) assertEquals(full[(10 + x) + 64 * (5 + y)], part[x + 20 * y]);
        }
    }

    @Test
    void realTimeSnapsTakeExposurePlusReadout() throws Exception {
        CameraModel model = CameraModel.builder().sensor(16, 16).readoutMs(20).build();
        SimulatedMicroscope m = SimulatedMicroscope.builder().sample(UniformSample.of(1)).camera(model)
                .sampleThicknessUm(1).realTime(true).build();
        m.camera().setExposureMs(30);
        long t0 = System.nanoTime();
        m.camera().snap();
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(ms >= 49, "snap took " + ms + " ms");
    }
}
