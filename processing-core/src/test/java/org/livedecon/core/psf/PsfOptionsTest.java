package org.livedecon.core.psf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

class PsfOptionsTest {

    @Test
    void defaultsAreNoBackgroundEnergy0999KeepVoxelSizeNoCap() {
        PsfOptions o = PsfOptions.defaults();
        assertEquals(PsfOptions.Background.NONE, o.background());
        assertEquals(0.999, o.energyFraction(), 0);
        assertNull(o.targetVoxelSize());
        assertNull(o.maxShape());
    }

    @Test
    void builderAndToBuilderCarryEverySetting() {
        PsfOptions o = PsfOptions.builder().backgroundFixed(12.5).energyFraction(0.99)
                .targetVoxelSize(VoxelSize.of(0.1, 0.3)).maxShape(Shape.of(64, 64, 31)).build();
        PsfOptions c = o.toBuilder().build();
        assertEquals(PsfOptions.Background.FIXED, c.background());
        assertEquals(12.5, c.fixedBackground(), 0);
        assertEquals(0.99, c.energyFraction(), 0);
        assertEquals(VoxelSize.of(0.1, 0.3), c.targetVoxelSize());
        assertEquals(Shape.of(64, 64, 31), c.maxShape());
        assertEquals(PsfOptions.Background.AUTO, o.toBuilder().backgroundAuto().build().background());
        assertTrue(o.toString().contains("fixed 12.5"), o.toString());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.5, Double.NaN})
    void rejectsEnergyFractionOutsideZeroOne(double f) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfOptions.builder().energyFraction(f).build());
        assertTrue(e.getMessage().contains("energy fraction") && e.getMessage().contains(String.valueOf(f)),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsNegativeOrNonFiniteFixedBackground(double bg) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfOptions.builder().backgroundFixed(bg).build());
        assertTrue(e.getMessage().contains("background") && e.getMessage().contains(String.valueOf(bg)),
                e.getMessage());
    }
}
