package org.livedecon.core.live;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.backend.MemoryBudget;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.JobRunner;

/**
 * Makes the deconvolver for one job. Called on the engine's worker thread; the deconvolver is used
 * by that thread only.
 */
public interface DeconvolverFactory {
    /**
     * {@link JobRunner#tiled} under {@link MemoryBudget#forLiveJob}: the engine shares the Java heap
     * with the acquisition (inside Micro-Manager), so one large stack must not take most of it.
     */
    DeconvolverFactory DEFAULT = new DeconvolverFactory() {
        @Override
        public Deconvolver create(DeconvolutionSettings settings, Backend backend) {
            return JobRunner.tiled(settings, backend, MemoryBudget.forLiveJob(backend));
        }
    };

    /** Memory one live job may take on {@code backend}: {@link MemoryBudget#forLiveJob}'s {@link MemoryBudget#jobBytes}. */
    static long jobBudgetBytes(Backend backend) {
        return MemoryBudget.forLiveJob(backend).jobBytes();
    }

    Deconvolver create(DeconvolutionSettings settings, Backend backend);
}
