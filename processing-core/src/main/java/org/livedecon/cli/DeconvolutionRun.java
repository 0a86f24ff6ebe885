package org.livedecon.cli;

import java.io.PrintWriter;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.DeconvolutionPlan;
import org.livedecon.core.deconv.DeconvolutionResult;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.Deconvolvers;
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
        Deconvolver deconvolver = Deconvolvers.create(settings, backend);
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
}
