package org.livedecon.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;

import org.junit.jupiter.api.Test;

class VolumeTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.065, 0.2);

    @Test
    void cameraPlanesAreUnsignedAndInZOrder() {
        short[] p16 = {(short) 65535, (short) 40000, 0, 1};
        byte[] p8 = {(byte) 255, (byte) 128, 0, 7};
        float[] pf = {-1.5f, 0f, 2.5f, 1e6f};
        Volume v = Volume.fromPlanes(Arrays.asList(p16, p8, pf), 2, 2, VOXEL);
        assertEquals(Shape.of(2, 2, 3), v.shape());
        assertEquals(65535f, v.get(0, 0, 0));
        assertEquals(40000f, v.get(1, 0, 0));
        assertEquals(255f, v.get(0, 0, 1));
        assertEquals(128f, v.get(1, 0, 1));
        assertEquals(7f, v.get(1, 1, 1));
        assertEquals(-1.5f, v.get(0, 0, 2));
        assertEquals(VOXEL, v.voxelSize());
    }

    @Test
    void badPlanesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Volume.fromPlanes(Arrays.asList(new short[4], new short[3]), 2, 2, VOXEL));
        assertEquals("plane z=1 has 3 pixels, expected 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Volume.fromPlanes(Arrays.asList(new int[4]), 2, 2, VOXEL));
        assertTrue(e.getMessage().startsWith("plane z=0: pixels must be byte[] (8-bit), short[] (16-bit) or float[], got int[]"));
        e = assertThrows(IllegalArgumentException.class, () -> Volume.fromPlanes(Collections.emptyList(), 2, 2, VOXEL));
        assertEquals("a volume needs at least one plane, got none", e.getMessage());
    }

    @Test
    void shapesAndVoxelSizesRejectNonsense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(0, 5, 5));
        assertTrue(e.getMessage().contains("0x5x5"));
        e = assertThrows(IllegalArgumentException.class, () -> Shape.of(4096, 4096, 200));
        assertTrue(e.getMessage().contains("tile it"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VoxelSize.of(0.1, 0.1, -0.2));
        assertEquals("voxel size z must be a positive number of µm, got -0.2", e.getMessage());
        assertEquals(Shape.of(3, 4, 5).index(2, 3, 4), 2 + 3 * (3 + 4 * 4));
    }
}
