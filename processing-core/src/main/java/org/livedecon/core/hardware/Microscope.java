package org.livedecon.core.hardware;

/**
 * The hardware the engine talks to: a camera, a focus drive and the pixel size at the sample.
 * The only contract between the calibration and streaming logic and a real (MMCore) or simulated
 * microscope.
 */
public interface Microscope {
    Camera camera();

    FocusDrive focus();

    /** Size of one camera pixel at the sample, in µm (camera pixel / magnification). */
    double pixelSizeUm() throws HardwareException;
}
