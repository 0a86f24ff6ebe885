package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/**
 * Issue 15, items 1-4: no output may be (after links) an input, an existing output is replaced only
 * with --overwrite (library entries with --replace), and files get the user's normal mode. Every
 * refusal leaves every input byte-identical.
 */
class OutputSafetyCliTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearLibrary() {
        System.clearProperty("livedecon.psfLibrary");
    }

    private Path raw16() {
        return Cli.imageJStack(dir.resolve("raw.tif"), 1, 6, true);
    }

    @Test
    void outputThroughSymlinkedFolderIsTheInputAndIsRefused() throws Exception {
        Path o = Files.createDirectory(dir.resolve("o"));
        Path raw = Cli.imageJStack(o.resolve("raw.tif"), 1, 6, true);
        byte[] before = Files.readAllBytes(raw);
        Files.createSymbolicLink(dir.resolve("olink"), o);

        Cli.run("deconvolve", raw.toString(), "--theoretical", "-o", dir.resolve("olink/raw.tif").toString())
                .assertError(2, "is the input image " + raw + " (the same file, after following links)");
        assertArrayEquals(before, Files.readAllBytes(raw));
    }

    @Test
    void symlinkedInputWrittenByItsTargetNameIsRefused() throws Exception {
        Path raw = raw16();
        byte[] before = Files.readAllBytes(raw);
        Path link = Files.createSymbolicLink(dir.resolve("rawlink.tif"), raw);

        Cli.run("deconvolve", link.toString(), "--theoretical", "-o", raw.toString(), "--overwrite")
                .assertError(2, "output " + raw + " is the input image " + link);
        assertArrayEquals(before, Files.readAllBytes(raw));
        // a hard link is the same file too
        Path hard = Files.createLink(dir.resolve("hard.tif"), raw);
        Cli.run("deconvolve", raw.toString(), "--theoretical", "-o", hard.toString(), "--overwrite")
                .assertError(2, "is the input image");
        assertArrayEquals(before, Files.readAllBytes(raw));
    }

    @Test
    void psfIsNeverTheOutput() throws Exception {
        Path raw = raw16();
        Path psf = dir.resolve("p.tif");
        TiffWriter.writeFloat(BenchCommand.gaussianPsf(Shape.of(9, 9, 7)).volume(), psf);
        byte[] before = Files.readAllBytes(psf);

        Cli.run("deconvolve", raw.toString(), "--psf", psf.toString(), "-o", psf.toString(), "--overwrite")
                .assertError(2, "output " + psf + " is the PSF " + psf + ": writing it would destroy the PSF");
        assertArrayEquals(before, Files.readAllBytes(psf));
    }

    @Test
    void psfFromBeadsNeverWritesOverTheBeadStack() throws Exception {
        Path beads = raw16();
        byte[] before = Files.readAllBytes(beads);
        Path psf = dir.resolve("psf.tif");

        Cli.run("psf-from-beads", beads.toString(), "-o", beads.toString(), "--overwrite")
                .assertError(2, "PSF output " + beads + " is the bead stack");
        Cli.run("psf-from-beads", beads.toString(), "-o", psf.toString(), "--png", beads.toString(), "--overwrite")
                .assertError(2, "report picture " + beads + " is the bead stack");
        Cli.run("psf-from-beads", beads.toString(), "-o", psf.toString(), "--report", beads.toString(), "--overwrite")
                .assertError(2, "report " + beads + " is the bead stack");
        Cli.run("psf-from-beads", beads.toString(), "-o", psf.toString(), "--report", psf.toString())
                .assertError(2, "report " + psf + " and PSF output " + psf + " are the same file");
        assertArrayEquals(before, Files.readAllBytes(beads));
        assertFalse(Files.exists(psf));
    }

    @Test
    void existingOutputNeedsOverwriteAndKeepsItsMode() throws Exception {
        Psf gauss = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Path image = Cli.syntheticImage(dir.resolve("image.tif"), Shape.of(24, 20, 8), gauss);
        Path psf = dir.resolve("psf.tif");
        TiffWriter.writeFloat(gauss.volume(), psf);
        Path out = dir.resolve("out.tif");
        byte[] old = "an earlier result".getBytes("UTF-8");
        Files.write(out, old);
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(out, mode);

        Cli.run("deconvolve", image.toString(), "--psf", psf.toString(), "--iterations", "2", "--threads", "1",
                "-o", out.toString()).assertError(2, "output " + out + " already exists: add --overwrite to replace it");
        assertArrayEquals(old, Files.readAllBytes(out));

        Cli.run("deconvolve", image.toString(), "--psf", psf.toString(), "--iterations", "2", "--threads", "1",
                "-o", out.toString(), "--overwrite").assertOk();
        assertFalse(java.util.Arrays.equals(old, Files.readAllBytes(out)), "replaced");
        assertEquals(mode, Files.getPosixFilePermissions(out), "a replaced file keeps its mode");

        // a new file gets the mode any new file gets here (the umask), not 0600
        Path fresh = dir.resolve("fresh.tif");
        Cli.run("deconvolve", image.toString(), "--psf", psf.toString(), "--iterations", "2", "--threads", "1",
                "-o", fresh.toString()).assertOk();
        Path reference = Files.createFile(dir.resolve("reference"));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(fresh));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no partial file left");
        }
    }

    @Test
    void psfCommandNeedsOverwrite() throws Exception {
        Path out = dir.resolve("psf.tif");
        Cli.run("psf", "-o", out.toString(), "--size", "9x17x17").assertOk();
        byte[] first = Files.readAllBytes(out);
        Cli.run("psf", "-o", out.toString(), "--size", "9x17x17", "--na", "1.1")
                .assertError(2, "already exists: add --overwrite");
        assertArrayEquals(first, Files.readAllBytes(out));
    }

    @Test
    void libraryEntryIsReplacedOnlyWithReplace() throws Exception {
        Path library = Files.createDirectory(dir.resolve("library"));
        System.setProperty("livedecon.psfLibrary", library.toString());
        Path entry = library.resolve("gfp.tif");
        TiffWriter.writeFloat(BenchCommand.gaussianPsf(Shape.of(9, 9, 7)).volume(), entry);
        byte[] before = Files.readAllBytes(entry);
        Path beads = raw16();

        Cli.run("psf-from-beads", beads.toString(), "--save-as", "gfp")
                .assertError(2, "the PSF library already holds 'gfp' (" + entry + "): add --replace");
        assertArrayEquals(before, Files.readAllBytes(entry));
        Cli.run("psf-from-beads", beads.toString(), "-o", dir.resolve("p.tif").toString(), "--replace")
                .assertError(2, "--replace applies only with --save-as");
        // the library entry in use as the PSF is an input: never an output of deconvolve
        Cli.run("deconvolve", beads.toString(), "--psf", "library:gfp", "-o", entry.toString(), "--overwrite")
                .assertError(2, "is the PSF");
        assertArrayEquals(before, Files.readAllBytes(entry));
        // with --replace the check passes; this stack has no beads, so extraction fails and the entry stays
        Cli r = Cli.run("psf-from-beads", beads.toString(), "--save-as", "gfp", "--replace");
        assertEquals(1, r.code, r.err);
        assertFalse(r.err.contains("already holds"), r.err);
        assertArrayEquals(before, Files.readAllBytes(entry));
    }
}
