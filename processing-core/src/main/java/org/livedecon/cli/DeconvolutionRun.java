package org.livedecon.cli;

import java.io.PrintWriter;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.DeconvolutionPlan;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.TiledDeconvolver;
import org.livedecon.core.psf.Psf;
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
        // a job larger than the heap allows is split into tiles rather than failing out of memory
        Deconvolver deconvolver = new TiledDeconvolver(settings, backend, heapBudget(image));
        DeconvolutionPlan plan = deconvolver.plan(image.shape(), psf);
        out.println("livedecon " + Version.version());
        out.println("settings: " + settings);
        out.println("plan: " + plan);
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
