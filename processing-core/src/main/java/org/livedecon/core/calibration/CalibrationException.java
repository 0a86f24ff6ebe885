package org.livedecon.core.calibration;

/**
 * PSF calibration could not produce a PSF: no beads, too few usable beads, all saturated, a
 * z-scan outside the focus limits, a hardware failure. The message names the values involved and
 * what to change. The hardware has been restored when a {@link CalibrationSession} throws it.
 */
public class CalibrationException extends Exception {
    private static final long serialVersionUID = 1L;

    public CalibrationException(String message) {
        super(message);
    }

    public CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
