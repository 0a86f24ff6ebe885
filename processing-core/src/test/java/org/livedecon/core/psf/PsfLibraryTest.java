package org.livedecon.core.psf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.psf.model.GaussianPsf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

class PsfLibraryTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() { System.setProperty("java.awt.headless", "true"); }

    private static PsfMetadata metadata() {
        return PsfMetadata.builder().source("beads \"slide 3\"").created("2026-11-24T10:00:00Z")
                .optics(1.4, 0.52, 1.518, 1.33).camera("sim").sampling(0.065, 0.1).beads(0.1, 17)
                .fwhmUm(0.199, 0.201, 0.55).build();
    }

    @Test
    void savesListsAndFindsPsfsByName() throws Exception {
        PsfLibrary lib = new PsfLibrary(dir.resolve("lib"));
        assertTrue(lib.list().isEmpty(), "a missing folder is an empty library");
        Psf psf = GaussianPsf.of(Shape.of(9, 9, 11), VoxelSize.of(0.065, 0.1), 1.5, 1.5, 2.5);
        Path tif = lib.save("gfp-100x", psf, metadata());
        lib.save("a-first", psf, PsfMetadata.builder().build());
        assertEquals(tif, lib.file("gfp-100x"));
        assertTrue(Files.isRegularFile(PsfFile.sidecar(tif)));
        assertArrayEquals(psf.volume().data(), TiffReader.read(tif, 0, 0).volume().data(), 0f);
        List<PsfLibrary.Entry> entries = lib.list();
        assertEquals(2, entries.size());
        assertEquals("a-first", entries.get(0).name(), "sorted by name");
        PsfMetadata m = entries.get(1).metadata();
        assertEquals("beads \"slide 3\"", m.source());
        assertEquals(1.33, m.sampleIndex(), 0);
        assertEquals(17, m.beadsUsed());
        assertArrayEquals(new double[] {0.199, 0.201, 0.55}, m.fwhmUm(), 0);
        assertTrue(m.summary().contains("FWHM x 0.199 y 0.201 z 0.550 µm") && m.summary().contains("17 beads"), m.summary());
    }

    @Test
    void missingAndBadNamesAreExplained() throws Exception {
        PsfLibrary lib = new PsfLibrary(dir);
        IOException e = assertThrows(IOException.class, () -> lib.file("nope"));
        assertTrue(e.getMessage().contains("no PSF named 'nope'") && e.getMessage().contains("it is empty"), e.getMessage());
        lib.save("one", GaussianPsf.of(Shape.of(5, 5, 5), VoxelSize.of(0.1, 0.2), 1, 1, 1), metadata());
        e = assertThrows(IOException.class, () -> lib.file("two"));
        assertTrue(e.getMessage().contains("it holds [one]"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> lib.file("../etc/passwd"));
        assertTrue(bad.getMessage().contains("must start with a letter or digit"), bad.getMessage());
    }

    @Test
    void libraryFolderComesFromTheSystemProperty() {
        String old = System.getProperty("livedecon.psfLibrary");
        try {
            System.setProperty("livedecon.psfLibrary", dir.toString());
            assertEquals(dir, PsfLibrary.standard().folder());
        } finally {
            if (old == null) System.clearProperty("livedecon.psfLibrary");
            else System.setProperty("livedecon.psfLibrary", old);
        }
    }
}
