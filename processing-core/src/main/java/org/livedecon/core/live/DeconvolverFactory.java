package org.livedecon.core.live;

import org.livedecon.core.backend.Backend;
import org.livedecon.core.deconv.Deconvolver;
import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.deconv.Deconvolvers;

/**
 * Makes the deconvolver for one job; the default is {@link Deconvolvers#create}. Called on the
 * engine's worker thread; the deconvolver is used by that thread only.
 */
public interface DeconvolverFactory {
    DeconvolverFactory DEFAULT = new DeconvolverFactory() {
        @Override
        public Deconvolver create(DeconvolutionSettings settings, Backend backend) {
            return Deconvolvers.create(settings, backend);
        }
    };

    Deconvolver create(DeconvolutionSettings settings, Backend backend);
}
