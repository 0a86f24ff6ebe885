package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ShortProcessor;

import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

/** Runs the command line in-process with captured output, and writes test inputs. */
final class Cli {
    static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.1, 0.2);

    final int code;
    final String out;
    final String err;

    private Cli(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Asserts success and no error output beyond progress lines. */
    Cli assertOk() {
        assertEquals(0, code, "exit code; out:\n" + out + "\nerr:\n" + err);
        assertFalse(err.contains("error:"), err);
        assertNoStackTrace();
        return this;
    }

    /** Asserts one "error: " line on stderr containing {@code text}, the exit code and no stack trace. */
    Cli assertError(int expectedCode, String text) {
        assertEquals(expectedCode, code, "exit code; err:\n" + err);
        String e = err.trim();
        assertTrue(e.startsWith("error: "), "stderr should start with 'error: ' but is:\n" + err);
        assertFalse(e.contains("\n"), "stderr should be one line but is:\n" + err);
        assertTrue(e.contains(text), "stderr should contain '" + text + "' but is:\n" + err);
        assertNoStackTrace();
        return this;
    }

    private void assertNoStackTrace() {
        assertFalse(err.contains("at org.") || err.contains("at java.") || err.contains("Exception in"),
                "stack trace in stderr:\n" + err);
    }

    /** The last non-empty line of stdout. */
    String lastLine() {
        String[] lines = out.trim().split("\\r?\\n");
        return lines[lines.length - 1];
    }

    // ---- inputs ----

    /** A calibrated synthetic float stack (blurred by {@code psf}) written to {@code file}. */
    static Path syntheticImage(Path file, Shape shape, Psf psf) throws Exception {
        try (CpuBackend backend = new CpuBackend(2)) {
            Volume image = SyntheticStack.builder(shape, VOXEL).seed(3).build(psf, backend).image();
            TiffWriter.writeFloat(image, file);
        }
        return file;
    }

    static Path floatStack(Path file, Shape shape, float value, int nanAt) throws Exception {
        float[] d = new float[shape.voxels()];
        java.util.Arrays.fill(d, value);
        if (nanAt >= 0) d[nanAt] = Float.NaN;
        TiffWriter.writeFloat(new Volume(shape, VOXEL, d), file);
        return file;
    }

    /**
     * A 16-bit stack saved by ImageJ: {@code channels} channels of {@code slices} planes,
     * calibrated in µm or not at all.
     */
    static Path imageJStack(Path file, int channels, int slices, boolean calibrated) {
        System.setProperty("java.awt.headless", "true");
        int nx = 24, ny = 20;
        ImageStack stack = new ImageStack(nx, ny);
        for (int p = 0; p < channels * slices; p++) {
            ShortProcessor ip = new ShortProcessor(nx, ny);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) ip.putPixelValue(x, y, 100 + (x * y + p) % 50);
            }
            stack.addSlice(null, ip);
        }
        ImagePlus imp = new ImagePlus("test", stack);
        imp.setDimensions(channels, slices, 1);
        if (channels > 1) imp.setOpenAsHyperStack(true);
        if (calibrated) {
            Calibration cal = imp.getCalibration();
            cal.setUnit("micron");
            cal.pixelWidth = 0.1;
            cal.pixelHeight = 0.1;
            cal.pixelDepth = 0.2;
        }
        if (!new FileSaver(imp).saveAsTiffStack(file.toString())) {
            throw new IllegalStateException("ImageJ could not save " + file);
        }
        return file;
    }
}
