package org.livedecon.core.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.testing.TestPsfs;
import org.livedecon.core.testing.VolumeAssert;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Bar 3: awkward but legal input never produces NaN or Inf; bad input gets a specific message. */
class RobustnessTest {
    private static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.2);
    private static CpuBackend backend;

    @BeforeAll
    static void open() { backend = new CpuBackend(2); }

    @AfterAll
    static void close() { backend.close(); }

    static List<Arguments> everyMethod() {
        List<Arguments> out = new ArrayList<Arguments>();
        for (Algorithm a : Algorithm.values()) {
            for (Boundary b : Boundary.values()) out.add(Arguments.of(a, b));
        }
        return out;
    }

    private static Volume deconvolve(Volume image, Psf psf, Algorithm a, Boundary b, Background bg) {
        DeconvolutionSettings s = DeconvolutionSettings.builder().algorithm(a).iterations(8).boundary(b).background(bg).build();
        Volume out = Deconvolvers.create(s, backend).deconvolve(image, psf, ProgressListener.NONE).volume();
        assertEquals(image.shape(), out.shape());
        VolumeAssert.assertFinite(out, a + " " + b);
        return out;
    }

    private static Psf smallPsf() {
        return TestPsfs.gaussian(Shape.of(7, 7, 9), VOXEL, 1.2, 1.2, 2.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMethod")
    void allZeroImageGivesZeros(Algorithm a, Boundary b) {
        Volume out = deconvolve(Volume.zeros(Shape.of(16, 12, 10), VOXEL), smallPsf(), a, b, Background.auto());
        assertEquals(0.0, out.max(), 1e-6);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMethod")
    void imageWithZeroRegionsAndNoBackgroundStaysFinite(Algorithm a, Boundary b) {
        Volume image = Volume.zeros(Shape.of(16, 12, 10), VOXEL);
        for (int z = 3; z < 6; z++) image.set(8, 6, z, 1000f); // a bright line in a black volume
        deconvolve(image, smallPsf(), a, b, Background.none());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMethod")
    void constantImageGivesAFlatResult(Algorithm a, Boundary b) {
        Volume image = Volume.zeros(Shape.of(16, 12, 10), VOXEL);
        Arrays.fill(image.data(), 500f);
        // a constant is all background for auto, and a uniform object of 400 with background 100
        Volume auto = deconvolve(image, smallPsf(), a, b, Background.auto());
        assertEquals(0.0, auto.max(), 1e-3, "auto background should explain a constant image");
        Volume fixed = deconvolve(image, smallPsf(), a, b, Background.fixed(100));
        if (b == Boundary.PERIODIC) {
            // Wiener passes the mean with gain 1 / (1 + λ)
            double expected = a == Algorithm.WIENER ? 400 / (1 + DeconvolutionSettings.DEFAULT_WIENER_LAMBDA) : 400;
            assertEquals(expected, fixed.min(), expected * 1e-3);
            assertEquals(expected, fixed.max(), expected * 1e-3);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMethod")
    void saturatedPlanesStayFinite(Algorithm a, Boundary b) {
        Psf psf = smallPsf();
        Volume image = SyntheticStack.builder(Shape.of(24, 20, 16), VOXEL).seed(3).build(psf, backend).image();
        int plane = image.nx() * image.ny();
        Arrays.fill(image.data(), 5 * plane, 8 * plane, 65535f);
        Arrays.fill(image.data(), 0, plane, 65535f); // a saturated first plane too
        deconvolve(image, psf, a, b, Background.auto());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMethod")
    void psfDeeperThanTheImageWorks(Algorithm a, Boundary b) {
        Psf psf = TestPsfs.gaussian(Shape.of(9, 9, 33), VOXEL, 1.2, 1.2, 4.0);
        Volume image = SyntheticStack.builder(Shape.of(20, 18, 6), VOXEL).seed(5).build(psf, backend).image();
        Volume out = deconvolve(image, psf, a, b, Background.auto());
        assertTrue(out.max() > 0, "something must be recovered");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyMethod")
    void singlePlaneImageWithA3dPsfWorks(Algorithm a, Boundary b) {
        Psf psf = smallPsf();
        Volume image = SyntheticStack.builder(Shape.of(20, 18, 1), VOXEL).seed(9).build(psf, backend).image();
        deconvolve(image, psf, a, b, Background.auto());
    }

    @Test
    void rejectsNanInTheImageNamingTheVoxel() {
        Volume image = Volume.zeros(Shape.of(8, 8, 4), VOXEL);
        image.set(3, 2, 1, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> deconvolve(image, smallPsf(), Algorithm.ACCELERATED_RL, Boundary.NON_CIRCULANT, Background.auto()));
        assertTrue(e.getMessage().contains("NaN at (x,y,z)=(3,2,1)"), e.getMessage());
    }

    @Test
    void rejectsPsfWithAnotherVoxelSize() {
        Volume image = Volume.zeros(Shape.of(8, 8, 4), VoxelSize.of(0.065, 0.3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> deconvolve(image, smallPsf(), Algorithm.WIENER, Boundary.PERIODIC, Background.auto()));
        assertTrue(e.getMessage().contains("PSF voxel size") && e.getMessage().contains("resample"), e.getMessage());
    }

    @Test
    void settingsNameTheBadValue() {
        assertMessage("iterations must be between 1 and 100000, got 0",
                () -> DeconvolutionSettings.builder().iterations(0).build());
        assertMessage("lambda must be a finite value >= 0, got -1.0",
                () -> DeconvolutionSettings.builder().lambda(-1).build());
        assertMessage("too large for RL-TV",
                () -> DeconvolutionSettings.builder().algorithm(Algorithm.RL_TV).lambda(0.7).build());
        assertMessage("tolerance must be in [0, 1), got 2.0",
                () -> DeconvolutionSettings.builder().tolerance(2).build());
        assertMessage("time budget must be a finite number of seconds >= 0, got -3.0",
                () -> DeconvolutionSettings.builder().timeBudgetSeconds(-3).build());
        assertMessage("unknown algorithm 'lucy': use wiener, rl, rl-accel, rl-shb, rl-tv or rl-wb", () -> Algorithm.parse("lucy"));
        assertMessage("unknown boundary 'mirror'", () -> Boundary.parse("mirror"));
        assertMessage("background must be 'auto', 'none' or a number >= 0, got 'dark'", () -> Background.parse("dark"));
        assertMessage("background must be a finite value >= 0, got -5.0", () -> Background.parse("-5"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), "message '" + x.getMessage() + "' should contain '" + expected + "'");
    }
}
