package org.livedecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livedecon.core.io.TestTiff;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/** Issue 15, item 9: parameters that hung or crashed are refused up front; PSF pitfalls are warned about or fixed. */
class ParameterBoundsTest {
    @TempDir
    Path dir;

    @Test
    void wavelengthOutsideTheEmissionRangeIsRefusedAtOnce() {
        Cli.run("psf", "-o", dir.resolve("p.tif").toString(), "--wavelength", "5e-5")
                .assertError(2, "emission wavelength 5.0E-5 µm is not plausible: expected (0.2, 2.0] µm");
        Cli.run("psf", "-o", dir.resolve("p.tif").toString(), "--wavelength", "520")
                .assertError(2, "emission wavelength 520.0 µm is not plausible: give it in µm");
        assertFalse(Files.exists(dir.resolve("p.tif")));
    }

    @Test
    void absurdVoxelSizesAreRefused() throws Exception {
        Path image = Cli.imageJStack(dir.resolve("img.tif"), 1, 6, false);
        Cli.run("deconvolve", image.toString(), "--theoretical", "--voxel-size", "1e-300,1e-300,1e-300",
                "-o", dir.resolve("a.tif").toString()).assertError(2, "voxel size 1e-300 µm is outside 0.001 to 1000.0 µm");
        Cli.run("deconvolve", image.toString(), "--theoretical", "--voxel-size", "0.1,0.1,1e300",
                "-o", dir.resolve("b.tif").toString()).assertError(2, "voxel size 1e300 µm is outside");
    }

    @Test
    void twoDimensionalPsfForAStackIsRefused() throws Exception {
        Path image = Cli.syntheticImage(dir.resolve("img.tif"), Shape.of(24, 20, 8), BenchCommand.gaussianPsf(Shape.of(9, 9, 7)));
        Path psf2d = dir.resolve("psf2d.tif");
        TiffWriter.writeFloat(BenchCommand.gaussianPsf(Shape.of(9, 9, 1)).volume(), psf2d);
        Cli.run("deconvolve", image.toString(), "--psf", psf2d.toString(), "--psf-voxel-size", "0.1,0.1,0.2",
                "-o", dir.resolve("o.tif").toString()).assertError(2, "is 2D (1x9x9, z,y,x) but the image has 8 planes: a 3D image needs a 3D PSF");
    }

    @Test
    void sixteenBitPsfWithCameraOffsetIsWarnedAbout() throws Exception {
        Psf gauss = BenchCommand.gaussianPsf(Shape.of(9, 9, 7));
        Path image = Cli.syntheticImage(dir.resolve("img.tif"), Shape.of(24, 20, 8), gauss);
        Volume v = gauss.volume();
        double peak = v.max();
        TestTiff t = TestTiff.unsigned16(v.nx(), v.ny());
        int plane = v.nx() * v.ny();
        for (int z = 0; z < v.nz(); z++) {
            double[] p = new double[plane];
            for (int i = 0; i < plane; i++) p[i] = 100 + 4000 * v.data()[z * plane + i] / peak;
            t.plane(p);
        }
        Path psf = dir.resolve("psf16.tif");
        t.write(psf);
        Cli r = Cli.run("deconvolve", image.toString(), "--psf", psf.toString(), "--psf-voxel-size", "0.1,0.1,0.2",
                "--iterations", "2", "--threads", "1", "-o", dir.resolve("o.tif").toString()).assertOk();
        assertTrue(r.out.contains("warning: the PSF's border median is 100.0") && r.out.contains("--psf-background auto"),
                r.out);
        Cli quiet = Cli.run("deconvolve", image.toString(), "--psf", psf.toString(), "--psf-voxel-size", "0.1,0.1,0.2",
                "--psf-background", "auto", "--iterations", "2", "--threads", "1", "-o", dir.resolve("p.tif").toString())
                .assertOk();
        assertFalse(quiet.out.contains("warning: the PSF"), quiet.out);
    }
}
