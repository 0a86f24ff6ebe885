package org.livedecon.cli;

import java.nio.file.Path;
import java.util.Locale;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.backend.opencl.Backends;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.JitWarmUp;
import org.livedecon.core.io.OutputSafety;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.PsfOptions;
import org.livedecon.core.psf.PsfPreparer;
import org.livedecon.core.psf.source.PsfSource;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livedecon deconvolve}: one TIFF stack in, one deconvolved TIFF stack out. */
@Command(name = "deconvolve", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Deconvolves one channel and time point of a 3D TIFF stack (z-y-x; 8-bit, 16-bit or 32-bit float) "
                    + "with a measured PSF (--psf) or a theoretical one (--theoretical).",
            "The PSF is background-corrected, normalised, centred and resampled to the image voxel size.",
            "Prints the settings, the version and the plan (FFT grid, memory estimate) first, shows progress on "
                    + "stderr, and ends with one summary line on stdout. The output keeps the voxel size (µm)."
        },
        footer = {"", "The optics options (--na ... --model) apply only with --theoretical.",
            "Example: livedecon deconvolve cells.tif --psf beads-psf.tif --iterations 30 -o cells-decon.tif"})
final class DeconvolveCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "IMAGE.tif", description = "The stack to deconvolve (TIFF, ImageJ hyperstacks accepted).")
    Path image;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.tif", required = true,
            description = "Output TIFF (32-bit float unless --16bit), with the image's voxel size.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output file if it exists (it is never an input).")
    boolean overwrite;

    @Option(names = "--psf", paramLabel = "PSF.tif|library:NAME",
            description = "Measured or computed PSF stack (3D TIFF, any size, its own voxel size), or a PSF saved in "
                    + "the PSF library by name (library:NAME; see 'livedecon psf-library').")
    String psfFile;

    @Option(names = "--theoretical",
            description = "Use a theoretical PSF computed from the optics options below, at the image voxel size.")
    boolean theoretical;

    @Option(names = "--channel", paramLabel = "N", defaultValue = "0",
            description = "Channel to read, 1-based; required when the file has several channels.")
    int channel;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "0",
            description = "Time point to read, 1-based; required when the file has several time points.")
    int frame;

    @Option(names = "--voxel-size", paramLabel = "X,Y,Z", converter = Converters.VoxelSizeConverter.class,
            description = "Image voxel size in µm (pixel width, height, z step), e.g. 0.1,0.1,0.2. "
                    + "Overrides the file's calibration; required when the file has none.")
    VoxelSize voxelSize;

    @Option(names = "--psf-voxel-size", paramLabel = "X,Y,Z", converter = Converters.VoxelSizeConverter.class,
            description = "PSF voxel size in µm; overrides the PSF file's calibration; required when it has none.")
    VoxelSize psfVoxelSize;

    @Option(names = "--psf-background", paramLabel = "none|auto|VALUE", defaultValue = "none",
            description = "Background subtracted from the PSF file before normalising: none (default), auto "
                    + "(median of its border voxels) or a value in the PSF file's units.")
    String psfBackground;

    @Mixin
    DeconvolutionOptions deconvolution;

    @Option(names = "--16bit", description = "Write 16-bit unsigned integers, stored = round(value × scale), "
            + "instead of 32-bit float; the scale is recorded in the file.")
    boolean sixteenBit;

    @Option(names = "--scale", paramLabel = "S",
            description = "Scale for --16bit (default: automatic, maps the maximum to 65000).")
    Double scale;

    @Mixin
    OpticsOptions optics;

    @Override
    protected int run() throws Exception {
        DeconvolutionSettings settings = checkArguments();
        int threads = deconvolution.threads();
        Path psfPath = psfFile != null ? psfPath(psfFile) : null;
        checkOutputs(OutputSafety.check().input("input image", image).input("PSF", psfPath)
                .output("output", output).overwrite(overwrite, "--overwrite"), output);

        // the backend first, so that on the CPU the JIT warm-up (see JitWarmUp) overlaps the reading
        // of the files; its lines are printed where they always were, after the image and the PSF
        final java.util.List<String> backendLines = new java.util.ArrayList<String>();
        try (Backend backend = Backends.create(deconvolution.device, threads, backendLines::add)) {
            JitWarmUp warmUp = backend instanceof CpuBackend && JitWarmUp.enabled()
                    ? JitWarmUp.start(settings, threads) : null;
            try {
                deconvolve(settings, threads, psfPath, backend, backendLines, warmUp);
            } finally {
                if (warmUp != null) warmUp.stop();
            }
        }
        return 0;
    }

    private void deconvolve(DeconvolutionSettings settings, int threads, Path psfPath, Backend backend,
                            java.util.List<String> backendLines, JitWarmUp warmUp) throws Exception {
        TiffStack stack = TiffReader.read(image, channel, frame);
        Volume volume = stack.volume();
        if (voxelSize != null) {
            volume = volume.withVoxelSize(voxelSize);
        } else if (!stack.calibrated()) {
            throw usage("image " + image + " has no voxel size calibration (µm): give it with --voxel-size X,Y,Z, "
                    + "e.g. --voxel-size 0.1,0.1,0.2");
        }
        Converters.checkVoxelSize("image " + image, volume.voxelSize(), "--voxel-size X,Y,Z");
        out().println("image: " + stack + (voxelSize != null ? ", voxel size set to " + voxelSize : ""));

        Psf psf = psf(psfPath, volume);
        out().println("psf: " + psf);
        for (String line : backendLines) out().println(line);
        out().flush();

        stack = null; // the run may overwrite the image's voxels; only the result is written
        DeconvolutionRun run = DeconvolutionRun.run(settings, backend, threads, volume, psf, out(), err(), terminal(),
                true, warmUp == null ? null : warmUp::await);
        volume = null;
        Volume result = run.result().volume();
        String format;
        if (sixteenBit) {
            double s = scale != null ? scale : TiffWriter.autoScale16(result);
            TiffWriter.write16(result, output, s);
            format = String.format(Locale.ROOT, "16-bit, scale %.6g", s);
        } else {
            TiffWriter.writeFloat(result, output);
            format = "32-bit float";
        }
        out().println(Reports.summary(output, format, run.result(), run.peakHeapMiB()));
    }

    private DeconvolutionSettings checkArguments() {
        if (psfFile == null && !theoretical) {
            throw usage("no PSF: give a PSF file with --psf PSF.tif, or use --theoretical");
        }
        if (psfFile != null && theoretical) {
            throw usage("--psf and --theoretical exclude each other: choose one");
        }
        if (psfFile != null) {
            for (String name : OpticsOptions.NAMES) {
                if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                    throw usage(name + " is used only with --theoretical, not with --psf");
                }
            }
        } else if (psfVoxelSize != null || spec.commandLine().getParseResult().hasMatchedOption("--psf-background")) {
            throw usage("--psf-voxel-size and --psf-background apply only to a PSF file (--psf)");
        }
        if (channel < 0 || frame < 0) {
            throw usage("--channel and --frame are 1-based, got " + (channel < 0 ? channel : frame));
        }
        if (scale != null && !sixteenBit) {
            throw usage("--scale applies only with --16bit");
        }
        if (scale != null && (!(scale > 0) || Double.isInfinite(scale))) {
            throw usage("--scale must be a finite number > 0, got " + scale);
        }
        psfOptions(null); // validates --psf-background before any work
        return deconvolution.settings();
    }

    private Psf psf(Path file, Volume image) throws Exception {
        VoxelSize target = image.voxelSize();
        if (theoretical) {
            return optics.generate(null, target);
        }
        Path name = file.getFileName();
        PsfSource source = PsfSource.file(file, name == null ? psfFile : name.toString()).withVoxelSize(psfVoxelSize)
                .withCalibrationHint("give it with --psf-voxel-size X,Y,Z")
                .withCheck((raw, v) -> {
                    Converters.checkVoxelSize("PSF " + psfFile, v.voxelSize(), "--psf-voxel-size X,Y,Z");
                    if (v.nz() == 1 && image.nz() > 1) {
                        throw usage("PSF " + psfFile + " is 2D (" + v.shape() + ", z,y,x) but the image has " + image.nz()
                                + " planes: a 3D image needs a 3D PSF (a z-stack through the bead or a theoretical one, --theoretical)");
                    }
                    warnOffset(raw, v);
                });
        PsfOptions options = psfOptions(target);
        try {
            return source.at(target, options);
        } catch (PsfSource.NoCalibrationException e) {
            throw usage(e.getMessage());
        }
    }

    /**
     * An integer PSF (a camera's counts) under the default --psf-background none, whose border
     * lies well above 0, carries a camera offset that then counts as PSF: warn (a 16-bit PSF with
     * offset 100 gave a result 77.5 % off).
     */
    private void warnOffset(TiffStack raw, Volume v) {
        if (raw.bitDepth() == 32 || spec.commandLine().getParseResult().hasMatchedOption("--psf-background")) return;
        double border = PsfPreparer.estimateBackground(v);
        double peak = v.max();
        if (peak > 0 && border > 0.02 * peak) {
            out().println(String.format(Locale.ROOT, "warning: the PSF's border median is %.4g, %.1f %% of its peak %.4g:"
                    + " it looks like a camera offset, which would count as PSF light; add --psf-background auto "
                    + "(or the offset value) to remove it", border, 100 * border / peak, peak));
        }
    }

    /** A file path, or the TIFF of a library entry for {@code library:NAME}. */
    static Path psfPath(String arg) throws java.io.IOException {
        if (arg.startsWith(PsfLibrary.PREFIX)) {
            String name = arg.substring(PsfLibrary.PREFIX.length());
            try {
                return PsfLibrary.standard().file(name);
            } catch (IllegalArgumentException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        }
        try {
            return java.nio.file.Paths.get(arg);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliException(CliException.USAGE, "--psf '" + arg + "' is not a valid file name: " + e.getReason());
        }
    }

    private PsfOptions psfOptions(VoxelSize target) {
        PsfOptions.Builder b = PsfOptions.builder().targetVoxelSize(target);
        String t = psfBackground.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            b.backgroundNone();
        } else if (t.equals("auto")) {
            b.backgroundAuto();
        } else {
            double value;
            try {
                value = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw usage("--psf-background must be none, auto or a number >= 0, got '" + psfBackground + "'");
            }
            b.backgroundFixed(value);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage("--psf-background: " + e.getMessage());
        }
    }
}
