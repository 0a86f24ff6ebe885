package org.livedecon.sim;

import org.livedecon.core.hardware.HardwareException;
import org.livedecon.core.hardware.Roi;

/** What the camera looks at: the noise-free optical image, before the sensor. */
public interface PhotonSource {
    /**
     * The photon flux reaching each pixel of {@code roi} (sensor coordinates) at this moment
     * (current focus, channel), in photons/s, row-major {@code x + roi.width() * y}. A new array
     * the caller owns; never negative.
     */
    float[] photonsPerSecond(Roi roi) throws HardwareException;
}
