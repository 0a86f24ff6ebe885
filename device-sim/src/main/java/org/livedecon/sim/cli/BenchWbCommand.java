package org.livedecon.sim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.livedecon.cli.CliCommand;
import org.livedecon.cli.CliException;
import org.livedecon.cli.Reports;
import org.livedecon.core.backend.CpuBackend;
import org.livedecon.core.deconv.Algorithm;
import org.livedecon.core.deconv.BackProjectorSettings;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.Boundary;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.IntensityNormalisation;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.ProgressListener;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.psf.PsfOptions;
import org.livedecon.core.psf.PsfPreparer;
import org.livedecon.core.volume.Volume;
import org.livedecon.sim.SimulatedMicroscope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code livedecon bench-wb}: rl-wb against accelerated RL on a simulated stack with its truth, in
 * one process and on one backend: quality (NRMSE to the truth, as {@code demo} reports it) after a
 * given number of iterations, per iteration and per second, the relative change that drives rl-wb's
 * stop, and rl-wb at its default stop. Meant to be folded into {@code bench --quality}.
 */
@Command(name = "bench-wb", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Benchmarks rl-wb (Wiener-Butterworth back projector) against rl-accel on a simulated stack with its "
                    + "truth: NRMSE to the truth after each iteration count, wall time of each run (set-up included), "
                    + "and rl-wb at its default stop. All runs in one process on the CPU backend.",
            "The background is the camera offset (a known value), the fairest for every method."
        })
public final class BenchWbCommand extends CliCommand {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--wb-iterations", paramLabel = "K,...", split = ",", defaultValue = "1,2,3,5,10",
            description = "rl-wb iteration counts (default: ${DEFAULT-VALUE}).")
    List<Integer> wbIterations;

    @Option(names = "--accel-iterations", paramLabel = "K,...", split = ",", defaultValue = "10,20,50,100",
            description = "rl-accel iteration counts; empty to skip (default: ${DEFAULT-VALUE}).")
    List<String> accelIterations; // strings: "" (skip) is not an int

    @Option(names = "--wb-alpha", paramLabel = "A,...", split = ",", description = "Wiener parameters to sweep.")
    List<Double> alphas;

    @Option(names = "--wb-cutoff", paramLabel = "F,...", split = ",", description = "Cut-offs (fraction of the OTF support) to sweep.")
    List<Double> cutoffs;

    @Option(names = "--wb-order", paramLabel = "N,...", split = ",", description = "Butterworth orders to sweep.")
    List<Integer> orders;

    @Option(names = "--trajectory", paramLabel = "K", defaultValue = "0",
            description = "Also print rl-wb's relative change and NRMSE after each of the first K iterations (default: off).")
    int trajectory;

    @Option(names = "--stop-trajectory", paramLabel = "K", defaultValue = "0",
            description = "Also run rl-wb with its default stop and a maximum of 1..K iterations and print each "
                    + "result's NRMSE: the iterates of the stopping run, for its distance to its own best (default: off).")
    int stopTrajectory;

    @Option(names = "--wb-relax", paramLabel = "W,...", split = ",", description = "Relaxations to sweep.")
    List<Double> relaxations;

    @Option(names = "--as-users", description = "Run as the command line and the live engine do: the stack seen from "
            + "its darkest voxel up (intensity normalisation) with the automatic background, instead of the camera's ADU "
            + "with its offset as a known background.")
    boolean asUsers;

    @Option(names = "--boundary", paramLabel = "B", defaultValue = "non-circulant",
            description = "non-circulant or periodic (default: ${DEFAULT-VALUE}).")
    String boundary;

    @Mixin
    SimulationOptions sim;

    @Override
    protected int run() throws Exception {
        List<Integer> accelCounts = new ArrayList<Integer>();
        for (String count : accelIterations) {
            if (count.trim().isEmpty()) continue;
            try {
                accelCounts.add(Integer.parseInt(count.trim()));
            } catch (NumberFormatException e) {
                throw new CliException(CliException.USAGE, "--accel-iterations: '" + count + "' is not a whole number");
            }
        }
        out().println("bench-wb: " + sim);
        SimulatedMicroscope scope = sim.microscope();
        Volume raw = StackAcquisition.acquire(scope, sim.firstFocusUm(), sim.stackShape().nz(), sim.exposureMs);
        Psf psf = PsfPreparer.prepare(scope.psf().volume(), "simulator PSF (" + scope.psf().source() + ")",
                PsfOptions.builder().targetVoxelSize(raw.voxelSize()).build());
        Volume target = Reports.gaussianSmoothed(SimDemoCommand.stackTruth(scope, sim, raw.nz()), 1.0);
        out().println("psf: " + psf + (asUsers ? "" : "; background: camera offset " + sim.offsetAdu + " ADU (fixed)"));
        out().println(String.format(Locale.ROOT, "raw - offset: NRMSE %.4f",
                SimDemoCommand.scaledNrmse(Reports.gaussianSmoothed(raw, 1.0), sim.offsetAdu, target)));
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Background background = asUsers ? Background.auto() : Background.fixed(sim.offsetAdu);
        // NRMSE takes the best scale, so the normalisation's scale needs no undoing; its shift lives in b
        IntensityNormalisation normalisation = asUsers ? IntensityNormalisation.of(raw, background) : null;
        final Volume data = asUsers ? normalisation.apply(raw) : raw;
        if (asUsers) out().println("as users: " + normalisation + "; background auto");
        final Boundary bound = Boundary.parse(boundary);
        try (CpuBackend backend = new CpuBackend(n)) {
            // warm-up: JIT, FFT plans and OTF cache, so that the first timed run is not penalised
            run(backend, DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB).iterations(1).tolerance(0)
                    .background(background).boundary(bound).build(), data, psf, target);
            out().println("method      iterations  stop            NRMSE    seconds  set-up s  s/iteration");
            for (BackProjectorSettings wb : sweep()) {
                if (alphas != null || cutoffs != null || orders != null || relaxations != null) out().println("-- " + wb);
                DeconvolutionSettings.Builder b = DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB)
                        .background(background).boundary(bound).backProjector(wb);
                if (trajectory > 0) {
                    final double[] rel = new double[trajectory + 2];
                    final double[] fit = new double[trajectory + 2];
                    Deconvolvers.create(b.iterations(trajectory + 1).tolerance(0).build(), backend).deconvolve(data, psf,
                            new ProgressListener() {
                                @Override
                                public void iterationDone(int done, int planned, double change, long elapsed) {
                                    rel[done] = change;
                                }

                                @Override
                                public void fitMeasured(int iteration, double divergence) {
                                    fit[iteration] = divergence;
                                }
                            });
                    for (int k = 1; k <= trajectory; k++) {
                        Row r = run(backend, b.iterations(k).tolerance(0).build(), data, psf, target);
                        out().println(String.format(Locale.ROOT,
                                "  trajectory k=%2d  change %.4f  I-divergence/voxel %.5f  NRMSE %.4f  %.2f s",
                                k, rel[k], fit[k], r.nrmse, r.seconds));
                    }
                }
 if (stopTrajectory > 0) {
                    double best = Double.MAX_VALUE;
                    int bestK = 0;
                    for (int k = 1; k <= stopTrajectory; k++) {
                        Row r = run(backend, DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB).background(background)
                                .boundary(bound).backProjector(wb).iterations(k).build(), data, psf, target);
                        if (r.nrmse < best) {
                            best = r.nrmse;
                            bestK = k;
                        }
                        out().println(String.format(Locale.ROOT, "  stop-trajectory max=%2d  done %2d %-13s NRMSE %.4f",
                                k, r.result.iterations(), r.result.stopReason().name().toLowerCase(Locale.ROOT), r.nrmse));
                    }
                    out().println(String.format(Locale.ROOT, "  stop-trajectory best NRMSE %.4f at max=%d", best, bestK));
                }
                for (int k : wbIterations) print("rl-wb", run(backend, b.iterations(k).tolerance(0).build(), data, psf, target));
                DeconvolutionSettings.Builder stop = DeconvolutionSettings.builder().algorithm(Algorithm.RL_WB)
                        .background(background).boundary(bound).backProjector(wb);
                print("rl-wb stop", run(backend, stop.build(), data, psf, target));
            }
            for (int k : accelCounts) {
                print("rl-accel", run(backend, DeconvolutionSettings.builder().algorithm(Algorithm.ACCELERATED_RL)
                        .iterations(k).background(background).boundary(bound).build(), data, psf, target));
            }
        }
        return 0;
    }

    private List<BackProjectorSettings> sweep() {
        List<BackProjectorSettings> all = new ArrayList<BackProjectorSettings>();
        for (double a : alphas != null ? alphas : one(BackProjectorSettings.DEFAULT_ALPHA)) {
            for (double c : cutoffs != null ? cutoffs : one(BackProjectorSettings.DEFAULT_CUTOFF)) {
                for (int o : orders != null ? orders : one(BackProjectorSettings.DEFAULT_ORDER)) {
                    for (double w : relaxations != null ? relaxations : one(BackProjectorSettings.DEFAULT_RELAXATION)) {
                        all.add(BackProjectorSettings.builder().alpha(a).cutoff(c).order(o).relaxation(w).build());
                    }
                }
            }
        }
        return all;
    }

    private static <T> List<T> one(T v) {
        List<T> l = new ArrayList<T>();
        l.add(v);
        return l;
    }

    private static final class Row {
        DeconvolutionResult result;
        double nrmse;
        double seconds;
    }

    private static Row run(CpuBackend backend, DeconvolutionSettings s, Volume image, Psf psf, Volume target) {
        Row r = new Row();
        r.result = Deconvolvers.create(s, backend).deconvolve(image, psf, ProgressListener.NONE);
        r.seconds = r.result.elapsedNanos() / 1e9;
        r.nrmse = SimDemoCommand.scaledNrmse(Reports.gaussianSmoothed(r.result.volume(), 1.0), 0, target);
        return r;
    }

    private void print(String method, Row r) {
        out().println(String.format(Locale.ROOT, "%-11s %10d  %-14s %7.4f  %7.2f  %7.2f  %7.3f", method,
                r.result.iterations(), r.result.stopReason().name().toLowerCase(Locale.ROOT), r.nrmse, r.seconds,
                r.result.setupNanos() / 1e9, r.result.secondsPerIteration()));
    }
}
