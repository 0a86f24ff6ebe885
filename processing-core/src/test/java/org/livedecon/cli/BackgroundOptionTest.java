package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/** {@code --background dark:FILE}: the offset measured on dark frames is used and printed; auto says how it was found. */
class BackgroundOptionTest {
    @TempDir
    Path dir;

    @Test
    void darkFrameStackGivesTheBackgroundAndTheLogSaysSo() throws Exception {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Path image = Cli.syntheticImage(dir.resolve("image.tif"), Shape.of(40, 36, 12), psf);
        Path psfFile = dir.resolve("psf.tif");
        TiffWriter.writeFloat(psf.volume(), psfFile);
        Random r = new Random(5);
        float[] d = new float[32 * 32 * 10];
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.rint(97.5 + 2 * r.nextGaussian());
        Path dark = dir.resolve("dark.tif");
        TiffWriter.writeFloat(new Volume(Shape.of(32, 32, 10), Cli.VOXEL, d), dark);

        Cli m = Cli.run("deconvolve", image.toString(), "--psf", psfFile.toString(), "--iterations", "2", "--threads", "2",
                "--background", "dark:" + dark, "-o", dir.resolve("out.tif").toString()).assertOk();
        assertTrue(m.out.contains("background: measured camera offset 97.4") || m.out.contains("background: measured camera offset 97.5"), m.out);
        assertTrue(m.out.contains("10 frames, read noise 2.0"), m.out);
        assertTrue(m.lastLine().contains("background 97.5"), m.lastLine());

        Cli a = Cli.run("deconvolve", image.toString(), "--psf", psfFile.toString(), "--iterations", "2", "--threads", "2",
                "-o", dir.resolve("auto.tif").toString()).assertOk();
        assertTrue(a.out.contains("background: auto ") && a.out.contains("darkest"), a.out);

        Cli w = Cli.run("deconvolve", image.toString(), "--psf", psfFile.toString(), "--algorithm", "wiener", "--threads",
                "2", "-o", dir.resolve("wiener.tif").toString()).assertOk();
        assertTrue(w.out.contains("lambda: ") && w.out.contains("generalized cross-validation"), w.out);
        assertTrue(w.out.contains("settings: algorithm=wiener lambda="), w.out);

        Cli missing = Cli.run("deconvolve", image.toString(), "--psf", psfFile.toString(), "--background",
                "dark:" + dir.resolve("nope.tif"), "-o", dir.resolve("x.tif").toString());
        assertEquals(2, missing.code, missing.err);
        assertTrue(missing.err.contains("dark:") && missing.err.contains("no such file"), missing.err);
    }
}
