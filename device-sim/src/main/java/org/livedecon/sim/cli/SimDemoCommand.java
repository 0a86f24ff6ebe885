package org.livedecon.sim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.livedecon.cli.CliCommand;
import org.livedecon.cli.DeconvolutionRun;
import org.livedecon.cli.Reports;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.io.PreviewPng;
import org.livedecon.core.io.OutputSafety;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.source.PsfSource;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.sim.SimulatedMicroscope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code livedecon demo}: the main job without hardware. Acquires a synthetic cell on the
 * simulated microscope, deconvolves it with the default settings and shows the result.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Acquires a z-stack of a synthetic cell on the simulated microscope (NA 1.4 oil, 0.52 µm, 16-bit camera "
                    + "with shot and read noise, offset 100), deconvolves it with the defaults (rl-shb, 20 iterations, "
                    + "non-circulant, auto background) using the simulator's PSF, and writes raw.tif, deconvolved.tif, "
                    + "truth.tif, psf.tif (calibrated, µm) and preview.png (central XY and XZ, truth | raw | "
                    + "deconvolved, scale bar).",
            "Reports against the truth: the NRMSE of the raw and deconvolved stacks at full resolution and "
                    + "smoothed to 1-voxel resolution (brought to the truth's scale by a least-squares factor: raw is "
                    + "in ADU, the truth in photons/s), the flux kept and the fraction of voxels exactly 0."
        })
public final class SimDemoCommand extends CliCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "livedecon-demo",
            description = "Output directory, created if missing (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--overwrite", description = "Replace the files of an earlier run in the output directory.")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Mixin
    SimulationOptions sim;

    @Override
    protected int run() throws Exception {
        Shape shape = sim.stackShape();
        // before any work, and before making the folder: a clash leaves nothing behind
        checkOutputs(OutputSafety.check().input("sample", sim.sampleFile()).output("raw.tif", dir.resolve("raw.tif")).output("deconvolved.tif", dir.resolve("deconvolved.tif")).output("truth.tif", dir.resolve("truth.tif")).output("psf.tif", dir.resolve("psf.tif")).output("preview.png", dir.resolve("preview.png"))
                .overwrite(overwrite, "--overwrite"));
        Files.createDirectories(dir);
        out().println("demo: simulated microscope, " + sim);
        SimulatedMicroscope scope = sim.microscope();
        Volume raw = StackAcquisition.acquire(scope, sim.firstFocusUm(), shape.nz(), sim.exposureMs);
        Psf psf = PsfSource.volume(scope.psf().volume(), "simulator PSF (" + scope.psf().source() + ")").at(raw.voxelSize());
        out().println("psf: " + psf);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) throw usage("--threads must be at least 1, got " + n);
        try (CpuBackend backend = new CpuBackend(n)) {
            DeconvolutionRun run = DeconvolutionRun.run(DeconvolutionSettings.builder().build(), backend, raw, psf, out(),
                    err(), terminal());
            Volume deconvolved = run.result().volume();
            TiffWriter.write16(raw, dir.resolve("raw.tif"), 1.0);
            Path result = dir.resolve("deconvolved.tif");
            TiffWriter.writeFloat(deconvolved, result);
            // the truth on the stack's planes, so that truth.tif lines up with raw.tif and deconvolved.tif
            Volume truth = stackTruth(scope, sim, raw.nz());
            TiffWriter.writeFloat(truth, dir.resolve("truth.tif"));
            TiffWriter.writeFloat(psf.volume(), dir.resolve("psf.tif"));
            Path png = dir.resolve("preview.png");
            PreviewPng.write(new Volume[] {truth, raw, deconvolved}, new String[] {"truth", "raw", "deconvolved"}, png);
            out().println(Reports.summary(result, "32-bit float", run.result(), run.peakHeapMiB()));
            double b = run.result().background();
            Volume target = Reports.gaussianSmoothed(truth, 1.0);
            out().println(String.format(Locale.ROOT, "wrote %s (truth | raw | deconvolved)", png));
            out().println(String.format(Locale.ROOT, "vs truth: NRMSE raw - background %.3f, deconvolved %.3f "
                            + "(at 1-voxel resolution %.3f, %.3f); flux kept %.1f %%; zeros %.1f %% (truth %.1f %%)",
                    scaledNrmse(raw, b, truth), scaledNrmse(deconvolved, 0, truth),
                    scaledNrmse(Reports.gaussianSmoothed(raw, 1.0), b, target),
                    scaledNrmse(Reports.gaussianSmoothed(deconvolved, 1.0), 0, target),
                    100 * deconvolved.sum() / (truth.sum() * QualityBench.aduPerPhotonRate(scope, sim.exposureMs)),
                    100 * QualityBench.zeros(deconvolved), 100 * QualityBench.zeros(truth)));
        }
        return 0;
    }

    /**
     * The simulator's truth on the planes of a stack of {@code nz} planes acquired from
     * {@code sim.firstFocusUm()}: the sample has its own depth (a 1 µm bead layer is 5 planes).
     */
    static Volume stackTruth(SimulatedMicroscope scope, SimulationOptions sim, int nz) {
        Volume truth = scope.truth();
        return truth.nz() == nz ? truth : QualityBench.centredPlanes(truth, nz, sim.firstFocusUm(), sim.zStepUm);
    }

    /** RMS(s·(a − offset) − t) / RMS(t) with the least-squares scale s. */
    static double scaledNrmse(Volume a, double offset, Volume truth) {
        float[] x = a.data(), t = truth.data();
        double at = 0, aa = 0, tt = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i] - offset;
            at += v * t[i];
            aa += v * v;
            tt += (double) t[i] * t[i];
        }
        double s = aa > 0 ? at / aa : 0;
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            double d = s * (x[i] - offset) - t[i];
            e += d * d;
        }
        return tt > 0 ? Math.sqrt(e / tt) : Double.NaN;
    }
}
