package org.livedecon.core.live;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;
import org.livedecon.core.deconv.TiledDeconvolver;

/**
 * Makes the deconvolver for one job. Called on the engine's worker thread; the deconvolver is used
 * by that thread only.
 */
public interface DeconvolverFactory {
    /**
     * {@link Deconvolvers#create}, tiled by {@link TiledDeconvolver} when a job would take more
     * than {@link #jobBudgetBytes}: the engine shares the Java heap with the acquisition (inside
     * Micro-Manager), so one large stack must not take most of it.
     */
    DeconvolverFactory DEFAULT = new DeconvolverFactory() {
        @Override
        public Deconvolver create(DeconvolutionSettings settings, Backend backend) {
            return new TiledDeconvolver(settings, backend, jobBudgetBytes(backend));
        }
    };

    /**
     * Memory one live job may take: a quarter of the maximum heap (at least 64 MiB), or less if
     * the backend's device has less left (a device under 64 MiB keeps the heap figure: the job
     * then fails on allocation and the engine falls back to the CPU).
     */
    static long jobBudgetBytes(Backend backend) {
        long heap = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4);
        long device = backend.memoryBudgetBytes();
        return device < (64L << 20) ? heap : Math.min(heap, device);
    }

    Deconvolver create(DeconvolutionSettings settings, Backend backend);
}
