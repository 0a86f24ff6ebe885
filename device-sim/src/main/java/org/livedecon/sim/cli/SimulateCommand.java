package org.livedecon.sim.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.livedecon.cli.CliCommand;
import org.livedecon.core.io.OutputSafety;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.sim.SimulatedMicroscope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code livedecon simulate}: acquire a stack on the simulated microscope and write it with its truth and PSF. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Acquires a z-stack on the simulated microscope (sample, optics, camera noise, focus drive) through the "
                    + "acquisition runner and writes, as calibrated TIFFs (voxel size in µm):",
            "  stack.tif (the camera planes, 16-bit ADU, or 8-bit), truth.tif (the sample in photons/s per voxel over "
                    + "its own depth, 32-bit), psf.tif (the PSF the simulator imaged with, sum 1, 32-bit).",
            "The stack is centred on the sample; beads default to a 1 µm layer, as on a bead slide."
        })
public final class SimulateCommand extends CliCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "livedecon-sim",
            description = "Output directory, created if missing (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--overwrite", description = "Replace the files of an earlier run in the output directory.")
    boolean overwrite;

    @Mixin
    SimulationOptions sim;

    @Override
    protected int run() throws Exception {
        Shape shape = sim.stackShape();
        // before any work, and before making the folder: a clash leaves nothing behind
        checkOutputs(OutputSafety.check().input("sample", sim.sampleFile()).output("stack.tif", dir.resolve("stack.tif")).output("truth.tif", dir.resolve("truth.tif")).output("psf.tif", dir.resolve("psf.tif"))
                .overwrite(overwrite, "--overwrite"));
        Files.createDirectories(dir);
        out().println("simulate: " + sim);
        SimulatedMicroscope scope = sim.microscope();
        Volume stack = StackAcquisition.acquire(scope, sim.firstFocusUm(), shape.nz(), sim.exposureMs);
        // the camera's integers are stored as they are: 16-bit with scale 1 (8-bit data fit too)
        TiffWriter.write16(stack, dir.resolve("stack.tif"), 1.0);
        TiffWriter.writeFloat(scope.truth(), dir.resolve("truth.tif"));
        TiffWriter.writeFloat(scope.psf().volume(), dir.resolve("psf.tif"));
        out().println("wrote " + dir.resolve("stack.tif") + " (" + shape + " (z,y,x), 16-bit ADU), "
                + dir.resolve("truth.tif") + ", " + dir.resolve("psf.tif") + " (" + scope.psf().shape() + ") at "
                + stack.voxelSize());
        return 0;
    }
}
