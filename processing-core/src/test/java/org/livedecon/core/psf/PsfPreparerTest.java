package org.livedecon.core.psf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

class PsfPreparerTest {

    private static final PsfOptions NO_CROP = PsfOptions.builder().energyFraction(1.0).build();

    /** Gaussian point-sampled at voxel centres; centre (cx,cy,cz) and sigmas in µm relative to voxel 0. */
    static Volume gaussian(int nx, int ny, int nz, VoxelSize vs, double cx, double cy, double cz,
                           double sx, double sy, double sz, double amplitude, double offset) {
        float[] d = new float[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double dx = x * vs.x() - cx, dy = y * vs.y() - cy, dz = z * vs.z() - cz;
                    double g = Math.exp(-0.5 * (dx * dx / (sx * sx) + dy * dy / (sy * sy) + dz * dz / (sz * sz)));
                    d[x + nx * (y + ny * z)] = (float) (amplitude * g + offset);
                }
            }
        }
        return new Volume(Shape.of(nx, ny, nz), vs, d);
    }

    /** Gaussian in voxel units centred on voxel (px,py,pz). */
    static Volume gaussianVoxels(int nx, int ny, int nz, int px, int py, int pz, double sigma, double offset) {
        VoxelSize one = VoxelSize.of(1, 1, 1);
        return gaussian(nx, ny, nz, one, px, py, pz, sigma, sigma, sigma, 1000, offset);
    }

    static int[] argmax(Volume v) {
        float[] d = v.data();
        int best = 0;
        for (int i = 1; i < d.length; i++) if (d[i] > d[best]) best = i;
        return new int[] {best % v.nx(), (best / v.nx()) % v.ny(), best / (v.nx() * v.ny())};
    }

    static void assertOddCentredNormalised(Psf psf) {
        Volume v = psf.volume();
        assertEquals(1, v.nx() % 2, "nx odd: " + v.shape());
        assertEquals(1, v.ny() % 2, "ny odd: " + v.shape());
        assertEquals(1, v.nz() % 2, "nz odd: " + v.shape());
        assertEquals(1.0, v.sum(), 1e-5);
        int[] p = argmax(v);
        assertEquals(psf.centreX(), p[0], "peak x");
        assertEquals(psf.centreY(), p[1], "peak y");
        assertEquals(psf.centreZ(), p[2], "peak z");
    }

    /** Second moment about the centre voxel along axis, in µm. */
    static double sigmaUm(Volume v, int axis) {
        int[] c = {v.nx() / 2, v.ny() / 2, v.nz() / 2};
        double s = 0, w = 0;
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            int[] xyz = {i % v.nx(), (i / v.nx()) % v.ny(), i / (v.nx() * v.ny())};
            double r = (xyz[axis] - c[axis]) * v.voxelSize().along(axis);
            s += r * r * d[i];
            w += d[i];
        }
        return Math.sqrt(s / w);
    }

    static double meanOffsetVoxels(Volume v, int axis) {
        int[] c = {v.nx() / 2, v.ny() / 2, v.nz() / 2};
        double s = 0, w = 0;
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            int[] xyz = {i % v.nx(), (i / v.nx()) % v.ny(), i / (v.nx() * v.ny())};
            s += (xyz[axis] - c[axis]) * (double) d[i];
            w += d[i];
        }
        return s / w;
    }

    // ---- centring ----

    @Test
    void centresOffCentrePeakOfEvenSizedPsfIntoOddVolume() {
        Volume raw = gaussianVoxels(32, 32, 16, 10, 20, 5, 1.5, 0);
        Psf full = PsfPreparer.prepare(raw, "even.tif", NO_CROP);
        assertEquals(Shape.of(43, 41, 21), full.shape());
        assertOddCentredNormalised(full);
        // the raw peak voxel lands exactly on the centre voxel, values unchanged up to normalisation
        double rawSum = raw.sum();
        assertEquals(raw.get(10, 20, 5) / rawSum, full.volume().get(21, 20, 10), 1e-6);
        assertEquals(raw.get(11, 19, 6) / rawSum, full.volume().get(22, 19, 11), 1e-6);

        Psf cropped = PsfPreparer.prepare(raw, "even.tif", PsfOptions.defaults());
        assertOddCentredNormalised(cropped);
        assertTrue(cropped.shape().voxels() < full.shape().voxels());
    }

    @Test
    void keepsAlreadyCentredOddPsfUnchanged() {
        Volume raw = gaussianVoxels(15, 13, 11, 7, 6, 5, 1.2, 0);
        Psf psf = PsfPreparer.prepare(raw, "odd.tif", NO_CROP);
        assertEquals(raw.shape(), psf.shape());
        double sum = raw.sum();
        for (int i = 0; i < raw.data().length; i++) {
            assertEquals(raw.data()[i] / sum, psf.volume().data()[i], 1e-7);
        }
    }

    @Test
    void hotVoxelFarFromPeakDoesNotMoveTheCentre() {
        Volume raw = gaussianVoxels(40, 40, 20, 22, 18, 9, 2.0, 0);
        raw.set(3, 35, 2, 5000f); // five times the true peak (1000)
        Psf psf = PsfPreparer.prepare(raw, "hot.tif", NO_CROP);
        Volume v = psf.volume();
        int cx = psf.centreX(), cy = psf.centreY(), cz = psf.centreZ();
        // the Gaussian's peak is at the centre: its neighbours are symmetric and smaller
        float c = v.get(cx, cy, cz);
        assertEquals(v.get(cx - 1, cy, cz), v.get(cx + 1, cy, cz), 1e-9);
        assertEquals(v.get(cx, cy - 1, cz), v.get(cx, cy + 1, cz), 1e-9);
        assertEquals(v.get(cx, cy, cz - 1), v.get(cx, cy, cz + 1), 1e-9);
        assertTrue(v.get(cx + 1, cy, cz) < c);
        // the hot voxel is replaced by its neighbours' median (about 0 here), so it adds no weight
        double rawSum = raw.sum();
        assertEquals(1000 / (rawSum - 5000), c, 1e-6);
        assertTrue(psf.toString().contains("1 hot pixel replaced"), psf.toString());
    }

    @Test
    void singlePlanePsfStaysOnePlane() {
        Volume raw = gaussian(30, 30, 1, VoxelSize.of(0.05, 0.3), 0.7, 0.8, 0, 0.12, 0.12, 1, 1000, 0);
        Psf psf = PsfPreparer.prepare(raw, "2d.tif",
                PsfOptions.builder().targetVoxelSize(VoxelSize.of(0.1, 0.1)).build());
        assertEquals(1, psf.shape().nz());
        assertEquals(VoxelSize.of(0.1, 0.1), psf.voxelSize());
        assertOddCentredNormalised(psf);
    }

    @Test
    void singleVoxelPsfBecomesUnitImpulse() {
        Volume raw = new Volume(Shape.of(1, 1, 1), VoxelSize.of(0.1, 0.2), new float[] {7f});
        Psf psf = PsfPreparer.prepare(raw, "dot.tif", PsfOptions.defaults());
        assertEquals(Shape.of(1, 1, 1), psf.shape());
        assertEquals(1f, psf.volume().get(0, 0, 0), 0f);
    }

    @Test
    void doesNotModifyTheRawVolume() {
        Volume raw = gaussianVoxels(12, 10, 8, 4, 4, 3, 1.0, 100);
        float[] before = raw.data().clone();
        PsfPreparer.prepare(raw, "raw.tif", PsfOptions.builder().backgroundAuto()
                .targetVoxelSize(VoxelSize.of(0.7, 1.3)).build());
        assertTrue(java.util.Arrays.equals(before, raw.data()));
    }

    // ---- background ----

    @Test
    void autoBackgroundRemovesConstantOffset() {
        Volume clean = gaussianVoxels(33, 31, 21, 15, 16, 9, 1.8, 0);
        Volume offset = gaussianVoxels(33, 31, 21, 15, 16, 9, 1.8, 100);
        assertEquals(100, PsfPreparer.estimateBackground(offset), 1e-3);
        Psf expected = PsfPreparer.prepare(clean, "clean.tif", NO_CROP);
        Psf actual = PsfPreparer.prepare(offset, "offset.tif",
                PsfOptions.builder().backgroundAuto().energyFraction(1.0).build());
        assertEquals(expected.shape(), actual.shape());
        float peak = expected.volume().max();
        float[] e = expected.volume().data(), a = actual.volume().data();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-3 * peak, "voxel " + i);
        }
    }

    @Test
    void fixedBackgroundIsSubtractedAndNegativesClamped() {
        Random rnd = new Random(42);
        Volume raw = gaussianVoxels(21, 21, 11, 10, 10, 5, 1.5, 100);
        float[] d = raw.data();
        for (int i = 0; i < d.length; i++) d[i] += (float) (3 * rnd.nextGaussian()); // camera noise
        Psf psf = PsfPreparer.prepare(raw, "noisy.tif",
                PsfOptions.builder().backgroundFixed(100).energyFraction(1.0).build());
        assertTrue(psf.volume().min() >= 0);
        assertOddCentredNormalised(psf);
    }

    @Test
    void noBackgroundClampsNegativeVoxels() {
        Volume raw = gaussianVoxels(9, 9, 9, 4, 4, 4, 1.0, 0);
        raw.set(0, 0, 0, -5f);
        Psf psf = PsfPreparer.prepare(raw, "neg.tif", NO_CROP);
        assertEquals(0f, psf.volume().get(0, 0, 0), 0f);
        assertEquals(1.0, psf.volume().sum(), 1e-6);
    }

    // ---- resampling ----

    @ParameterizedTest(name = "{0}x{1} um -> {2}x{3} um")
    @CsvSource({
            "0.05, 0.2, 0.1, 0.1",   // down in x/y, up in z
            "0.1, 0.05, 0.05, 0.1",  // up in x/y, down in z
            "0.065, 0.3, 0.1, 0.25", // non-integer ratios
    })
    void resampledGaussianKeepsItsWidthAndCentre(double sxy, double sz, double txy, double tz) {
        double sigXY = 0.15, sigZ = 0.5;
        int hxy = (int) Math.ceil(5 * sigXY / sxy), hz = (int) Math.ceil(5 * sigZ / sz);
        VoxelSize src = VoxelSize.of(sxy, sz);
        Volume raw = gaussian(2 * hxy + 1, 2 * hxy + 1, 2 * hz + 1, src,
                hxy * sxy, hxy * sxy, hz * sz, sigXY, sigXY, sigZ, 1000, 0);
        VoxelSize target = VoxelSize.of(txy, tz);
        Psf psf = PsfPreparer.prepare(raw, "gauss.tif", PsfOptions.builder().targetVoxelSize(target).build());
        Volume v = psf.volume();
        assertEquals(target, psf.voxelSize());
        assertEquals(1.0, v.sum(), 1e-5);
        assertOddCentredNormalised(psf);
        double[] sig = {sigXY, sigXY, sigZ};
        double[] s = {sxy, sxy, sz};
        double[] t = {txy, txy, tz};
        for (int axis = 0; axis < 3; axis++) {
            double measured = sigmaUm(v, axis);
            // within a few % of the analytic sigma ...
            assertEquals(sig[axis], measured, 0.04 * sig[axis], "sigma axis " + axis);
            // ... and within 1.5 % of it broadened by box integration (source + target voxels)
            double broadened = Math.sqrt(sig[axis] * sig[axis] + (s[axis] * s[axis] + t[axis] * t[axis]) / 12);
            assertEquals(broadened, measured, 0.015 * broadened, "broadened sigma axis " + axis);
            assertEquals(0, meanOffsetVoxels(v, axis), 1e-3, "centre axis " + axis);
        }
    }

    @Test
    void resamplingWithinToleranceOnlyRelabelsTheVoxelSize() {
        Volume raw = gaussianVoxels(11, 11, 11, 5, 5, 5, 1.0, 0).withVoxelSize(VoxelSize.of(0.1, 0.3));
        VoxelSize target = VoxelSize.of(0.10005, 0.3001);
        Psf psf = PsfPreparer.prepare(raw, "same.tif",
                PsfOptions.builder().targetVoxelSize(target).energyFraction(1.0).build());
        assertEquals(raw.shape(), psf.shape());
        assertEquals(target, psf.voxelSize());
    }

    @Test
    void separableResamplingMatchesDirectAreaIntegration() {
        Random rnd = new Random(7);
        int hx = 3, hy = 2, hz = 4;
        int[] dims = {2 * hx + 1, 2 * hy + 1, 2 * hz + 1};
        float[] src = new float[dims[0] * dims[1] * dims[2]];
        for (int i = 0; i < src.length; i++) src[i] = rnd.nextFloat();
        double[] s = {0.1, 0.13, 0.3};
        double[] t = {0.07, 0.2, 0.11};
        int[] h = {hx, hy, hz};
        int[] hw = new int[3];
        float[] out = src;
        int[] od = dims.clone();
        for (int a = 0; a < 3; a++) {
            hw[a] = PsfResampler.targetHalfWidth(h[a], s[a], t[a]);
            out = PsfResampler.resampleAxis(out, od, a, PsfResampler.weights(h[a], s[a], hw[a], t[a]));
        }
        double srcSum = 0, outSum = 0;
        for (float f : src) srcSum += f;
        for (float f : out) outSum += f;
        assertEquals(srcSum, outSum, 1e-5 * srcSum, "flux preserved");
        // reference: each target voxel integrates the source boxes it overlaps (volume overlap / source voxel volume)
        for (int k = 0; k < od[2]; k++) {
            for (int j = 0; j < od[1]; j++) {
                for (int i = 0; i < od[0]; i++) {
                    double ref = 0;
                    for (int z = 0; z < dims[2]; z++) {
                        double oz = overlap(z - h[2], s[2], k - hw[2], t[2]);
                        if (oz == 0) continue;
                        for (int y = 0; y < dims[1]; y++) {
                            double oy = overlap(y - h[1], s[1], j - hw[1], t[1]);
                            if (oy == 0) continue;
                            for (int x = 0; x < dims[0]; x++) {
                                double ox = overlap(x - h[0], s[0], i - hw[0], t[0]);
                                ref += src[x + dims[0] * (y + dims[1] * z)] * ox * oy * oz;
                            }
                        }
                    }
                    assertEquals(ref, out[i + od[0] * (j + od[1] * k)], 1e-5, "(" + i + "," + j + "," + k + ")");
                }
            }
        }
    }

    /** Fraction of source voxel (offset u, step s) covered by target voxel (offset v, step t), in µm. */
    private static double overlap(int u, double s, int v, double t) {
        double lo = Math.max((u - 0.5) * s, (v - 0.5) * t);
        double hi = Math.min((u + 0.5) * s, (v + 0.5) * t);
        return hi > lo ? (hi - lo) / s : 0;
    }

    // ---- energy crop and cap ----

    @Test
    void energyCropShrinksZeroPaddedPsfAndKeepsTheFraction() {
        Volume raw = gaussianVoxels(101, 101, 51, 50, 50, 25, 1.5, 0);
        Psf full = PsfPreparer.prepare(raw, "big.tif", NO_CROP);
        assertEquals(raw.shape(), full.shape());
        double fraction = 0.99;
        Psf cropped = PsfPreparer.prepare(raw, "big.tif", PsfOptions.builder().energyFraction(fraction).build());
        assertOddCentredNormalised(cropped);
        Shape cs = cropped.shape();
        assertTrue(cs.nx() <= 15 && cs.ny() <= 15 && cs.nz() <= 15, "cropped to " + cs);
        // energy of the full PSF inside the cropped box
        int hx = cs.nx() / 2, hy = cs.ny() / 2, hz = cs.nz() / 2;
        double inside = 0;
        Volume f = full.volume();
        for (int z = 25 - hz; z <= 25 + hz; z++)
            for (int y = 50 - hy; y <= 50 + hy; y++)
                for (int x = 50 - hx; x <= 50 + hx; x++) inside += f.get(x, y, z);
        assertTrue(inside >= fraction, "energy kept " + inside);
        // and the cropped values are the full ones, renormalised
        assertEquals(f.get(50, 50, 25) / inside, cropped.volume().get(hx, hy, hz), 1e-6);
        // one slab pair less on any axis would drop below the fraction (the box is locally minimal)
        int[] hs = {hx, hy, hz};
        for (int axis = 0; axis < 3; axis++) {
            assertTrue(hs[axis] == 0 || inside - slabPair(f, 50, 50, 25, hx, hy, hz, axis) < fraction,
                    "axis " + axis + " could shrink further");
        }
    }

    private static double slabPair(Volume f, int cx, int cy, int cz, int hx, int hy, int hz, int axis) {
        double s = 0;
        for (int z = cz - hz; z <= cz + hz; z++)
            for (int y = cy - hy; y <= cy + hy; y++)
                for (int x = cx - hx; x <= cx + hx; x++) {
                    boolean outer = axis == 0 ? Math.abs(x - cx) == hx
                            : axis == 1 ? Math.abs(y - cy) == hy : Math.abs(z - cz) == hz;
                    if (outer) s += f.get(x, y, z);
                }
        return s;
    }

    @Test
    void maxShapeCapsTheSizeAtOddValues() {
        Volume raw = gaussianVoxels(41, 41, 31, 20, 20, 15, 3.0, 0);
        Psf psf = PsfPreparer.prepare(raw, "cap.tif",
                PsfOptions.builder().energyFraction(1.0).maxShape(Shape.of(20, 64, 7)).build());
        assertEquals(Shape.of(19, 41, 7), psf.shape());
        assertOddCentredNormalised(psf);
    }

    // ---- rejections ----

    @Test
    void rejectsNaNNamingFileAndVoxel() {
        Volume raw = gaussianVoxels(8, 8, 8, 4, 4, 4, 1.0, 0);
        raw.set(3, 4, 5, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfPreparer.prepare(raw, "psf.tif", PsfOptions.defaults()));
        assertTrue(e.getMessage().contains("PSF psf.tif has NaN at (x,y,z)=(3,4,5)"), e.getMessage());
    }

    @Test
    void rejectsInfinityNamingFileAndVoxel() {
        Volume raw = gaussianVoxels(8, 8, 8, 4, 4, 4, 1.0, 0);
        raw.set(1, 2, 6, Float.NEGATIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfPreparer.prepare(raw, "inf.tif", PsfOptions.defaults()));
        assertTrue(e.getMessage().contains("PSF inf.tif has -Infinity at (x,y,z)=(1,2,6)"), e.getMessage());
    }

    @Test
    void rejectsAllZeroPsf() {
        Volume raw = Volume.zeros(Shape.of(5, 6, 7), VoxelSize.of(0.1, 0.2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfPreparer.prepare(raw, "zero.tif", PsfOptions.defaults()));
        assertTrue(e.getMessage().contains("zero.tif"), e.getMessage());
        assertTrue(e.getMessage().contains("all zero"), e.getMessage());
        assertTrue(e.getMessage().contains("7x6x5"), e.getMessage());
    }

    @Test
    void rejectsNegativeSum() {
        float[] d = {1f, -10f, -3.5f, 0f};
        Volume raw = new Volume(Shape.of(2, 2, 1), VoxelSize.of(0.1, 0.2), d);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfPreparer.prepare(raw, "neg.tif", PsfOptions.defaults()));
        assertTrue(e.getMessage().contains("PSF neg.tif sums to -12.5: a PSF must have positive total intensity"),
                e.getMessage());
    }

    @Test
    void rejectsZeroSum() {
        float[] d = {1f, -1f, 0f, 0f};
        Volume raw = new Volume(Shape.of(4, 1, 1), VoxelSize.of(0.1, 0.2), d);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfPreparer.prepare(raw, "flat.tif", PsfOptions.defaults()));
        assertTrue(e.getMessage().contains("PSF flat.tif sums to 0.0"), e.getMessage());
    }

    @Test
    void rejectsPsfThatIsAllZeroAfterFixedBackground() {
        Volume raw = gaussianVoxels(9, 9, 9, 4, 4, 4, 1.0, 100); // max 1100
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfPreparer.prepare(raw, "dim.tif", PsfOptions.builder().backgroundFixed(1500).build()));
        String m = e.getMessage();
        assertTrue(m.contains("dim.tif"), m);
        assertTrue(m.contains("1500.0"), m);
        assertTrue(m.contains("all zero after subtracting the background"), m);
        assertTrue(m.contains("--psf-background none"), m);
    }

    @Test
    void rejectsFlatPsfWithAutoBackground() {
        float[] d = new float[4 * 4 * 4];
        java.util.Arrays.fill(d, 250f);
        Volume raw = new Volume(Shape.of(4, 4, 4), VoxelSize.of(0.1, 0.2), d);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsfPreparer.prepare(raw, "flat.tif", PsfOptions.builder().backgroundAuto().build()));
        String m = e.getMessage();
        assertTrue(m.contains("flat.tif") && m.contains("250.0") && m.contains("auto"), m);
        assertTrue(m.contains("--psf-background none"), m);
    }

    @Test
    void rejectsMissingVolumeAndOptions() {
        Volume raw = gaussianVoxels(5, 5, 5, 2, 2, 2, 1.0, 0);
        assertThrows(IllegalArgumentException.class, () -> PsfPreparer.prepare(null, "x.tif", PsfOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> PsfPreparer.prepare(raw, "x.tif", null));
    }
}
