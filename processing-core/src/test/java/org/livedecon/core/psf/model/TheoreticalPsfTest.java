package org.livedecon.core.psf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/**
 * NA 1.4 oil, 0.52 µm emission. Measured with 0.04 µm pixels and 0.05 µm planes:
 * lateral FWHM 0.194 µm for both models (Airy 0.51 λ/NA = 0.189 µm, widened by the pixel area);
 * axial FWHM 0.714 µm for Born &amp; Wolf (paraxial 1.77 n λ/NA² = 0.713 µm) and 0.515 µm for
 * Gibson &amp; Lanni (exact defocus phase); 20 µm deep in water (n_s 1.33) Gibson &amp; Lanni gives
 * about 0.28 µm lateral and 1.68 µm axial.
 */
class TheoreticalPsfTest {
    private static final Optics OIL = Optics.builder().build();
    private static final Optics WATER_20UM = OIL.toBuilder().sampleIndex(1.33).depthUm(20).build();
    private static final VoxelSize FINE = VoxelSize.of(0.04, 0.05);

    private static Psf bornWolf;
    private static Psf gibsonLanni;
    private static Psf gibsonLanniWater;

    @BeforeAll
    static void generate() {
        bornWolf = TheoreticalPsf.generate(PsfModel.BORN_WOLF, OIL, Shape.of(33, 33, 65), FINE);
        gibsonLanni = TheoreticalPsf.generate(PsfModel.GIBSON_LANNI, OIL, Shape.of(33, 33, 65), FINE);
        gibsonLanniWater = TheoreticalPsf.generate(PsfModel.GIBSON_LANNI, WATER_20UM, Shape.of(33, 33, 161), FINE);
    }

    @Test
    void sumsToOneWithThePeakAtTheCentreVoxel() {
        for (Psf psf : new Psf[] {bornWolf, gibsonLanni, gibsonLanniWater}) {
            assertEquals(1.0, psf.volume().sum(), 1e-5, psf.source());
            assertArrayEquals(new int[] {psf.centreX(), psf.centreY(), psf.centreZ()},
                    PsfMeasure.argMax(psf.volume()), psf.source());
            assertTrue(psf.volume().min() >= 0, psf.source());
        }
    }

    @Test
    void evenAndUnequalSizesKeepThePeakAtNOverTwo() {
        for (PsfModel m : PsfModel.values()) {
            Psf psf = TheoreticalPsf.generate(m, OIL, Shape.of(20, 16, 10), VoxelSize.of(0.1, 0.12, 0.2));
            assertArrayEquals(new int[] {10, 8, 5}, PsfMeasure.argMax(psf.volume()), m.label());
            assertEquals(1.0, psf.volume().sum(), 1e-5);
            Volume v = psf.volume();
            // pairs at equal distance from the centre are equal where both exist
            assertEquals(v.get(10 - 3, 8 + 2, 5 - 1), v.get(10 + 3, 8 - 2, 5 - 1), 0f);
        }
    }

    @Test
    void singlePlaneIsTheInFocusImage() {
        Psf psf = TheoreticalPsf.generate(PsfModel.GIBSON_LANNI, OIL, Shape.of(15, 15, 1), VoxelSize.of(0.05, 0.2));
        assertEquals(1.0, psf.volume().sum(), 1e-5);
        assertArrayEquals(new int[] {7, 7, 0}, PsfMeasure.argMax(psf.volume()));
    }

    @Test
    void isMirrorSymmetricInXAndYAndUnderTransposition() {
        for (Psf psf : new Psf[] {bornWolf, gibsonLanni, gibsonLanniWater}) {
            Volume v = psf.volume();
            int c = psf.centreX();
            for (int z = 0; z < v.nz(); z += 7) {
                for (int dy = -c; dy <= c; dy++) {
                    for (int dx = -c; dx <= c; dx++) {
                        float a = v.get(c + dx, c + dy, z);
                        assertClose(a, v.get(c - dx, c + dy, z), psf.source());
                        assertClose(a, v.get(c + dx, c - dy, z), psf.source());
                        assertClose(a, v.get(c + dy, c + dx, z), psf.source());
                    }
                }
            }
        }
    }

    @Test
    void isSymmetricInZForBornWolfAndMatchedGibsonLanni() {
        for (Psf psf : new Psf[] {bornWolf, gibsonLanni}) {
            Volume v = psf.volume();
            int cz = psf.centreZ();
            for (int dz = 1; dz <= cz; dz++) {
                for (int y = 0; y < v.ny(); y += 3) {
                    for (int x = 0; x < v.nx(); x += 3) {
                        assertClose(v.get(x, y, cz + dz), v.get(x, y, cz - dz), psf.source());
                    }
                }
            }
        }
    }

    private static void assertClose(float a, float b, String what) {
        assertTrue(Math.abs(a - b) <= 1e-5 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12f,
                what + ": " + a + " vs " + b);
    }

    @Test
    void lateralFwhmOfBothModelsIsTheAiryWidth() {
        double airy = 0.51 * OIL.wavelengthUm() / OIL.na(); // 0.189 µm
        for (Psf psf : new Psf[] {bornWolf, gibsonLanni}) {
            double fx = PsfMeasure.fwhmUm(psf, 0);
            double fy = PsfMeasure.fwhmUm(psf, 1);
            assertTrue(fx > 0.17 && fx < 0.23, "FWHM x " + fx + " " + psf.source());
            assertEquals(fx, fy, 1e-9);
            // 0.04 µm pixels widen the in-focus spot by a few per cent, not more
            assertTrue(fx > airy && fx < airy * 1.05, "FWHM x " + fx + " vs Airy " + airy);
        }
    }

    @Test
    void axialFwhmIsParaxialForBornWolfAndNarrowerForGibsonLanni() {
        double bw = PsfMeasure.fwhmUm(bornWolf, 2);
        double gl = PsfMeasure.fwhmUm(gibsonLanni, 2);
        double paraxial = 1.772 * OIL.immersionIndex() * OIL.wavelengthUm() / (OIL.na() * OIL.na()); // 0.713 µm
        assertEquals(paraxial, bw, 0.01, "Born-Wolf axial FWHM");
        assertTrue(gl > 0.45 && gl < 0.56, "Gibson-Lanni axial FWHM " + gl); // ≈ 0.50 µm, exact defocus phase
        assertTrue(bw > 0.45 && bw < 0.85);
    }

    @Test
    void indexMismatchAtDepthBroadensThePsfAxially() {
        double matched = PsfMeasure.fwhmUm(gibsonLanni, 2);
        double water = PsfMeasure.fwhmUm(gibsonLanniWater, 2);
        assertTrue(water > 1.5 * matched, "axial FWHM " + water + " µm in water vs " + matched + " µm matched");
        assertTrue(PsfMeasure.fwhmUm(gibsonLanniWater, 0) > PsfMeasure.fwhmUm(gibsonLanni, 0));
    }

    @Test
    void indexMismatchAtDepthMakesThePsfAxiallyAsymmetric() {
        assertTrue(axialAsymmetry(gibsonLanniWater) > 0.1, "asymmetry " + axialAsymmetry(gibsonLanniWater));
        assertTrue(axialAsymmetry(gibsonLanni) < 1e-5, "asymmetry " + axialAsymmetry(gibsonLanni));
    }

    /** Largest |I(c + d) − I(c − d)| along the axis, relative to the peak. */
    private static double axialAsymmetry(Psf psf) {
        double[] p = PsfMeasure.centreLine(psf, 2);
        int c = psf.centreZ();
        double worst = 0;
        for (int d = 1; d <= c; d++) worst = Math.max(worst, Math.abs(p[c + d] - p[c - d]));
        return worst / p[c];
    }

    @Test
    void coarsePixelsIntegrateTheAreaInsteadOfPointSampling() {
        double pixel = 0.2;
        int n = 15;
        int c = n / 2;
        Psf psf = TheoreticalPsf.generate(PsfModel.BORN_WOLF, OIL, Shape.of(n, n, 1), VoxelSize.of(pixel, 0.2));
        double kNa = 2 * Math.PI / OIL.wavelengthUm() * OIL.na();
        // slow references on the in-focus Airy pattern (J1(v)/v)², v = k NA r: point samples at pixel
        // centres, and area means by the midpoint rule on 32² and 64² points per pixel, Richardson-
        // extrapolated (the midpoint error falls as h²)
        double[] point = new double[n * n];
        double[] area = new double[n * n];
        double pointSum = 0, areaSum = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                point[x + n * y] = airy(kNa * pixel * Math.hypot(x - c, y - c));
                double coarse = midpointMean(kNa * pixel, x - c, y - c, 32);
                double fine = midpointMean(kNa * pixel, x - c, y - c, 64);
                area[x + n * y] = (4 * fine - coarse) / 3;
                pointSum += point[x + n * y];
                areaSum += area[x + n * y];
            }
        }
        float[] d = psf.volume().data();
        double centreArea = area[c + n * c] / areaSum;
        double centrePoint = point[c + n * c] / pointSum;
        assertTrue(centreArea < 0.9 * centrePoint, "the reference itself must tell area from point: "
                + centreArea + " vs " + centrePoint);
        assertEquals(centreArea, d[c + n * c], 1e-5 * centreArea, "centre pixel");
        assertTrue(d[c + n * c] < 0.9 * centrePoint, "centre " + d[c + n * c] + " looks point-sampled (" + centrePoint + ")");
        for (int i = 0; i < n * n; i++) {
            assertEquals(area[i] / areaSum, d[i], 1e-5 * centreArea, "pixel " + (i % n) + "," + (i / n));
        }
    }

    /** Mean of the Airy pattern over the pixel centred at (dx, dy) pixels, sub² midpoints. */
    private static double midpointMean(double vPerPixel, int dx, int dy, int sub) {
        double s = 0;
        for (int sy = 0; sy < sub; sy++) {
            for (int sx = 0; sx < sub; sx++) {
                s += airy(vPerPixel * Math.hypot(dx - 0.5 + (sx + 0.5) / sub, dy - 0.5 + (sy + 0.5) / sub));
            }
        }
        return s / (sub * sub);
    }

    private static double airy(double v) {
        return v == 0 ? 0.25 : Math.pow(Bessel.j1(v) / v, 2);
    }

    @Test
    void suggestedShapeIsOddOnEveryAxisAndGrowsWithMismatch() {
        VoxelSize[] sizes = {VoxelSize.of(0.1, 0.2), VoxelSize.of(0.065, 0.3), VoxelSize.of(0.04, 0.05),
            VoxelSize.of(0.5, 1.0), VoxelSize.of(0.1, 0.11, 0.25)};
        Optics[] optics = {OIL, WATER_20UM, Optics.builder().na(0.8).immersionIndex(1.0).sampleIndex(1.33).build()};
        for (PsfModel m : PsfModel.values()) {
            for (Optics o : optics) {
                for (VoxelSize v : sizes) {
                    Shape s = TheoreticalPsf.suggestedShape(m, o, v);
                    for (int axis = 0; axis < 3; axis++) {
                        assertEquals(1, s.along(axis) % 2, m + " " + o + " " + v + " gave " + s);
                        assertTrue(s.along(axis) >= 3 && s.along(axis) <= 255, s.toString());
                    }
                }
            }
        }
        Shape matched = TheoreticalPsf.suggestedShape(PsfModel.GIBSON_LANNI, OIL, VoxelSize.of(0.1, 0.2));
        Shape deep = TheoreticalPsf.suggestedShape(PsfModel.GIBSON_LANNI, WATER_20UM, VoxelSize.of(0.1, 0.2));
        assertTrue(deep.nz() > matched.nz(), matched + " vs " + deep);
    }

    @Test
    void suggestedShapeHoldsTheDefocusedLightOfItsOuterPlanes() {
        VoxelSize v = VoxelSize.of(0.1, 0.2);
        for (PsfModel m : PsfModel.values()) {
            Shape s = TheoreticalPsf.suggestedShape(m, OIL, v);
            Volume psf = TheoreticalPsf.generate(m, OIL, s, v).volume();
            int cz = s.nz() / 2;
            // widefield: every plane carries the same light (Parseval) while the grid holds the pattern
            double outer = PsfMeasure.planeSum(psf, 0);
            double centre = PsfMeasure.planeSum(psf, cz);
            assertTrue(outer > 0.99 * centre, m + " " + s + ": outer plane " + outer + " vs centre plane " + centre);
            // and the outer plane is well out of focus
            assertTrue(psf.get(s.nx() / 2, s.ny() / 2, 0) < 0.05 * psf.max(), m + " " + s);
        }
    }

    @Test
    void usesButDoesNotShutDownTheCallersExecutor() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Psf psf = TheoreticalPsf.generate(PsfModel.GIBSON_LANNI, OIL, Shape.of(31, 31, 9), VoxelSize.of(0.1, 0.2), pool);
            assertFalse(pool.isShutdown());
            Psf own = TheoreticalPsf.generate(PsfModel.GIBSON_LANNI, OIL, Shape.of(31, 31, 9), VoxelSize.of(0.1, 0.2));
            assertArrayEquals(own.volume().data(), psf.volume().data(), 0f);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsMissingArgumentsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TheoreticalPsf.generate(null, OIL, Shape.of(3, 3, 3), FINE));
        assertTrue(e.getMessage().startsWith("model, optics, shape, voxel size and executor are required"), e.getMessage());
    }

    @Test
    void sourceNamesModelAndOptics() {
        assertTrue(gibsonLanniWater.source().startsWith("Gibson-Lanni theoretical (NA 1.4"), gibsonLanniWater.source());
        assertTrue(gibsonLanniWater.source().contains("n_s 1.33"), gibsonLanniWater.source());
    }
}
