package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

class DeconvolveCommandTest {
    @TempDir
    Path dir;

    private static final Shape IMAGE = Shape.of(40, 36, 12);

    @Test
    void deconvolvesWithPsfFileAndKeepsShapeAndCalibration() throws Exception {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Path image = Cli.syntheticImage(dir.resolve("image.tif"), IMAGE, psf);
        Path psfFile = dir.resolve("psf.tif");
        TiffWriter.writeFloat(psf.volume(), psfFile);
        Path out = dir.resolve("out.tif");

        Cli r = Cli.run("deconvolve", image.toString(), "--psf", psfFile.toString(), "--iterations", "3",
                "--threads", "2", "-o", out.toString()).assertOk();

        assertTrue(Files.isRegularFile(out));
        TiffStack result = TiffReader.read(out, 0, 0);
        assertTrue(result.calibrated());
        assertEquals(IMAGE, result.volume().shape());
        assertTrue(result.volume().voxelSize().approximatelyEquals(Cli.VOXEL), result.volume().voxelSize().toString());
        assertTrue(r.out.contains("livedecon "), r.out);
        assertTrue(r.out.contains("plan: "), r.out);
        assertTrue(r.out.contains("FFT grid"), r.out);
        String summary = r.lastLine();
        assertTrue(summary.startsWith("wrote " + out), summary);
        assertTrue(summary.contains("3 iterations") && summary.contains("s/iteration")
                && summary.contains("background") && summary.contains("peak heap"), summary);
        assertTrue(r.err.contains("3/3"), "progress on stderr: " + r.err);
    }

    @Test
    void deconvolvesWithTheoreticalPsfTo16Bit() throws Exception {
        Path image = Cli.syntheticImage(dir.resolve("image.tif"), IMAGE, BenchCommand.gaussianPsf(Shape.of(9, 9, 7)));
        Path out = dir.resolve("out16.tif");

        Cli r = Cli.run("deconvolve", image.toString(), "--theoretical", "--na", "1.3", "--model", "born-wolf",
                "--iterations", "2", "--threads", "1", "--16bit", "--scale", "2", "-o", out.toString()).assertOk();

        TiffStack result = TiffReader.read(out, 0, 0);
        assertEquals(16, result.bitDepth());
        assertEquals(IMAGE, result.volume().shape());
        assertEquals(2.0, result.scale16().getAsDouble(), 1e-9);
        assertTrue(r.lastLine().contains("16-bit, scale 2"), r.lastLine());
    }

    @Test
    void wienerWithVoxelSizeOverrideOnUncalibratedImage() throws Exception {
        Path image = Cli.imageJStack(dir.resolve("plain.tif"), 1, 6, false);
        Path out = dir.resolve("w.tif");

        Cli r = Cli.run("deconvolve", image.toString(), "--theoretical", "--voxel-size", "0.1,0.1,0.25",
                "--algorithm", "wiener", "-o", out.toString()).assertOk();

        TiffStack result = TiffReader.read(out, 0, 0);
        assertTrue(result.calibrated());
        assertEquals(0.25, result.volume().voxelSize().z(), 1e-9);
        assertTrue(r.lastLine().contains("one pass (wiener)"), r.lastLine());
    }
}
