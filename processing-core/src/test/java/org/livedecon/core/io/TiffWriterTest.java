package org.livedecon.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import ij.ImagePlus;
import ij.io.Opener;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

class TiffWriterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static Volume random(int nx, int ny, int nz, VoxelSize vs, long seed, float scale) {
        Random r = new Random(seed);
        Volume v = Volume.zeros(Shape.of(nx, ny, nz), vs);
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) d[i] = r.nextFloat() * scale;
        return v;
    }

    @Test
    void floatRoundTripKeepsValuesAndExactVoxelSize() throws Exception {
        VoxelSize vs = VoxelSize.of(6.5 / 60, 6.5 / 60, 0.3);
        Volume v = random(13, 7, 5, vs, 1, 1000);
        v.data()[3] = -2.5f;
        Path f = dir.resolve("float.tif");
        TiffWriter.writeFloat(v, f);

        TiffStack s = TiffReader.read(f, 0);
        assertEquals(32, s.bitDepth());
        assertTrue(s.calibrated());
        assertEquals(v.shape(), s.volume().shape());
        assertArrayEquals(v.data(), s.volume().data(), 0f);
        assertEquals(vs, s.volume().voxelSize());
        assertFalse(s.scale16().isPresent());
    }

    @Test
    void floatRoundTripOfLargePixelsKeepsVoxelSize() throws Exception {
        // 6.5 µm camera pixels: ImageJ's rationals alone would lose digits here.
        VoxelSize vs = VoxelSize.of(6.5, 2.3, 7.1);
        Volume v = random(3, 4, 2, vs, 2, 1);
        Path f = dir.resolve("big_pixels.tif");
        TiffWriter.writeFloat(v, f);
        assertEquals(vs, TiffReader.read(f, 0).volume().voxelSize());
    }

    @Test
    void singlePlaneFloatRoundTrips() throws Exception {
        Volume v = random(9, 4, 1, VoxelSize.of(0.1, 0.2), 3, 5);
        Path f = dir.resolve("one.tif");
        TiffWriter.writeFloat(v, f);
        TiffStack s = TiffReader.read(f, 0);
        assertEquals(1, s.volume().nz());
        assertArrayEquals(v.data(), s.volume().data(), 0f);
        assertEquals(v.voxelSize(), s.volume().voxelSize());
    }

    @Test
    void imageJOpensWrittenFloatStackWithMicronCalibration() throws Exception {
        Volume v = random(8, 6, 4, VoxelSize.of(0.065, 0.065, 0.25), 4, 10);
        Path f = dir.resolve("for_fiji.tif");
        TiffWriter.writeFloat(v, f);

        ImagePlus imp = new Opener().openImage(f.toString());
        assertEquals(4, imp.getNSlices());
        assertEquals(32, imp.getBitDepth());
        assertEquals(0.065, imp.getCalibration().pixelWidth, 1e-7);
        assertEquals(0.25, imp.getCalibration().pixelDepth, 1e-12);
        String unit = imp.getCalibration().getUnit();
        assertTrue(unit.equals("micron") || unit.equals("\u00b5m"), unit);
        assertEquals(v.get(7, 5, 3), imp.getStack().getProcessor(4).getf(7, 5), 0f);
    }

    @Test
    void sixteenBitRoundTripStoresScaledRoundedValuesAndRecordsScale() throws Exception {
        VoxelSize vs = VoxelSize.of(0.108, 0.108, 0.4);
        Volume v = random(10, 6, 3, vs, 5, 100);
        double scale = 600.5;
        Path f = dir.resolve("s16.tif");
        TiffWriter.write16(v, f, scale);

        TiffStack s = TiffReader.read(f, 0);
        assertEquals(16, s.bitDepth());
        assertEquals(vs, s.volume().voxelSize());
        assertEquals(scale, s.scale16().getAsDouble(), 0);
        float[] in = v.data();
        float[] out = s.volume().data();
        for (int i = 0; i < in.length; i++) {
            double expected = Math.min(65535, Math.rint(in[i] * scale));
            assertEquals(expected, out[i], 0, "voxel " + i);
            assertEquals(in[i], out[i] / scale, 0.5 / scale + 1e-6, "undoing the scale, voxel " + i);
        }
        assertTrue(s.volume().max() > 32767, "values above the signed range read back unsigned");
    }

    @Test
    void sixteenBitClipsToUnsignedRangeAndMapsNanToZero() throws Exception {
        Volume v = Volume.zeros(Shape.of(5, 1, 1), VoxelSize.of(1, 1));
        float[] d = v.data();
        d[0] = -3f;
        d[1] = 70000f;
        d[2] = Float.NaN;
        d[3] = 2.5f; // rint: ties to even
        d[4] = 3.6f;
        Path f = dir.resolve("clip.tif");
        TiffWriter.write16(v, f, 1);
        assertArrayEquals(new float[] {0, 65535, 0, 2, 4}, TiffReader.read(f, 0).volume().data(), 0f);
    }

    @Test
    void sixteenBitScaleIsInImageJInfoAndCalibrationFunction() throws Exception {
        Volume v = random(4, 4, 2, VoxelSize.of(0.1, 0.3), 6, 1);
        Path f = dir.resolve("info.tif");
        TiffWriter.write16(v, f, 50000);

        ImagePlus imp = new Opener().openImage(f.toString());
        assertTrue(imp.getInfoProperty().contains(TiffWriter.SCALE_KEY + "="), imp.getInfoProperty());
        assertEquals(1 / 50000.0, imp.getCalibration().getCoefficients()[1], 1e-15);
        String description = String.valueOf(imp.getOriginalFileInfo().description);
        assertTrue(description.contains(TiffWriter.SCALE_KEY + "="), description);
    }

    @Test
    void rejectsNonPositiveScale() {
        Volume v = Volume.zeros(Shape.of(2, 2, 1), VoxelSize.of(1, 1));
        assertThrows(IllegalArgumentException.class, () -> TiffWriter.write16(v, dir.resolve("x.tif"), 0));
        assertThrows(IllegalArgumentException.class, () -> TiffWriter.write16(v, dir.resolve("x.tif"), Double.NaN));
    }

    @Test
    void autoScaleMapsMaximumTo65000() {
        Volume v = Volume.zeros(Shape.of(3, 1, 1), VoxelSize.of(1, 1));
        v.data()[1] = 13f;
        assertEquals(5000, TiffWriter.autoScale16(v), 1e-9);
        assertEquals(1, TiffWriter.autoScale16(Volume.zeros(Shape.of(2, 2, 2), VoxelSize.of(1, 1))), 0);
        v.data()[1] = -4f;
        assertEquals(1, TiffWriter.autoScale16(v), 0);
    }

    @Test
    void overwritesExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path f = dir.resolve("again.tif");
        TiffWriter.writeFloat(random(20, 20, 5, VoxelSize.of(1, 1), 7, 1), f);
        Volume second = random(3, 2, 1, VoxelSize.of(0.5, 0.5), 8, 1);
        TiffWriter.writeFloat(second, f);
        assertEquals(second.shape(), TiffReader.read(f, 0).volume().shape());
        assertEquals(1, Files.list(dir).count(), "only the target file in " + dir);
    }

    @Test
    void writingIntoMissingDirectoryNamesTheFile() {
        Path f = dir.resolve("no_such_dir").resolve("out.tif");
        TiffException e = assertThrows(TiffException.class,
                () -> TiffWriter.writeFloat(Volume.zeros(Shape.of(2, 2, 1), VoxelSize.of(1, 1)), f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void displayRangeComesFromTheWholeStackNotTheFirstPlane() throws Exception {
        Shape shape = Shape.of(8, 8, 3);
        float[] d = new float[shape.voxels()];
        for (int i = 0; i < d.length; i++) d[i] = 100 + (i % 7);
        d[shape.index(3, 3, 1)] = 1511; // the brightest voxel is in the middle plane
        for (boolean sixteen : new boolean[] {false, true}) {
            Path f = dir.resolve(sixteen ? "range16.tif" : "range32.tif");
            Volume v = new Volume(shape, VoxelSize.of(0.1, 0.2), d);
            if (sixteen) TiffWriter.write16(v, f, 1.0);
            else TiffWriter.writeFloat(v, f);
            ImagePlus imp = new Opener().openImage(f.toString());
            assertEquals(1511, imp.getDisplayRangeMax(), 1e-3, f.toString());
            assertEquals(100, imp.getDisplayRangeMin(), 1e-3, f.toString());
        }
    }
}
