package org.livedecon.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

class PreviewPngTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() { System.setProperty("java.awt.headless", "true"); }

    @Test
    void showsXyAndTrueAspectXzOfBothVolumesSideBySide() throws Exception {
        VoxelSize voxel = VoxelSize.of(0.1, 0.3); // z voxels three times as long as x
        Volume before = Volume.zeros(Shape.of(40, 30, 10), voxel);
        Volume after = Volume.zeros(Shape.of(40, 30, 10), voxel);
        before.set(10, 15, 5, 100f); // a bright voxel in the central plane of the left panel only
        after.set(30, 15, 5, 100f);
        Path png = dir.resolve("sub/preview.png");
        PreviewPng.write(before, after, "raw", "deconvolved", png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * 40 + 3 * 8, img.getWidth());
        assertEquals(18 + 30 + 8 + 30 + 16, img.getHeight(), "XZ panel is 10 planes x 3 = 30 rows tall");
        int leftXy = img.getRGB(8 + 10, 18 + 15) & 0xff, rightXy = img.getRGB(8 + 40 + 8 + 10, 18 + 15) & 0xff;
        assertEquals(255, leftXy, "bright voxel in the left XY panel");
        assertEquals(0, rightXy, "not in the right panel at that place");
        int rightXz = img.getRGB(8 + 40 + 8 + 30, 18 + 30 + 8 + 5 * 3 + 1) & 0xff;
        assertTrue(rightXz == 255, "right XZ panel shows the after voxel at z=5 (rows 15-17)");
    }

    @Test
    void rejectsDifferentShapes() {
        VoxelSize voxel = VoxelSize.of(0.1, 0.3);
        assertThrows(IllegalArgumentException.class, () -> PreviewPng.write(Volume.zeros(Shape.of(4, 4, 4), voxel),
                Volume.zeros(Shape.of(4, 4, 5), voxel), "a", "b", dir.resolve("x.png")));
    }
}
