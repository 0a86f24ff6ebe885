package org.livedecon.cli;

import java.io.PrintWriter;
import java.util.function.BiFunction;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.MemoryBudget;
import org.livedecon.core.deconv.Background;
import org.livedecon.core.deconv.BackgroundEstimator;
import org.livedecon.core.deconv.DeconvolutionPlan;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.IntensityNormalisation;
import org.livedecon.core.deconv.JobRunner;
import org.livedecon.core.psf.Psf;
import org.livedecon.core.volume.Shape;
import org.livedecon.core.volume.Volume;

/**
 * One deconvolution as the commands run it: prints version, settings and plan on {@code out},
 * shows progress on {@code err}, and measures the peak heap.
 */
public final class DeconvolutionRun {
    private final DeconvolutionResult result;
    private final long peakHeapMiB;

    private DeconvolutionRun(DeconvolutionResult result, long peakHeapMiB) {
        this.result = result;
        this.peakHeapMiB = peakHeapMiB;
    }

    public DeconvolutionResult result() { return result; }

    public long peakHeapMiB() { return peakHeapMiB; }

    public static DeconvolutionRun run(DeconvolutionSettings settings, Backend backend, Volume image, Psf psf,
                                PrintWriter out, PrintWriter err, boolean terminal) {
        return run(settings, backend, Runtime.getRuntime().availableProcessors(), image, psf, out, err, terminal);
    }

    /**
     * As {@link #run(DeconvolutionSettings, Backend, Volume, Psf, PrintWriter, PrintWriter, boolean)};
     * a backend other than the CPU one that fails mid-job is replaced by a CPU backend with
     * {@code cpuThreads} threads (the reason is printed on {@code out}) and the job rerun.
     */
    public static DeconvolutionRun run(DeconvolutionSettings userSettings, Backend backend, int cpuThreads,
                                       Volume userImage, Psf psf, final PrintWriter out, PrintWriter err, boolean terminal) {
        return run(userSettings, backend, cpuThreads, userImage, psf, out, err, terminal, false);
    }

    /**
     * As above; with {@code imageIsScratch} the caller gives up {@code userImage}: its voxels may be
     * overwritten (shifted and scaled in place rather than copied, a stack-sized array less).
     */
    public static DeconvolutionRun run(DeconvolutionSettings userSettings, Backend backend, int cpuThreads,
                                       Volume userImage, Psf psf, final PrintWriter out, PrintWriter err, boolean terminal,
                                       boolean imageIsScratch) {
        return run(userSettings, backend, cpuThreads, userImage, psf, out, err, terminal, imageIsScratch, null);
    }

    /**
     * As above; {@code beforeEngine} (may be null) runs after the single-threaded preparation of the
     * data (normalisation, background) and before the engine's set-up: the command line waits there
     * for its JIT warm-up, which so overlaps that preparation too.
     */
    public static DeconvolutionRun run(DeconvolutionSettings userSettings, Backend backend, int cpuThreads,
                                       Volume userImage, Psf psf, final PrintWriter out, PrintWriter err, boolean terminal,
                                       boolean imageIsScratch, Runnable beforeEngine) {
        // negative, signed or extremely scaled data are shifted and scaled for the engine, then back
        IntensityNormalisation normalisation = IntensityNormalisation.of(userImage, userSettings.background());
        if (!normalisation.identity()) out.println("intensities: " + normalisation);
        Volume image = imageIsScratch ? normalisation.applyInPlace(userImage) : normalisation.apply(userImage);
        // an automatic background is estimated once here, printed, and given to the engine as its
        // value: the deconvolver would otherwise estimate it again on the same voxels (0.1 s on a
        // 64x256x256 stack, the same number; the tiled one gives its tiles a fixed value likewise)
        BackgroundEstimator.Estimate estimate = userSettings.background().isAuto()
                ? BackgroundEstimator.estimateDetailed(image) : null;
        DeconvolutionSettings engine = normalisation.apply(userSettings);
        if (estimate != null && estimate.value() >= 0 && !Double.isInfinite(estimate.value())) engine = engine.toBuilder().background(Background.fixed(estimate.value())).build();
        // Wiener's λ (when not given) from the noise of the data the engine sees
        if (beforeEngine != null) beforeEngine.run();
        final DeconvolutionSettings settings = withLambda(engine, image, psf, cpuThreads, out);
        // a job larger than the memory budget is split into tiles rather than failing out of memory
        final MemoryBudget budget = MemoryBudget.forCommandLine(backend);
        try (JobRunner runner = JobRunner.on(backend, cpuThreads, line -> {
                    out.println(line);
                    out.flush();
                })) {
            DeconvolutionRun run = run(runner, budget, settings, userSettings, estimate, image, psf, out, err, terminal);
            DeconvolutionResult r = run.result;
            if (estimate != null) {
                // the result reports the settings the user gave (auto), with the value found
                r = new DeconvolutionResult(r.volume(), r.plan(), normalisation.apply(userSettings), r.background(),
                        r.iterations(), r.stopReason(), r.setupNanos(), r.elapsedNanos());
            }
            return new DeconvolutionRun(normalisation.undo(r), run.peakHeapMiB);
        }
    }

    /**
     * Wiener without a given λ: λ from the stack's noise (generalized cross-validation, see
     * {@link org.livedecon.core.deconv.WienerLambda}), printed, and fixed for the run.
     */
    static DeconvolutionSettings withLambda(DeconvolutionSettings s, Volume image, Psf psf, int threads, PrintWriter out) {
        if (!s.lambdaAuto()) return s;
        double b = s.background().resolve(image);
        double lambda = org.livedecon.core.deconv.WienerLambda.gcv(image, b, psf, threads);
        out.println(String.format(java.util.Locale.ROOT, "lambda: %.3g (auto: generalized cross-validation on the "
                + "stack's spectrum; --lambda overrides it)", lambda));
        return s.toBuilder().lambda(lambda).build();
    }

    private static DeconvolutionRun run(JobRunner runner, final MemoryBudget budget, DeconvolutionSettings engine,
                                        DeconvolutionSettings settings, BackgroundEstimator.Estimate estimate,
                                        Volume image, Psf psf, PrintWriter out, PrintWriter err, boolean terminal) {
        Backend backend = runner.backend();
        BiFunction<DeconvolutionSettings, Backend, Deconvolver> tiled = (s, b) -> JobRunner.tiled(s, b, budget);
        DeconvolutionPlan plan;
        try {
            plan = runner.plan(tiled, engine, image.shape(), psf);
        } catch (IllegalArgumentException e) {
            // refused before any work: say what the heap holds and what to give it
            Runtime rt = Runtime.getRuntime();
            throw new IllegalArgumentException(e.getMessage() + String.format(java.util.Locale.ROOT,
                    " (maximum heap %d MiB, %d MiB in use holding the image; give Java more memory, e.g. "
                            + "LIVEDECON_JAVA_OPTS=-Xmx..., or crop the stack)", rt.maxMemory() / 1048576,
                    (rt.totalMemory() - rt.freeMemory()) / 1048576), e);
        }
        out.println("livedecon " + Version.version());
        out.println("settings: " + settings);
        out.println("plan: " + plan);
        // how b is found
        out.println("background: " + (estimate != null ? estimate.toString() : settings.background().describe()));
        out.println(String.format(java.util.Locale.ROOT, "memory per padded voxel on %s: %.1f bytes "
                        + "(real buffer %d B, spectrum %d B per voxel)", backend.name(),
                (double) plan.bytes() / plan.grid().voxels(), backend.realBytes(Shape.of(1, 1, 1)),
                backend.spectrumBytes(Shape.of(2, 1, 1)) / 2));
        out.flush();
        ProgressBar progress = new ProgressBar(err, terminal);
        try (PeakMemory memory = PeakMemory.start()) {
            DeconvolutionResult r;
            try {
                r = runner.deconvolve(tiled, engine, image, psf, progress);
            } finally {
                progress.finish();
            }
            return new DeconvolutionRun(r, memory.peakMiB());
        }
    }
}
