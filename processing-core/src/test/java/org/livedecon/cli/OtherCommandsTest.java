package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.volume.Shape;

class OtherCommandsTest {
    @TempDir
    Path dir;

    @Test
    void psfCommandWritesCalibratedPsfSummingToOne() throws Exception {
        Path out = dir.resolve("psf.tif");

        Cli r = Cli.run("psf", "-o", out.toString(), "--size", "9x17x17", "--voxel-size", "0.1,0.1,0.3").assertOk();

        TiffStack psf = TiffReader.read(out, 0, 0);
        assertTrue(psf.calibrated());
        assertEquals(Shape.of(17, 17, 9), psf.volume().shape());
        assertEquals(0.3, psf.volume().voxelSize().z(), 1e-9);
        assertEquals(1.0, psf.volume().sum(), 1e-4);
        assertTrue(r.out.contains("sum 1.0000") && r.out.contains("9x17x17"), r.out);
    }

    @Test
    void objectivePresetSetsNaAndImmersionUnlessOverridden() throws Exception {
        Path out = dir.resolve("water.tif");
        Cli water = Cli.run("psf", "-o", out.toString(), "--size", "9x17x17", "--objective", "60x-1.20-water").assertOk();
        assertTrue(water.out.contains("NA 1.2") && water.out.contains("immersion 1.333"), water.out);
        Cli override = Cli.run("psf", "-o", out.toString(), "--size", "9x17x17", "--objective", "60x-1.20-water",
                "--na", "1.1", "--overwrite").assertOk();
        assertTrue(override.out.contains("NA 1.1") && override.out.contains("immersion 1.333"), override.out);
        Cli.run("psf", "-o", out.toString(), "--objective", "60x-oil")
                .assertError(2, "unknown objective '60x-oil': known presets are 100x-1.40-oil");
    }

    @Test
    void benchQuickPrintsThroughput() {
        Cli r = Cli.run("bench", "--quick", "--threads", "2").assertOk();

        assertTrue(r.out.contains("voxel-iterations/s"), r.out);
        assertTrue(r.out.contains("32x128x128"), r.out);
        assertTrue(r.out.contains("peak heap"), r.out);
        // the new FFT and the JTransforms reference timed in the same run
        assertTrue(r.out.contains("JTransforms RL s/it") && r.out.contains("FFT speed-up RL"), r.out);
        assertTrue(r.out.contains("cpu (livedecon FFT, 2 threads)") && r.out.contains("cpu (JTransforms, 2 threads)"), r.out);
    }

    @Test
    void helpAndVersionSucceed() {
        for (String cmd : new String[] {"deconvolve", "psf", "bench"}) {
            Cli r = Cli.run(cmd, "--help").assertOk();
            assertTrue(r.out.contains("Usage: livedecon " + cmd), r.out);
        }
        assertTrue(Cli.run("deconvolve", "--help").out.contains("µm"));
        assertTrue(Cli.run("--version").assertOk().out.startsWith("livedecon "));
    }
}
