package org.livedecon.core.psf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OpticsTest {
    @Test
    void defaultsDescribeAnOilObjectiveWithMatchedSample() {
        Optics o = Optics.builder().build();
        assertEquals(1.4, o.na());
        assertEquals(0.52, o.wavelengthUm());
        assertEquals(1.518, o.immersionIndex());
        assertEquals(1.518, o.immersionIndexDesign());
        assertEquals(1.518, o.sampleIndex());
        assertEquals(1.522, o.coverslipIndex());
        assertEquals(1.522, o.coverslipIndexDesign());
        assertEquals(170, o.coverslipThicknessUm());
        assertEquals(170, o.coverslipThicknessDesignUm());
        assertEquals(150, o.workingDistanceUm());
        assertEquals(0, o.depthUm());
    }

    @Test
    void unsetDesignValuesFollowTheActualOnesThroughToBuilder() {
        Optics o = Optics.builder().build().toBuilder().immersionIndex(1.52).coverslipThicknessUm(160).build();
        assertEquals(1.52, o.immersionIndexDesign());
        assertEquals(160, o.coverslipThicknessDesignUm());
        Optics fixed = o.toBuilder().coverslipThicknessDesignUm(170).build().toBuilder().coverslipThicknessUm(150).build();
        assertEquals(150, fixed.coverslipThicknessUm());
        assertEquals(170, fixed.coverslipThicknessDesignUm());
    }

    @Test
    void toBuilderRoundTripsToAnEqualValue() {
        Optics o = Optics.builder().na(1.2).wavelengthUm(0.6).immersionIndex(1.33).sampleIndex(1.38).depthUm(5).build();
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
        assertNotEquals(o, o.toBuilder().depthUm(6).build());
    }

    @Test
    void rejectsNaAtOrAboveTheImmersionIndex() {
        assertMessage("NA 1.6 must be below the immersion index 1.518", Optics.builder().na(1.6));
        assertMessage("NA 1.518 must be below the immersion index 1.518", Optics.builder().na(1.518));
        assertMessage("NA 1.45 must be below the design immersion index 1.44",
                Optics.builder().na(1.45).immersionIndexDesign(1.44));
    }

    @Test
    void rejectsNonPositiveNa() {
        assertMessage("NA 0.0 must be a positive number", Optics.builder().na(0));
        assertMessage("NA NaN must be a positive number", Optics.builder().na(Double.NaN));
    }

    @Test
    void rejectsNonPositiveOrNanometreWavelength() {
        assertMessage("emission wavelength 0.0 µm must be positive", Optics.builder().wavelengthUm(0));
        assertMessage("emission wavelength -0.5 µm must be positive", Optics.builder().wavelengthUm(-0.5));
        assertMessage("emission wavelength 520.0 µm is not plausible: give it in µm (520 nm is 0.52)",
                Optics.builder().wavelengthUm(520));
    }

    @Test
    void rejectsIndicesBelowOneAndNegativeLengths() {
        assertMessage("sample index 0.9 must be a finite number of at least 1", Optics.builder().sampleIndex(0.9));
        assertMessage("coverslip index Infinity must be a finite number of at least 1",
                Optics.builder().coverslipIndex(Double.POSITIVE_INFINITY));
        assertMessage("depth -1.0 µm must be a finite number of at least 0", Optics.builder().depthUm(-1));
        assertMessage("coverslip thickness -170.0 µm must be a finite number of at least 0",
                Optics.builder().coverslipThicknessUm(-170));
        assertMessage("working distance NaN µm must be a finite number of at least 0",
                Optics.builder().workingDistanceUm(Double.NaN));
    }

    private static void assertMessage(String expected, Optics.Builder b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals(expected, e.getMessage());
    }
}
