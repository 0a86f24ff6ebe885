package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.io.TestTiff;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * Issue 15, item 8 and bar 3: the result does not depend on the offset or scale of the data.
 * Background-subtracted (negative) data, signed 16-bit data and data scaled by 1e-30 or 1e30 give
 * the result of the plain camera data (scaled back), within 1e-4 of its range.
 */
class IntensityInvarianceTest {
    @TempDir
    Path dir;

    private static final Shape SHAPE = Shape.of(36, 32, 10);

    private static Volume camera(Psf psf) {
        try (CpuBackend backend = new CpuBackend(2)) {
            return SyntheticStack.builder(SHAPE, Cli.VOXEL).seed(5).build(psf, backend).image();
        }
    }

    private static Volume deconvolve(Volume image, Psf psf, Background background) {
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink);
        DeconvolutionSettings s = DeconvolutionSettings.builder().iterations(8).background(background).build();
        try (CpuBackend backend = new CpuBackend(2)) {
            return DeconvolutionRun.run(s, backend, 2, image, psf, w, w, false).result().volume();
        }
    }

    private static Volume transformed(Volume v, double shift, double scale) {
        float[] d = v.data().clone();
        for (int i = 0; i < d.length; i++) d[i] = (float) ((d[i] + shift) * scale);
        return new Volume(v.shape(), v.voxelSize(), d);
    }

    private static void assertMatches(Volume expected, Volume actual, double scale, String what) {
        float[] e = expected.data();
        float[] a = actual.data();
        double range = expected.max() - expected.min();
        assertTrue(range > 0, "reference has signal");
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] / scale - e[i]));
        }
        assertTrue(worst <= 1e-4 * range, what + ": largest difference " + worst + " vs range " + range);
    }

    @Test
    void resultIsInvariantToOffsetAndScale() {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Volume raw = camera(psf);
        Volume reference = deconvolve(raw, psf, Background.auto());
        for (double shift : new double[] {-300, 1000}) {
            assertMatches(reference, deconvolve(transformed(raw, shift, 1), psf, Background.auto()), 1,
                    "shift " + shift);
        }
        for (double scale : new double[] {1e-30, 1e30}) {
            assertMatches(reference, deconvolve(transformed(raw, 0, scale), psf, Background.auto()), scale,
                    "scale " + scale);
        }
        assertMatches(reference, deconvolve(transformed(raw, -300, 1e-30), psf, Background.auto()), 1e-30,
                "shift -300 and scale 1e-30");
    }

    @Test
    void backgroundNoneMeansZeroInTheUsersUnits() {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Volume raw = camera(psf);
        // "none" is a background of 0 in the user's units: raw - 300 with none is raw with 300
        Volume reference = deconvolve(raw, psf, Background.fixed(300));
        assertMatches(reference, deconvolve(transformed(raw, -300, 1), psf, Background.none()), 1, "none = fixed 0");
        assertMatches(reference, deconvolve(transformed(raw, 1000, 1), psf, Background.fixed(1300)), 1,
                "data and background shifted together");
        Volume scaled = deconvolve(transformed(raw, 0, 1e30), psf, Background.fixed(100 * 1e30));
        assertMatches(deconvolve(raw, psf, Background.fixed(100)), scaled, 1e30, "fixed background scales with the data");
    }

    @Test
    void backgroundSubtractedFloatAndSigned16BitFilesAreDeconvolved() throws Exception {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Volume raw = camera(psf);
        Path psfFile = dir.resolve("psf.tif");
        TiffWriter.writeFloat(psf.volume(), psfFile);
        Path rawFile = dir.resolve("raw.tif");
        TiffWriter.writeFloat(raw, rawFile);
        Path subtracted = dir.resolve("minus300.tif");
        TiffWriter.writeFloat(transformed(raw, -300, 1), subtracted);
        Path signed = dir.resolve("signed.tif");
        TestTiff t = TestTiff.signed16(SHAPE.nx(), SHAPE.ny());
        int plane = SHAPE.nx() * SHAPE.ny();
        for (int z = 0; z < SHAPE.nz(); z++) {
            double[] p = new double[plane];
            for (int i = 0; i < plane; i++) p[i] = raw.data()[z * plane + i] - 300;
            t.plane(p);
        }
        t.write(signed);
        byte[] signedBytes = Files.readAllBytes(signed);

        Volume reference = run(rawFile, psfFile, "ref.tif");
        assertMatches(reference, run(subtracted, psfFile, "a.tif"), 1, "float raw - 300");
        assertMatches(reference, run(signed, psfFile, "b.tif"), 1, "signed 16-bit raw - 300");
        assertArrayEquals(signedBytes, Files.readAllBytes(signed), "input untouched");
    }

    private Volume run(Path image, Path psf, String out) throws Exception {
        Cli r = Cli.run("deconvolve", image.toString(), "--psf", psf.toString(), "--iterations", "8", "--threads", "2",
                "--voxel-size", "0.1,0.1,0.2", "-o", dir.resolve(out).toString()).assertOk();
        assertTrue(!r.lastLine().contains("background 0.0,") || image.endsWith("raw.tif"), r.lastLine());
        return TiffReader.read(dir.resolve(out), 0, 0).volume();
    }

    @Test
    void allZeroResultIsAnErrorNamingTheCause() throws Exception {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Path image = Cli.syntheticImage(dir.resolve("image.tif"), SHAPE, psf);
        Path psfFile = dir.resolve("psf.tif");
        TiffWriter.writeFloat(psf.volume(), psfFile);
        Path out = dir.resolve("out.tif");
        Cli.run("deconvolve", image.toString(), "--psf", psfFile.toString(), "--iterations", "2", "--threads", "1",
                "--background", "1e9", "-o", out.toString())
                .assertError(1, "the background 1.00000e+09 is at or above the data (min ");
        assertEquals(false, Files.exists(out), "nothing written");
    }
}
