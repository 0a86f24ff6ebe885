package org.livedecon.core.hardware;

/**
 * A motorised focus (z) drive in micrometres. Larger values move the focal plane deeper into the
 * sample. Not thread-safe: one caller at a time.
 */
public interface FocusDrive {
    /** Current position in µm, as reported by the drive. */
    double positionUm() throws HardwareException;

    /**
     * Starts a move to {@code um}; returns before the move has settled (call {@link #waitUntilSettled()}).
     *
     * @throws HardwareException when {@code um} lies outside [{@link #lowerLimitUm()}, {@link #upperLimitUm()}];
     *                           the drive does not move then
     */
    void moveTo(double um) throws HardwareException;

    /** Blocks until the last move has finished and the stage has settled. */
    void waitUntilSettled() throws HardwareException;

    double lowerLimitUm();

    double upperLimitUm();
}
