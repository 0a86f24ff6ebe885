package org.livedecon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.io.TiffWriter;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.model.Optics;
import org.livedecon.core.psf.model.PsfModel;
import org.livedecon.core.psf.model.TheoreticalPsf;
import org.livedecon.core.synthetic.SyntheticStack;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;
import org.livedecon.core.volume.VoxelSize;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livedecon demo}: a synthetic stack with known truth, deconvolved with the defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Simulates a small widefield stack (32x128x128 voxels (z,y,x) of 0.1x0.1x0.2 µm; beads and filaments, "
                    + "Gibson-Lanni PSF for NA 1.4 oil at 0.52 µm, Poisson noise, camera offset 100), "
                    + "deconvolves it with the default settings (rl-accel, 20 iterations, non-circulant, auto "
                    + "background) and reports the error against the known truth.",
            "Writes raw.tif, truth.tif, psf.tif and deconvolved.tif (32-bit float, calibrated) into the output "
                    + "directory. NRMSE = RMS(a − t) / RMS(t), with a and the truth t both smoothed by a Gaussian of "
                    + "σ = 1 voxel (single-voxel beads are beyond any widefield reconstruction)."
        })
final class DemoCommand extends CliCommand {
    static final VoxelSize VOXEL = VoxelSize.of(0.1, 0.1, 0.2);
    /** Upper bound of the demo PSF (z,y,x: 6.2 x 6.3 x 6.3 µm), to keep the demo quick. */
    static final Shape MAX_PSF = Shape.of(63, 63, 31);

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "livedecon-demo",
            description = "Output directory, created if missing (default: ./${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--size", paramLabel = "ZxYxX", defaultValue = "32x128x128", hidden = true,
            converter = Converters.ShapeConverter.class, description = "Stack size (for tests).")
    Shape size;

    @Override
    protected int run() throws Exception {
        int n = DeconvolutionOptions.threads(threads);
        Files.createDirectories(dir);
        Optics optics = Optics.builder().na(1.4).wavelengthUm(0.52).immersionIndex(1.518).sampleIndex(1.518)
                .coverslipIndex(1.518).depthUm(0).build();
        Shape suggested = TheoreticalPsf.suggestedShape(PsfModel.GIBSON_LANNI, optics, VOXEL);
        Psf psf = TheoreticalPsf.generate(PsfModel.GIBSON_LANNI, optics, cap(suggested, size), VOXEL);
        DeconvolutionSettings settings = DeconvolutionSettings.builder().build();
        try (CpuBackend backend = new CpuBackend(n)) {
            // a bright, busy field: beads and filaments at widefield brightness over offset 100
            SyntheticStack sim = SyntheticStack.builder(size, VOXEL).seed(42).pointsPerMegavoxel(300)
                    .pointPhotons(20000).filamentsPerMegavoxel(60).filamentPhotonsPerVoxel(400).build(psf, backend);
            TiffWriter.writeFloat(sim.image(), dir.resolve("raw.tif"));
            TiffWriter.writeFloat(sim.truth(), dir.resolve("truth.tif"));
            TiffWriter.writeFloat(psf.volume(), dir.resolve("psf.tif"));
            out().println(String.format(Locale.ROOT, "demo: synthetic stack %s (z,y,x) at %s, true background %.1f, "
                    + "in %s", size, VOXEL, sim.background(), dir));
            out().println("psf: " + psf);
            DeconvolutionRun run = DeconvolutionRun.run(settings, backend, sim.image(), psf, out(), err(), terminal());
            Path result = dir.resolve("deconvolved.tif");
            Volume deconvolved = run.result().volume();
            TiffWriter.writeFloat(deconvolved, result);
            out().println(Reports.summary(result, "32-bit float", run.result(), run.peakHeapMiB()));
            // single-voxel beads cannot be matched voxel for voxel by any widefield method; compare
            // at 1-voxel resolution: truth and result both smoothed by a Gaussian of σ = 1 voxel
            Volume target = Reports.gaussianSmoothed(sim.truth(), 1.0);
            out().println(String.format(Locale.ROOT, "NRMSE vs truth at 1-voxel resolution: raw - background %.3f, "
                            + "deconvolved %.3f",
                    Reports.nrmse(Reports.gaussianSmoothed(sim.image(), 1.0), sim.background(), target),
                    Reports.nrmse(Reports.gaussianSmoothed(deconvolved, 1.0), 0, target)));
        }
        return 0;
    }

    /** The suggested PSF shape, no larger than {@link #MAX_PSF} nor than the image, odd. */
    static Shape cap(Shape psf, Shape image) {
        return Shape.of(odd(psf.nx(), MAX_PSF.nx(), image.nx()), odd(psf.ny(), MAX_PSF.ny(), image.ny()),
                odd(psf.nz(), MAX_PSF.nz(), image.nz()));
    }

    private static int odd(int suggested, int max, int image) {
        int n = Math.min(suggested, Math.min(max, image));
        return n % 2 == 1 ? n : Math.max(1, n - 1);
    }
}
