package org.livedecon.core.live;

import org.livedecon.core.deconv.DeconvolutionSettings;
import org.livedecon.core.psf.Psf;

/** How one channel is deconvolved: its PSF (at the stack's voxel size) and its settings. Immutable. */
public final class ChannelSetup {
    private final Psf psf;
    private final DeconvolutionSettings settings;

    public ChannelSetup(Psf psf, DeconvolutionSettings settings) {
        if (psf == null || settings == null) throw new IllegalArgumentException("a channel needs a PSF and settings");
        this.psf = psf;
        this.settings = settings;
    }

    public Psf psf() { return psf; }
    public DeconvolutionSettings settings() { return settings; }

    @Override
    public String toString() { return settings + ", PSF " + psf.shape() + " from " + psf.source(); }
}
