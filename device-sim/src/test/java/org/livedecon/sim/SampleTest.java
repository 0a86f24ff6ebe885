package org.livedecon.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

class SampleTest {
    private static final Shape SHAPE = Shape.of(64, 48, 30);
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);

    @Test
    void centredBeadIsOneVoxelAtTheCentre() {
        Volume v = BeadSample.centred(1234).render(Shape.of(9, 8, 7), VOXEL);
        assertEquals(1234, v.get(4, 4, 3), 0);
        assertEquals(1234, v.sum(), 1e-3);
    }

    @Test
    void beadsAreDeterministicForASeedAndKeepTheirLight() {
        BeadSample s = BeadSample.builder().count(20).brightnessSigma(0).doubletFraction(0).clusterFraction(0)
                .photonsPerSecond(1000).seed(9).build();
        Volume a = s.render(SHAPE, VOXEL);
        assertArrayEquals(a.data(), s.render(SHAPE, VOXEL).data());
        Volume other = BeadSample.builder().count(20).brightnessSigma(0).doubletFraction(0).clusterFraction(0)
                .photonsPerSecond(1000).seed(10).build().render(SHAPE, VOXEL);
        assertFalse(Arrays.equals(a.data(), other.data()));
        // point beads splat trilinearly; light near the faces may leave the box
        assertTrue(a.sum() <= 20000 * (1 + 1e-5) && a.sum() > 20000 * 0.8, "total " + a.sum());
    }

    @Test
    void densityDoubletsAndClustersAddBeads() {
        Shape big = Shape.of(100, 100, 50);
        double single = BeadSample.builder().densityPer1000Um3(100).doubletFraction(0).clusterFraction(0).seed(2).build()
                .render(big, VOXEL).sum();
        double grouped = BeadSample.builder().densityPer1000Um3(100).doubletFraction(0.5).clusterFraction(0.5).seed(2).build()
                .render(big, VOXEL).sum();
        // 100 per 1000 µm³ of 10x10x10 µm: 100 objects; groups average 0.5·2 + 0.5·4.5 beads
        assertTrue(grouped / single > 2.5 && grouped / single < 4, "ratio " + grouped / single);
    }

    @Test
    void largeBeadIsASphereWithItsTotalLight() {
        VoxelSize fine = VoxelSize.of(0.05, 0.05);
        Volume v = BeadSample.builder().diameterUm(0.5).count(1).brightnessSigma(0).doubletFraction(0).clusterFraction(0)
                .photonsPerSecond(1e4).seed(4).build().render(Shape.of(200, 200, 200), fine);
        assertEquals(1e4, v.sum(), 1);
        int lit = 0;
        for (float x : v.data()) if (x > 0) lit++;
        // a 0.5 µm sphere covers about (4/3)π·5³ ≈ 524 voxels of 0.05 µm
        assertTrue(lit > 400 && lit < 800, "lit voxels " + lit);
    }

    @Test
    void cellIsDeterministicNonNegativeAndHasStructure() {
        CellSample c = CellSample.builder().seed(3).build();
        Volume a = c.render(SHAPE, VOXEL);
        assertArrayEquals(a.data(), c.render(SHAPE, VOXEL).data());
        assertTrue(a.min() >= 0);
        assertEquals(0, a.get(0, 0, 0), 0, "corners lie outside the cell");
        float haze = (float) (2000 * 0.1 * 0.1 * 0.2);
        assertTrue(a.max() > 20 * haze, "bright features above the haze: " + a.max());
        assertFalse(Arrays.equals(a.data(), CellSample.builder().seed(4).build().render(SHAPE, VOXEL).data()));
    }

    @Test
    void volumeSampleCopiesOnTheSameGridAndKeepsLightOnAnother(@TempDir Path dir) throws Exception {
        Random rnd = new Random(1);
        float[] d = new float[SHAPE.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextFloat();
        Volume src = new Volume(SHAPE, VOXEL, d);
        VolumeSample s = VolumeSample.of(src, 10);
        Volume same = s.render(SHAPE, VOXEL);
        for (int i = 0; i < d.length; i++) assertEquals(10 * d[i], same.data()[i], 1e-4);
        Volume larger = s.render(Shape.of(80, 60, 40), VOXEL);
        assertEquals(10 * src.sum(), larger.sum(), 1e-3 * src.sum());
        assertEquals(10 * src.get(32, 24, 15), larger.get(40, 30, 20), 1e-4);
        Volume coarse = s.render(Shape.of(40, 30, 20), VoxelSize.of(0.2, 0.4));
        assertEquals(10 * src.sum(), coarse.sum(), 0.1 * src.sum());

        Path file = dir.resolve("truth.tif");
        TiffWriter.writeFloat(src, file);
        Volume read = VolumeSample.fromTiff(file, 10).render(SHAPE, VOXEL);
        for (int i = 0; i < d.length; i++) assertEquals(10 * d[i], read.data()[i], 1e-4);
    }

    @Test
    void poissonSamplesHaveTheirMeanAndVariance() {
        Random rnd = new Random(5);
        for (double lambda : new double[] {0.3, 4, 9.9, 10, 37, 1000, 1e5}) {
            int n = 200000;
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                long k = Poisson.sample(rnd, lambda);
                s += k;
                s2 += (double) k * k;
            }
            double mean = s / n, var = s2 / n - mean * mean;
            assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "mean at " + lambda);
            assertEquals(lambda, var, 0.02 * lambda, "variance at " + lambda);
        }
    }
}
