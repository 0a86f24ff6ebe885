package org.livedecon.cli;

import java.io.PrintWriter;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.DeconvolutionPlan;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.FallbackDeconvolver;
import org.livedecon.core.deconv.TiledDeconvolver;
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
    public static DeconvolutionRun run(DeconvolutionSettings requested, Backend backend, int cpuThreads,
                                       Volume image, Psf psf, final PrintWriter out, PrintWriter err, boolean terminal) {
        final DeconvolutionSettings settings = withLambda(requested, image, psf, cpuThreads, out);
        // a job larger than the memory budget is split into tiles rather than failing out of memory
        final long budget = heapBudget(image);
        try (FallbackDeconvolver deconvolver = new FallbackDeconvolver(
                b -> new TiledDeconvolver(settings, b, budgetFor(b, budget)), backend,
                cpuThreads, line -> {
                    out.println(line);
                    out.flush();
                })) {
            return run(deconvolver, settings, backend, image, psf, out, err, terminal);
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

    private static DeconvolutionRun run(Deconvolver deconvolver, DeconvolutionSettings settings, Backend backend,
                                        Volume image, Psf psf, PrintWriter out, PrintWriter err, boolean terminal) {
        DeconvolutionPlan plan = deconvolver.plan(image.shape(), psf);
        out.println("livedecon " + Version.version());
        out.println("settings: " + settings);
        out.println("plan: " + plan);
        // how b is found: the estimate is cheap next to the job and deterministic, so the
        // deconvolver's own estimate is the same value
        out.println("background: " + (settings.background().isAuto()
                ? org.livedecon.core.deconv.BackgroundEstimator.estimateDetailed(image).toString()
                : settings.background().describe()));
        out.println(String.format(java.util.Locale.ROOT, "memory per padded voxel on %s: %.1f bytes "
                        + "(real buffer %d B, spectrum %d B per voxel)", backend.name(),
                (double) plan.bytes() / plan.grid().voxels(), backend.realBytes(Shape.of(1, 1, 1)),
                backend.spectrumBytes(Shape.of(2, 1, 1)) / 2));
        out.flush();
        ProgressBar progress = new ProgressBar(err, terminal);
        try (PeakMemory memory = PeakMemory.start()) {
            DeconvolutionResult r;
            try {
                r = deconvolver.deconvolve(image, psf, progress);
            } finally {
                progress.finish();
            }
            return new DeconvolutionRun(r, memory.peakMiB());
        }
    }

    /**
     * The tighter of the heap budget and what the backend's device has left. A device too small for
     * any sensible tile (under 64 MiB) keeps the heap budget: the job then fails on allocation and
     * the fallback reruns it on the CPU.
     */
    static long budgetFor(Backend b, long heapBudget) {
        long device = b.memoryBudgetBytes();
        return device < 64L * 1048576L ? heapBudget : Math.min(heapBudget, device);
    }

    /**
     * Memory one job may take on the CPU backend: 80 % of the maximum heap less what is in use now
     * and the result array; the system property {@code livedecon.memoryBudgetMiB} overrides it
     * (to test tiling, or to leave room for other work).
     */
    static long heapBudget(Volume image) {
        Long forced = Long.getLong("livedecon.memoryBudgetMiB");
        if (forced != null) return Math.max(1, forced) * 1048576L;
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return Math.max(64L * 1048576L, (long) (0.8 * rt.maxMemory()) - used - 4L * image.shape().voxels());
    }
}
