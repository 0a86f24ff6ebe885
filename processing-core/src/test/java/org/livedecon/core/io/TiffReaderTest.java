package org.livedecon.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

class TiffReaderTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static void assertVoxelSize(VoxelSize expected, VoxelSize actual) {
        assertTrue(expected.approximatelyEquals(actual), "expected " + expected + " but got " + actual);
    }

    private static void assertMessage(TiffException e, Path file, String... parts) {
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "message should name the file: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "message should contain '" + p + "': " + m);
        }
    }

    @Test
    void reads8BitStackWithMicronCalibration() throws Exception {
        ImageStack stack = TestTiffs.fill(5, 4, 3, false, (x, y, z) -> x + 10 * y + 50 * z);
        ImagePlus imp = new ImagePlus("t", stack);
        assertEquals(8, imp.getBitDepth());
        TestTiffs.calibrate(imp, "micron", 0.1, 0.3);
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("b8.tif"));

        TiffStack s = TiffReader.read(f, 0);
        Volume v = s.volume();
        assertEquals(8, s.bitDepth());
        assertTrue(s.calibrated());
        assertEquals(5, v.nx());
        assertEquals(4, v.ny());
        assertEquals(3, v.nz());
        assertEquals(4 + 10 * 3 + 50 * 2, v.get(4, 3, 2), 0);
        assertVoxelSize(VoxelSize.of(0.1, 0.1, 0.3), v.voxelSize());
        assertEquals(1, s.channels());
        assertEquals(1, s.frames());
        assertEquals(f, s.file());
    }

    @Test
    void reads16BitValuesAbove32767AsUnsigned() throws Exception {
        ImageStack stack = new ImageStack(3, 2);
        for (int z = 0; z < 2; z++) {
            short[] p = new short[6];
            for (int i = 0; i < 6; i++) p[i] = (short) (40000 + 5000 * z + i);
            stack.addSlice(null, new ShortProcessor(3, 2, p, null));
        }
        stack.getProcessor(2).set(2, 1, 65535);
        ImagePlus imp = new ImagePlus("t", stack);
        TestTiffs.calibrate(imp, "um", 0.065, 0.2);
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("b16.tif"));

        TiffStack s = TiffReader.read(f, 0);
        assertEquals(16, s.bitDepth());
        assertEquals(40000, s.volume().get(0, 0, 0), 0);
        assertEquals(45004, s.volume().get(1, 1, 1), 0);
        assertEquals(65535, s.volume().get(2, 1, 1), 0);
        assertVoxelSize(VoxelSize.of(0.065, 0.065, 0.2), s.volume().voxelSize());
    }

    @Test
    void reads32BitFloatStackExactly() throws Exception {
        ImageStack stack = new ImageStack(4, 3);
        for (int z = 0; z < 5; z++) {
            float[] p = new float[12];
            for (int i = 0; i < 12; i++) p[i] = -1.5f + i * 0.1f + z * 1000.25f;
            stack.addSlice(null, new FloatProcessor(4, 3, p));
        }
        ImagePlus imp = new ImagePlus("t", stack);
        TestTiffs.calibrate(imp, "\u00b5m", 0.108, 0.5);
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("f32.tif"));

        TiffStack s = TiffReader.read(f, 1);
        assertEquals(32, s.bitDepth());
        assertEquals(5, s.volume().nz());
        assertEquals(-1.5f + 7 * 0.1f + 4 * 1000.25f, s.volume().get(3, 1, 4), 0);
        assertVoxelSize(VoxelSize.of(0.108, 0.108, 0.5), s.volume().voxelSize());
    }

    /** Three channels, four slices; pixel value = 100 * channel + slice (1-based). */
    private Path hyperstack(String name, int channels, int slices, int frames) {
        ImageStack s16 = TestTiffs.fill(6, 5, channels * slices * frames, true,
                (x, y, p) -> {
                    int c = p % channels + 1;
                    int z = (p / channels) % slices + 1;
                    int t = p / (channels * slices) + 1;
                    return 1000 * t + 100 * c + z;
                });
        ImagePlus imp = TestTiffs.image(s16, channels, slices, frames);
        TestTiffs.calibrate(imp, "micron", 0.13, 0.4);
        return TestTiffs.saveWithImageJ(imp, dir.resolve(name));
    }

    @Test
    void readsHyperstackChannel2WithCalibration() throws Exception {
        Path f = hyperstack("hyper.tif", 3, 4, 1);

        TiffStack s = TiffReader.read(f, 2);
        assertEquals(3, s.channels());
        assertEquals(1, s.frames());
        assertEquals(4, s.volume().nz());
        for (int z = 0; z < 4; z++) {
            assertEquals(1000 + 200 + z + 1, s.volume().get(2, 3, z), 0, "z=" + z);
        }
        assertTrue(s.calibrated());
        assertVoxelSize(VoxelSize.of(0.13, 0.13, 0.4), s.volume().voxelSize());
    }

    @Test
    void readsHyperstackFrame2OfChannel3() throws Exception {
        Path f = hyperstack("hyper_t.tif", 3, 2, 2);

        TiffStack s = TiffReader.read(f, 3, 2);
        assertEquals(2, s.frames());
        assertEquals(2, s.volume().nz());
        assertEquals(2000 + 300 + 1, s.volume().get(0, 0, 0), 0);
        assertEquals(2000 + 300 + 2, s.volume().get(5, 4, 1), 0);
    }

    @Test
    void rejectsMultiChannelFileWithoutChannel() throws Exception {
        Path f = hyperstack("three_channels.tif", 3, 2, 1);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        assertMessage(e, f, "has 3 channels: choose one with --channel 1..3");
    }

    @Test
    void rejectsChannelOutOfRange() throws Exception {
        Path f = hyperstack("three_channels.tif", 3, 2, 1);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 4));
        assertMessage(e, f, "has 3 channels", "--channel 4 is out of range", "1..3");
    }

    @Test
    void rejectsChannel2OfSingleChannelFile() throws Exception {
        ImagePlus imp = new ImagePlus("t", new ByteProcessor(4, 4));
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("one.tif"));
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 2));
        assertMessage(e, f, "has 1 channel:", "--channel 2 is out of range, expected 1..1");
    }

    @Test
    void rejectsMultiFrameFileWithoutFrame() throws Exception {
        Path f = hyperstack("frames.tif", 1, 2, 5);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 1));
        assertMessage(e, f, "has 5 time points: choose one with --frame 1..5");
        TiffException e2 = assertThrows(TiffException.class, () -> TiffReader.read(f, 1, 6));
        assertMessage(e2, f, "--frame 6 is out of range");
    }

    @Test
    void readsPlainMultipageTiffWithoutCalibrationAsUncalibrated() throws Exception {
        short[][] planes = new short[3][];
        for (int z = 0; z < 3; z++) {
            planes[z] = new short[4 * 2];
            for (int i = 0; i < 8; i++) planes[z][i] = (short) (50000 + 100 * z + i);
        }
        Path f = TestTiffs.writePlainMultipage16(dir.resolve("plain.tif"), 4, 2, planes, 0);

        TiffStack s = TiffReader.read(f, 0);
        assertFalse(s.calibrated());
        assertEquals(VoxelSize.of(1, 1, 1), s.volume().voxelSize());
        assertEquals(3, s.volume().nz());
        assertEquals(16, s.bitDepth());
        assertEquals(50000 + 200 + 7, s.volume().get(3, 1, 2), 0);
        assertEquals(50000 + 100 + 4, s.volume().get(0, 1, 1), 0);
    }

    @Test
    void plainMultipageTiffTakesPixelSizeFromResolutionTagsButNeedsZ() throws Exception {
        short[][] planes = {new short[4], new short[4]};
        Path f = TestTiffs.writePlainMultipage16(dir.resolve("res.tif"), 2, 2, planes, 6.5e-5); // 0.65 µm

        TiffStack s = TiffReader.read(f, 0);
        assertFalse(s.calibrated(), "no z step in a plain TIFF");
        assertEquals(0.65, s.volume().voxelSize().x(), 1e-6);
        assertEquals(0.65, s.volume().voxelSize().y(), 1e-6);
        assertEquals(1, s.volume().voxelSize().z(), 0);
    }

    @Test
    void singlePagePlainTiffWithResolutionTagsIsCalibrated() throws Exception {
        Path f = TestTiffs.writePlainMultipage16(dir.resolve("res1.tif"), 2, 2, new short[][] {new short[4]}, 6.5e-5);
        TiffStack s = TiffReader.read(f, 0);
        assertTrue(s.calibrated());
        assertEquals(1, s.volume().nz());
        assertEquals(0.65, s.volume().voxelSize().x(), 1e-6);
    }

    @Test
    void converts2dSinglePageTiffToOnePlane() throws Exception {
        ImagePlus imp = new ImagePlus("t", new FloatProcessor(7, 3, new float[21]));
        imp.getProcessor().setf(6, 2, 42.5f);
        TestTiffs.calibrate(imp, "micron", 0.2, 1);
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("2d.tif"));

        TiffStack s = TiffReader.read(f, 0);
        assertEquals(1, s.volume().nz());
        assertEquals(7, s.volume().nx());
        assertEquals(42.5f, s.volume().get(6, 2, 0), 0);
        assertTrue(s.calibrated());
        assertEquals(0.2, s.volume().voxelSize().x(), 1e-9);
    }

    @Test
    void convertsNanometreAndMillimetreUnitsToMicrons() throws Exception {
        ImagePlus nm = new ImagePlus("t", TestTiffs.fill(2, 2, 2, false, (x, y, z) -> 1));
        TestTiffs.calibrate(nm, "nm", 65, 200);
        TiffStack s = TiffReader.read(TestTiffs.saveWithImageJ(nm, dir.resolve("nm.tif")), 0);
        // ImageJ's resolution tags keep ~6 digits of 1/pixelWidth: 1/65 loses precision.
        assertEquals(0.065, s.volume().voxelSize().x(), 1e-4 * 0.065);
        assertEquals(0.2, s.volume().voxelSize().z(), 1e-9);

        ImagePlus mm = new ImagePlus("t", TestTiffs.fill(2, 2, 2, false, (x, y, z) -> 1));
        TestTiffs.calibrate(mm, "mm", 0.0001, 0.0005);
        TiffStack s2 = TiffReader.read(TestTiffs.saveWithImageJ(mm, dir.resolve("mm.tif")), 0);
        assertVoxelSize(VoxelSize.of(0.1, 0.1, 0.5), s2.volume().voxelSize());
        assertTrue(s2.calibrated());
    }

    @Test
    void pixelUnitMeansUncalibrated() throws Exception {
        ImagePlus imp = new ImagePlus("t", TestTiffs.fill(2, 2, 3, false, (x, y, z) -> z));
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("pixels.tif"));
        TiffStack s = TiffReader.read(f, 0);
        assertFalse(s.calibrated());
        assertEquals(VoxelSize.of(1, 1, 1), s.volume().voxelSize());
        assertEquals(2, s.volume().get(1, 1, 2), 0);
    }

    @Test
    void rejectsMissingFile() {
        Path f = dir.resolve("nope.tif");
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        assertMessage(e, f, "does not exist");
    }

    @Test
    void rejectsTextFileAsNotATiff() throws Exception {
        Path f = dir.resolve("notes.tif");
        Files.write(f, "this is not an image, just some text\n".getBytes(StandardCharsets.US_ASCII));
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        assertMessage(e, f, "is not a TIFF");
    }

    @Test
    void rejectsEmptyFileAsNotATiff() throws Exception {
        Path f = Files.createFile(dir.resolve("empty.tif"));
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        assertMessage(e, f, "is not a TIFF", "0 bytes");
    }

    @Test
    void rejectsTruncatedImageJStackWithoutPrintingAnything() throws Exception {
        ImagePlus imp = new ImagePlus("t", TestTiffs.fill(32, 32, 4, false, (x, y, z) -> x));
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("cut.tif"));
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        TiffException e;
        try {
            e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        } finally {
            System.setOut(saved);
        }
        assertMessage(e, f, "is truncated");
        assertEquals("", captured.toString(), "nothing on stdout");
    }

    @Test
    void rejectsTruncatedPlainMultipageTiff() throws Exception {
        short[][] planes = {new short[64], new short[64], new short[64]};
        Path f = TestTiffs.writePlainMultipage16(dir.resolve("cut_plain.tif"), 8, 8, planes, 0);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() - 20);
        }
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        assertMessage(e, f, "truncated");
    }

    @Test
    void rejectsHeaderWhoseDirectoryLiesPastTheEnd() throws Exception {
        Path f = dir.resolve("bad_ifd.tif");
        Files.write(f, new byte[] {'I', 'I', 42, 0, (byte) 0xff, (byte) 0xff, 0, 0, 1, 2, 3, 4});
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        assertMessage(e, f);
    }

    @Test
    void rejectsRgbWithClearMessage() throws Exception {
        ImagePlus imp = new ImagePlus("rgb", new ColorProcessor(4, 4));
        Path f = TestTiffs.saveWithImageJ(imp, dir.resolve("rgb.tif"));
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0));
        assertMessage(e, f, "RGB", "8-bit, 16-bit or 32-bit float grayscale");
    }
}
