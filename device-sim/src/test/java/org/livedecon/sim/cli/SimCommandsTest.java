package org.livedecon.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.cli.Main;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.volume.Shape;

/** The simulator's commands through the real command line, found by ServiceLoader like in the jar. */
class SimCommandsTest {
    @TempDir
    Path dir;

    private static String[] run(int expectedCode, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
        assertEquals(expectedCode, code, "out:\n" + out + "\nerr:\n" + err);
        assertFalse(err.toString().contains("\tat org."), "no stack trace: " + err);
        return new String[] {out.toString(), err.toString()};
    }

    /**
     * A bead layer (1 µm, 5 planes) is thinner than the stack: the demo and bench-wb compare the
     * result with the truth on the stack's own planes (both used to stop with an internal error).
     */
    @Test
    void demoAndBenchWbScoreABeadLayerThinnerThanTheStack() throws Exception {
        Path out = dir.resolve("demo-beads");
        String[] r = run(0, "demo", "-o", out.toString(), "--sample", "beads", "--size", "12x64x64", "--threads", "2");
        TiffStack truth = TiffReader.read(out.resolve("truth.tif"), 0, 0);
        assertEquals(Shape.of(64, 64, 12), truth.volume().shape(), "truth on the stack's planes");
        float[] t = truth.volume().data();
        int plane = 64 * 64;
        double first = 0, middle = 0;
        for (int i = 0; i < plane; i++) {
            first += t[i];
            middle += t[6 * plane + i];
        }
        // stack centred on the layer: its first plane (1.1 µm from the layer's centre) images no bead
        assertEquals(0.0, first, 0.0, "first plane beyond the bead layer");
        assertTrue(middle > 0, "the beads lie in the middle planes");
        Matcher m = Pattern.compile("vs truth: NRMSE raw - background ([0-9.]+), deconvolved ([0-9.]+)").matcher(r[0]);
        assertTrue(m.find(), r[0]);
        assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)), m.group());

        r = run(0, "bench-wb", "--sample", "beads", "--size", "12x64x64", "--threads", "2", "--wb-iterations", "1",
                "--accel-iterations", "2");
        m = Pattern.compile("rl-accel\\s+2\\s+iterations\\s+([0-9.]+)").matcher(r[0]);
        assertTrue(m.find(), r[0]);
        assertTrue(r[0].contains("rl-wb stop"), r[0]);
        // as the command line and the live engine run it: normalised, automatic background
        r = run(0, "bench-wb", "--sample", "beads", "--size", "12x64x64", "--threads", "2", "--wb-iterations", "1",
                "--accel-iterations", "2", "--as-users");
        assertTrue(r[0].contains("as users: data shifted by"), r[0]);
        assertTrue(Pattern.compile("rl-accel\\s+2\\s+iterations\\s+([0-9.]+)").matcher(r[0]).find(), r[0]);
        // an empty list skips accelerated RL, as the help says; a word is refused naming it
        r = run(0, "bench-wb", "--size", "8x32x32", "--threads", "2", "--wb-iterations", "1", "--accel-iterations", "");
        assertFalse(r[0].contains("rl-accel "), r[0]);
        r = run(2, "bench-wb", "--size", "8x32x32", "--accel-iterations", "ten");
        assertTrue(r[1].contains("--accel-iterations: 'ten' is not a whole number"), r[1]);
    }

    @Test
    void demoAcquiresOnTheSimulatorAndImprovesOnTheRawStack() throws Exception {
        Path out = dir.resolve("demo");
        String[] r = run(0, "demo", "-o", out.toString(), "--size", "12x64x64", "--threads", "2");
        for (String f : new String[] {"raw.tif", "deconvolved.tif", "truth.tif", "psf.tif", "preview.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing; out:\n" + r[0]);
        }
        TiffStack raw = TiffReader.read(out.resolve("raw.tif"), 0, 0);
        assertEquals(Shape.of(64, 64, 12), raw.volume().shape());
        assertEquals(0.2, raw.volume().voxelSize().z(), 1e-9);
        assertTrue(raw.volume().min() >= 90, "camera offset 100 with read noise: raw min " + raw.volume().min());
        // truth | raw | deconvolved
        assertEquals(3 * 64 + 32, ImageIO.read(out.resolve("preview.png").toFile()).getWidth());
        Matcher m = Pattern.compile("vs truth: NRMSE raw - background ([0-9.]+), deconvolved ([0-9.]+) \\(at 1-voxel "
                + "resolution ([0-9.]+), ([0-9.]+)\\); flux kept ([0-9.]+) %; zeros ([0-9.]+) % \\(truth ([0-9.]+) %\\)")
                .matcher(r[0]);
        assertTrue(m.find(), r[0]);
        double before = Double.parseDouble(m.group(3)), after = Double.parseDouble(m.group(4));
        assertTrue(after < 0.8 * before, "deconvolution should bring the stack closer to the truth: " + m.group());
        // flux and zeros are held to the truth on larger stacks (DefaultsKeepDimStructureTest): this
        // 6.4 µm field is filled by the cell and its blur, so no region is dark and auto b sits above the offset
        assertTrue(Double.parseDouble(m.group(5)) > 0 && Double.parseDouble(m.group(7)) > 0, m.group());
    }

    @Test
    void simulateWritesStackTruthAndPsfWithCalibration() throws Exception {
        Path out = dir.resolve("sim");
        run(0, "simulate", "-o", out.toString(), "--sample", "beads", "--size", "8x48x40", "--pixel-size", "0.065",
                "--z-step", "0.25", "--bit-depth", "12", "--seed", "3");
        TiffStack stack = TiffReader.read(out.resolve("stack.tif"), 0, 0);
        assertEquals(Shape.of(40, 48, 8), stack.volume().shape());
        assertEquals(0.065, stack.volume().voxelSize().x(), 1e-9);
        assertEquals(0.25, stack.volume().voxelSize().z(), 1e-9);
        assertTrue(stack.volume().max() <= 4095, "12-bit camera clips at 4095");
        TiffStack truth = TiffReader.read(out.resolve("truth.tif"), 0, 0);
        // beads lie in a 1 µm layer (4 planes of 0.25 µm) that the 8-plane stack is centred on
        assertEquals(Shape.of(40, 48, 4), truth.volume().shape());
        assertTrue(truth.volume().sum() > 0, "beads in the truth");
        assertEquals(1.0, TiffReader.read(out.resolve("psf.tif"), 0, 0).volume().sum(), 1e-3);
        // the same seed gives the same stack
        Path again = dir.resolve("again");
        run(0, "simulate", "-o", again.toString(), "--sample", "beads", "--size", "8x48x40", "--pixel-size", "0.065",
                "--z-step", "0.25", "--bit-depth", "12", "--seed", "3");
        assertTrue(java.util.Arrays.equals(stack.volume().data(),
                TiffReader.read(again.resolve("stack.tif"), 0, 0).volume().data()), "same seed, same planes");
    }

    @Test
    void beadStackToLibraryPsfToDeconvolution() throws Exception {
        Path out = dir.resolve("beads");
        String old = System.getProperty("livedecon.psfLibrary");
        System.setProperty("livedecon.psfLibrary", dir.resolve("lib").toString());
        try {
            run(0, "simulate", "-o", out.toString(), "--sample", "beads", "--beads", "14", "--size", "61x256x256",
                    "--pixel-size", "0.065", "--z-step", "0.1", "--seed", "5");
            String[] r = run(0, "psf-from-beads", out.resolve("stack.tif").toString(), "--model", "born-wolf",
                    "-o", out.resolve("measured.tif").toString(), "--save-as", "sim-beads");
            Matcher used = Pattern.compile("beads: (\\d+) used").matcher(r[0]);
            assertTrue(used.find() && Integer.parseInt(used.group(1)) >= 3, r[0]);
            Matcher ratio = Pattern.compile("ratio ([0-9.]+) ([0-9.]+) ([0-9.]+)").matcher(r[0]);
            assertTrue(ratio.find(), r[0]);
            for (int a = 1; a <= 3; a++) {
                double q = Double.parseDouble(ratio.group(a));
                assertTrue(q > 0.9 && q < 1.15, "FWHM ratio to the simulator's (Born-Wolf) theory: " + ratio.group());
            }
            for (String f : new String[] {"measured.tif", "measured.json", "measured-report.json", "measured-report.png"}) {
                assertTrue(Files.isRegularFile(out.resolve(f)), f);
            }
            assertTrue(run(0, "psf-library")[0].contains("sim-beads: "), "listed");
            // --device cpu: OpenCL has its own tests in processing-core; this fork stays free of native code
            r = run(0, "deconvolve", out.resolve("stack.tif").toString(), "--psf", "library:sim-beads", "--iterations", "3",
                    "--device", "cpu", "-o", out.resolve("decon.tif").toString());
            assertTrue(r[0].contains("psf: PSF sim-beads.tif"), r[0]);
            r = run(1, "deconvolve", out.resolve("stack.tif").toString(), "--psf", "library:nothing", "--device", "cpu",
                    "-o", out.resolve("x.tif").toString());
            assertTrue(r[1].startsWith("error: no PSF named 'nothing' in the PSF library") && r[1].contains("[sim-beads]"), r[1]);
        } finally {
            if (old == null) System.clearProperty("livedecon.psfLibrary");
            else System.setProperty("livedecon.psfLibrary", old);
        }
    }

    @Test
    void simulateNeverReplacesFilesUnlessAskedAndNeverItsSample() throws Exception {
        Path out = dir.resolve("sim");
        run(0, "simulate", "-o", out.toString(), "--sample", "beads", "--size", "6x32x32");
        byte[] stack = Files.readAllBytes(out.resolve("stack.tif"));
        String[] r = run(2, "simulate", "-o", out.toString(), "--sample", "beads", "--size", "6x32x32", "--seed", "9");
        assertTrue(r[1].contains("stack.tif " + out.resolve("stack.tif") + " already exists: add --overwrite"), r[1]);
        assertTrue(java.util.Arrays.equals(stack, Files.readAllBytes(out.resolve("stack.tif"))), "untouched");
        // the sample file is an input: writing truth.tif over it is refused even with --overwrite
        Path sample = out.resolve("truth.tif");
        byte[] truth = Files.readAllBytes(sample);
        r = run(2, "simulate", "-o", out.toString(), "--sample", sample.toString(), "--size", "6x32x32", "--overwrite");
        assertTrue(r[1].contains("truth.tif " + sample + " is the sample " + sample), r[1]);
        assertTrue(java.util.Arrays.equals(truth, Files.readAllBytes(sample)), "sample untouched");
        run(0, "simulate", "-o", out.toString(), "--sample", "beads", "--size", "6x32x32", "--seed", "9", "--overwrite");
        assertFalse(java.util.Arrays.equals(stack, Files.readAllBytes(out.resolve("stack.tif"))), "replaced when asked");
    }

    @Test
    void badSimulationArgumentsGiveOneClearLine() {
        String[] r = run(2, "simulate", "-o", dir.toString(), "--size", "8x48");
        assertTrue(r[1].startsWith("error: --size must be ZxYxX"), r[1]);
        r = run(2, "simulate", "-o", dir.toString(), "--sample", "nosuch.tif");
        assertTrue(r[1].contains("--sample must be cell, beads or an existing TIFF file, got 'nosuch.tif'"), r[1]);
        r = run(2, "demo", "-o", dir.toString(), "--aberration", "1.33");
        assertTrue(r[1].contains("--aberration must be"), r[1]);
    }
}
