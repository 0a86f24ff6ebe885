package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;

/** {@code --device} and {@code devices}: an unusable device falls back to the CPU with a reason. */
class DeviceOptionTest {
    @TempDir
    Path dir;

    @Test
    void unknownDeviceFallsBackToCpuAndSaysWhy() throws Exception {
        Psf psf = BenchCommand.gaussianPsf(Shape.of(7, 7, 5));
        Path image = Cli.syntheticImage(dir.resolve("image.tif"), Shape.of(24, 20, 8), psf);
        Path psfFile = dir.resolve("psf.tif");
        TiffWriter.writeFloat(psf.volume(), psfFile);
        Path out = dir.resolve("out.tif");

        Cli r = Cli.run("deconvolve", image.toString(), "--psf", psfFile.toString(), "--iterations", "2",
                "--threads", "2", "--device", "no-such-device-zz9", "-o", out.toString()).assertOk();

        assertTrue(Files.isRegularFile(out));
        assertTrue(r.out.contains("using the CPU backend"), r.out);
        assertTrue(r.out.contains("backend: cpu"), r.out);
        assertTrue(r.out.contains("memory per padded voxel"), r.out);
    }

    @Test
    void devicesListsDevicesOrSaysWhyNot() {
        Cli r = Cli.run("devices").assertOk();
        assertTrue(r.out.contains("cpu: Java CPU backend"), r.out);
        assertTrue(r.out.contains("no OpenCL platform") || r.out.contains("global memory"), r.out);
    }
}
