package org.livedecon.core.deconv;

import org.livedecon.core.backend.Backend;

/** Creates the {@link Deconvolver} for a settings object. */
public final class Deconvolvers {
    private Deconvolvers() {}

    public static Deconvolver create(DeconvolutionSettings settings, Backend backend) {
        return settings.algorithm() == Algorithm.WIENER ? new Wiener(settings, backend) : new RichardsonLucy(settings, backend);
    }
}
