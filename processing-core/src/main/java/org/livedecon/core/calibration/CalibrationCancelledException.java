package org.livedecon.core.calibration;

/** The user cancelled a calibration; the hardware has been restored. */
public final class CalibrationCancelledException extends CalibrationException {
    private static final long serialVersionUID = 1L;

    public CalibrationCancelledException(String message) {
        super(message);
    }
}
