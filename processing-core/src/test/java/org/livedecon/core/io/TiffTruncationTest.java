package org.livedecon.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.volume.Volume;

/** Issue 15, item 7: truncated or inconsistent TIFFs are refused with the plane and byte offset. */
class TiffTruncationTest {
    @TempDir
    Path dir;

    private static TestTiff stack(int planes) {
        TestTiff t = TestTiff.unsigned16(16, 12);
        for (int p = 0; p < planes; p++) t.constantPlane(100 + p);
        return t;
    }

    private Path cut(Path whole, double fraction) throws Exception {
        byte[] b = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut-" + whole.getFileName());
        Files.write(cut, Arrays.copyOf(b, (int) (b.length * fraction)));
        return cut;
    }

    @Test
    void wholeFilesReadEveryPlane() throws Exception {
        Path f = dir.resolve("whole.tif");
        stack(32).interleaved().write(f);
        Volume v = TiffReader.read(f, 0, 0).volume();
        assertEquals(32, v.nz());
        assertEquals(131, v.get(3, 4, 31), 0);
        Path g = dir.resolve("end.tif");
        stack(32).write(g);
        assertEquals(32, TiffReader.read(g, 0, 0).volume().nz());
    }

    @Test
    void interleavedFileCutInHalfIsRefusedWithPlaneAndOffset() throws Exception {
        Path whole = dir.resolve("interleaved.tif");
        stack(32).interleaved().write(whole);
        Path cut = cut(whole, 0.5);
        byte[] before = Files.readAllBytes(cut);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(cut, 0, 0));
        assertTrue(e.getMessage().matches(".*is truncated.*(image directory|plane) (of plane )?\\d+.*byte offset \\d+.*"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(cut));
    }

    @Test
    void directoriesAtTheEndCutAwayAreRefused() throws Exception {
        Path whole = dir.resolve("dirs-at-end.tif");
        stack(32).write(whole);
        // all pixel data stay, but the directories of planes 2.. are gone
        long keep = Files.size(whole) - 31L * (2 + 12 * 10 + 4) + 10;
        byte[] b = Arrays.copyOf(Files.readAllBytes(whole), (int) keep);
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, b);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(cut, 0, 0));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("plane 2")
                && e.getMessage().contains("byte offset"), e.getMessage());
    }

    @Test
    void imageJDescriptionOverInterleavedDirectoriesIsRefused() throws Exception {
        Path f = dir.resolve("liar.tif");
        long[] offsets = stack(32).interleaved().description("ImageJ=1.54f\nimages=32\nslices=32\n").write(f);
        TiffException e = assertThrows(TiffException.class, () -> TiffReader.read(f, 0, 0));
        assertTrue(e.getMessage().contains("is inconsistent") && e.getMessage().contains("plane 2")
                && e.getMessage().contains("byte offset " + offsets[1]), e.getMessage());
    }
}
