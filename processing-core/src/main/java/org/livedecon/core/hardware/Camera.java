package org.livedecon.core.hardware;

/**
 * A scientific camera, as the calibration and acquisition logic see it. Implemented over MMCore
 * in the plugin and by the simulator in device-sim. Not thread-safe: one caller at a time.
 */
public interface Camera {
    /** Sensor size in pixels (the full chip, not the ROI). */
    int sensorWidth();

    int sensorHeight();

    /** Bits per pixel of the delivered images: 8 gives {@code byte[]}, 9 to 16 give {@code short[]}. */
    int bitDepth();

    /** Exposure time in milliseconds. */
    double exposureMs() throws HardwareException;

    /** @throws HardwareException when the camera refuses the value (the message gives its range) */
    void setExposureMs(double ms) throws HardwareException;

    Roi roi() throws HardwareException;

    /** @throws HardwareException when the ROI does not fit the sensor */
    void setRoi(Roi roi) throws HardwareException;

    /**
     * Exposes and reads out one image of the current ROI, row-major ({@code x + width * y}):
     * {@code byte[]} for 8-bit, {@code short[]} (unsigned values) otherwise, as MMCore delivers them.
     * Blocks for exposure plus readout.
     */
    Object snap() throws HardwareException;
}
