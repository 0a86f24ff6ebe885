package org.livedecon.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.livedecon.core.calibration.PsfMeasures;
import org.livedecon.core.io.OutputSafety;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.VoxelSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code livedecon psf}: writes a theoretical PSF. */
@Command(name = "psf", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Computes a theoretical widefield PSF and writes it as a 32-bit float TIFF with its voxel size (µm), "
                    + "normalised to sum 1 with the peak at the centre voxel.",
            "Prints its shape, sum and FWHM along x, y and z (µm)."
        })
final class PsfCommand extends CliCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "PSF.tif", required = true, description = "Output TIFF.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Option(names = "--voxel-size", paramLabel = "X,Y,Z", defaultValue = "0.1,0.1,0.2",
            converter = Converters.VoxelSizeConverter.class,
            description = "Voxel size in µm (x, y, z step; default: ${DEFAULT-VALUE}).")
    VoxelSize voxelSize;

    @Option(names = "--size", paramLabel = "ZxYxX", converter = Converters.ShapeConverter.class,
            description = "PSF size in voxels, z x y x x, odd sizes keep the peak in the middle "
                    + "(default: suggested by the model for the optics and voxel size).")
    Shape size;

    @Mixin
    OpticsOptions optics;

    @Override
    protected int run() throws Exception {
        optics.optics(); // bad optics options are reported before the output
        checkOutputs(OutputSafety.check().output("output", output).overwrite(overwrite, "--overwrite"), output);
        Psf psf = optics.generate(size, voxelSize);
        TiffWriter.writeFloat(psf.volume(), output);
        out().println(String.format(Locale.ROOT,
                "wrote %s: %s PSF (%s), shape %s (z,y,x) at %s, sum %.6f, FWHM x %.3f y %.3f z %.3f µm",
                output, Converters.modelName(optics.model), optics, psf.shape(), psf.voxelSize(), psf.volume().sum(),
                fwhm(psf, 0), fwhm(psf, 1), fwhm(psf, 2)));
        return 0;
    }

    /** FWHM through the centre voxel, where a theoretical PSF has its focus. */
    private static double fwhm(Psf psf, int axis) {
        return PsfMeasures.fwhmUm(psf.volume(), axis, PsfMeasures.centreVoxel(psf.volume()));
    }
}
