package org.livedecon.core.calibration;

import org.livedecon.core.psf.model.Optics;

/**
 * Closed-form widefield resolution figures used to size detection windows, crops and z-scans.
 * They are estimates for planning; the quality report compares with a computed theoretical PSF.
 */
public final class OpticsFacts {
    private OpticsFacts() {}

    /** Lateral FWHM of the widefield PSF, µm: 0.51 λ / NA. */
    public static double lateralFwhmUm(Optics o) {
        return 0.51 * o.wavelengthUm() / o.na();
    }

    /**
     * Axial FWHM of the widefield PSF, µm: 0.88 λ / (n − √(n² − NA²)) with n the immersion index
     * (high-NA formula; the paraxial 2 n λ / NA² overestimates it at NA 1.4).
     */
    public static double axialFwhmUm(Optics o) {
        double n = o.immersionIndex();
        double na = Math.min(o.na(), n * 0.999);
        return 0.88 * o.wavelengthUm() / (n - Math.sqrt(n * n - na * na));
    }

    /** Nyquist pixel size at the sample, µm: λ / (4 NA). */
    public static double nyquistLateralUm(Optics o) {
        return o.wavelengthUm() / (4 * o.na());
    }

    /** Nyquist z step, µm: λ / (2 n (1 − cos α)), sin α = NA / n. */
    public static double nyquistAxialUm(Optics o) {
        double n = o.immersionIndex();
        double sin = Math.min(o.na() / n, 0.999);
        double cos = Math.sqrt(1 - sin * sin);
        return o.wavelengthUm() / (2 * n * (1 - cos));
    }
}
