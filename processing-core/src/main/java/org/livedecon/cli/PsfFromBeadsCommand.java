package org.livedecon.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.livedecon.core.calibration.CalibrationException;
import org.livedecon.core.calibration.ExtractionResult;
import org.livedecon.core.calibration.ExtractionSettings;
import org.livedecon.core.calibration.PsfExtractor;
import org.livedecon.core.calibration.PsfReportPng;
import org.livedecon.core.calibration.QualityReport;
import org.livedecon.core.calibration.RejectionReason;
import org.livedecon.core.io.OutputException;
import org.livedecon.core.io.OutputSafety;
import org.livedecon.core.io.TiffReader;
import org.livedecon.core.io.TiffStack;
import org.livedecon.core.psf.PsfFile;
import org.livedecon.core.psf.PsfLibrary;
import org.livedecon.core.psf.PsfMetadata;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livedecon psf-from-beads}: an empirical PSF from a bead stack, with a quality report. */
@Command(name = "psf-from-beads", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Extracts an empirical PSF from a z-stack of sub-resolution fluorescent beads: detects beads, rejects "
                    + "those near edges, crowded, saturated or too bright/dim (doublets), localises and aligns the rest "
                    + "to sub-voxel precision, averages them, corrects for the bead diameter, normalises to sum 1 and "
                    + "centres the peak in an odd-sized volume.",
            "Writes the PSF (float TIFF, calibrated in µm) with a JSON sidecar, a quality report (JSON: FWHM against "
                    + "theory for the given optics, beads used and rejected by reason, SNR, asymmetry, axial shift) and "
                    + "a PNG (XY/XZ/YZ views and FWHM profiles). --save-as also stores it in the PSF library.",
            "Example: livedecon psf-from-beads beads.tif --objective 100x-1.45-oil --wavelength 0.52 -o psf.tif "
                    + "--save-as 100x-gfp"
        })
final class PsfFromBeadsCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "BEADS.tif", description = "Bead z-stack (TIFF, camera units).")
    Path stackFile;

    @Option(names = {"-o", "--output"}, paramLabel = "PSF.tif",
            description = "PSF file to write (its sidecar and report go next to it).")
    Path output;

    @Option(names = "--save-as", paramLabel = "NAME", description = "Also save it in the PSF library under NAME.")
    String saveAs;

    @Option(names = "--overwrite", description = "Replace the PSF, sidecar and report files if they exist (never the bead stack).")
    boolean overwrite;

    @Option(names = "--replace", description = "Replace the library entry --save-as NAME if it exists.")
    boolean replace;

    @Option(names = "--report", paramLabel = "REPORT.json", description = "Report file (default: next to the PSF, NAME-report.json).")
    Path report;

    @Option(names = "--png", paramLabel = "REPORT.png", description = "Report picture (default: next to the PSF, NAME-report.png).")
    Path png;

    @Option(names = "--log", description = "Log scale in the report picture (default: square root).")
    boolean log;

    @Option(names = "--channel", paramLabel = "N", defaultValue = "0", description = "Channel of a multi-channel file, 1-based.")
    int channel;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "0", description = "Time point of a time series, 1-based.")
    int frame;

    @Option(names = "--voxel-size", paramLabel = "X,Y,Z", converter = Converters.VoxelSizeConverter.class,
            description = "Voxel size in µm; required when the file has no calibration.")
    VoxelSize voxelSize;

    @Option(names = "--bead-diameter", paramLabel = "µm", defaultValue = "0.1",
            description = "Bead diameter in µm, corrected for (default: ${DEFAULT-VALUE}); 0 = no correction.")
    double beadDiameterUm;

    @Option(names = "--median", description = "Average beads with the median instead of the mean (robust to outliers).")
    boolean median;

    @Option(names = "--target-voxel-size", paramLabel = "X,Y,Z", converter = Converters.VoxelSizeConverter.class,
            description = "Resample the PSF to this voxel size in µm (default: the stack's).")
    VoxelSize target;

    @Mixin
    OpticsOptions optics;

    @Override
    protected int run() throws Exception {
        if (output == null && saveAs == null) throw usage("say where the PSF goes: -o PSF.tif and/or --save-as NAME");
        if (saveAs != null) {
            try {
                PsfLibrary.checkName(saveAs);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (!(beadDiameterUm >= 0) || beadDiameterUm > 10) {
            throw usage("--bead-diameter must be between 0 and 10 µm, got " + beadDiameterUm);
        }
        if (replace && saveAs == null) throw usage("--replace applies only with --save-as NAME");
        Path libraryTif = saveAs == null ? null : PsfLibrary.standard().folder().resolve(saveAs + ".tif");
        Path base = output != null ? output : libraryTif;
        Path json = report != null ? report : sibling(base, "-report.json");
        Path picture = png != null ? png : sibling(base, "-report.png");
        // every file this run writes, checked against the bead stack and each other before any work
        // reports that default to the library entry's folder belong to the entry: --replace replaces them
        boolean entryReports = output == null;
        OutputSafety files = OutputSafety.check().input("bead stack", stackFile).overwrite(overwrite, "--overwrite")
                .output("PSF output", output).output("PSF sidecar", output == null ? null : PsfFile.sidecar(output))
                .output("report", entryReports && report == null ? null : json)
                .output("report picture", entryReports && png == null ? null : picture);
        checkOutputs(files, output, report, png);
        if (libraryTif != null) {
            if (!replace && java.nio.file.Files.exists(libraryTif, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw usage("the PSF library already holds '" + saveAs + "' (" + libraryTif
                        + "): add --replace to replace it, or choose another name");
            }
            try {
                OutputSafety.check().input("bead stack", stackFile).overwrite(replace || overwrite, "--replace")
                        .output("library entry", libraryTif).output("library sidecar", PsfFile.sidecar(libraryTif))
                        .output("PSF output", output).output("PSF sidecar", output == null ? null : PsfFile.sidecar(output))
                        .output("report", json).output("report picture", picture).verify();
            } catch (OutputException e) {
                throw usage(e.getMessage());
            }
        }
        TiffStack stack = TiffReader.read(stackFile, channel, frame);
        Volume v = stack.volume();
        if (voxelSize != null) v = v.withVoxelSize(voxelSize);
        else if (!stack.calibrated()) {
            throw usage(stackFile + " has no voxel size calibration (µm): give it with --voxel-size X,Y,Z");
        }
        Optics o = optics.optics();
        ExtractionSettings.Builder s = ExtractionSettings.builder().optics(o).theoryModel(optics.model)
                .beadDiameterUm(beadDiameterUm > 0 ? beadDiameterUm : 0.1).beadCorrection(beadDiameterUm > 0)
                .averaging(median ? ExtractionSettings.Averaging.MEDIAN : ExtractionSettings.Averaging.MEAN)
                .saturationLevel((1 << Math.min(16, stack.bitDepth() == 32 ? 16 : stack.bitDepth())) - 1);
        if (target != null) s.targetVoxelSize(target);
        out().println("psf-from-beads: " + stackFile + ", " + v.shape() + " (z,y,x) at " + v.voxelSize() + "; optics: " + optics);
        ExtractionResult r;
        try {
            r = PsfExtractor.extract(v, stackFile.getFileName().toString(), s.build());
        } catch (CalibrationException e) {
            throw new CliException(CliException.RUNTIME, e.getMessage());
        }
        QualityReport q = r.report();
        out().println(beadLine(q));
        out().println("quality: " + q.summary());
        PsfMetadata meta = r.metadata("beads " + stackFile.getFileName(), "",
                beadDiameterUm > 0 ? beadDiameterUm : Double.NaN);
        if (output != null) {
            PsfFile.write(r.psf(), meta, output);
            out().println("wrote " + output + " and " + PsfFile.sidecar(output));
        }
        if (saveAs != null) {
            Path tif = PsfLibrary.standard().save(saveAs, r.psf(), meta);
            out().println("saved in the PSF library as '" + saveAs + "': " + tif + " (use --psf library:" + saveAs + ")");
        }
        java.nio.file.Files.write(json, r.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PsfReportPng.write(r.psf(), q, log, picture);
        out().println("report: " + json + ", " + picture);
        return 0;
    }

    private static String beadLine(QualityReport q) {
        StringBuilder b = new StringBuilder();
        b.append("beads: ").append(q.beadsUsed()).append(" used, ").append(q.beadsRejected()).append(" rejected");
        String sep = " (";
        for (Map.Entry<RejectionReason, Integer> e : q.rejected().entrySet()) {
            if (e.getValue() == 0) continue;
            b.append(sep).append(e.getKey().name().toLowerCase(Locale.ROOT)).append(' ').append(e.getValue());
            sep = ", ";
        }
        if (!sep.equals(" (")) b.append(')');
        return b.toString();
    }

    private static Path sibling(Path tif, String suffix) {
        String n = tif.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return tif.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + suffix);
    }
}
